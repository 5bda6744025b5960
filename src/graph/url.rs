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

/// `scheme://host[:port]` of an absolute URL, lowercased; `None` if not absolute.
pub fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+')
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some(format!("{}://{}", scheme, authority).to_ascii_lowercase())
}
