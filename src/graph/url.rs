//! Percent-encoding of path segments and query values (RFC 3986).

/// Encodes an id for use as one path segment: everything but unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded.
pub fn encode_path_segment(segment: &str) -> String {
    encode(segment, |_| false)
}

/// Encodes an OData query value. Besides unreserved characters it keeps
/// `' ( ) , : / @ $ *` readable, which Graph accepts unencoded.
pub fn encode_query_value(value: &str) -> String {
    encode(value, |b| {
        matches!(
            b,
            b'\'' | b'(' | b')' | b',' | b':' | b'/' | b'@' | b'$' | b'*'
        )
    })
}

fn encode(text: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(hex_digit(b >> 4));
            out.push(hex_digit(b & 0x0f));
        }
    }
    out
}

fn hex_digit(nibble: u8) -> char {
    char::from(match nibble {
        0..=9 => b'0' + nibble,
        _ => b'A' + (nibble - 10),
    })
}

/// The origin of an absolute URL: scheme, host and explicit port, all
/// lowercased. The one URL parser of the viewer: paging, the CSP check and
/// the cloud table all read URLs through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub scheme: String,
    pub host: String,
    pub port: Option<String>,
    /// The authority carried `user[:password]@` (browsers drop it; a page
    /// link with one is never followed).
    pub has_userinfo: bool,
}

impl Origin {
    /// Parses `scheme://[userinfo@]host[:port][/path][?query][#fragment]`;
    /// `None` when `url` is not absolute or has no host.
    pub fn parse(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let scheme_ok = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !scheme_ok {
            return None;
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let (has_userinfo, host_port) = match authority.rsplit_once('@') {
            Some((_, host_port)) => (true, host_port),
            None => (false, authority),
        };
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !h.is_empty() && !p.contains(']') => (h, Some(p.to_string())),
            _ => (host_port, None),
        };
        if host.is_empty() {
            return None;
        }
        Some(Origin {
            scheme: scheme.to_ascii_lowercase(),
            host: host.to_ascii_lowercase(),
            port,
            has_userinfo,
        })
    }

    /// The explicit port, or the scheme's default one.
    pub fn effective_port(&self) -> Option<&str> {
        self.port.as_deref().or(match self.scheme.as_str() {
            "https" | "wss" => Some("443"),
            "http" | "ws" => Some("80"),
            _ => None,
        })
    }

    /// Same scheme, host and (effective) port.
    pub fn same_as(&self, other: &Origin) -> bool {
        self.scheme == other.scheme
            && self.host == other.host
            && self.effective_port() == other.effective_port()
    }

    /// `scheme://host[:port]`, without user info.
    pub fn text(&self) -> String {
        match &self.port {
            Some(p) => format!("{}://{}:{p}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }
}

/// `scheme://host[:port]` of an absolute URL, lowercased; `None` if not
/// absolute or when it carries user info (never followed).
pub fn origin(url: &str) -> Option<String> {
    Origin::parse(url)
        .filter(|o| !o.has_userinfo)
        .map(|o| o.text())
}
