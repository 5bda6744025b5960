//! Server-driven paging: an opaque `$skiptoken` and the absolute
//! `@odata.nextLink` on the host the request came in on.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::wire::{percent_encode, GraphRequest};

pub const DEFAULT_PAGE: usize = 100;

/// Where the next page starts: the rows already returned (`offset`) and,
/// for a filtered listing, the position in the unfiltered rows just after
/// the last of them (`after`), so the next page reads on from there
/// instead of filtering every earlier row again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub offset: usize,
    pub after: Option<usize>,
}

pub fn encode(cursor: Cursor, fingerprint: u64) -> String {
    let raw = match cursor.after {
        None => format!("lcw1|{}|{fingerprint:016x}", cursor.offset),
        Some(after) => format!("lcw2|{}|{after}|{fingerprint:016x}", cursor.offset),
    };
    format!("RFNwdAI{}", URL_SAFE_NO_PAD.encode(raw))
}

/// The cursor a token holds, if it is one of ours for this query.
pub fn decode(token: &str, fingerprint: u64) -> Result<Cursor, String> {
    let bad = || "The $skiptoken value is not valid for this request.".to_string();
    let body = token.strip_prefix("RFNwdAI").ok_or_else(bad)?;
    let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
    let s = String::from_utf8(bytes).map_err(|_| bad())?;
    let mut parts = s.split('|');
    let with_after = match parts.next() {
        Some("lcw1") => false,
        Some("lcw2") => true,
        _ => return Err(bad()),
    };
    let mut number =
        || -> Result<usize, String> { parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad) };
    let offset = number()?;
    let after = if with_after { Some(number()?) } else { None };
    let fp = parts
        .next()
        .and_then(|p| u64::from_str_radix(p, 16).ok())
        .ok_or_else(bad)?;
    if fp != fingerprint || parts.next().is_some() {
        return Err(bad());
    }
    Ok(Cursor { offset, after })
}

/// The request's own URL with `$skiptoken` replaced.
pub fn next_link(req: &GraphRequest, token: &str) -> String {
    let mut q: Vec<String> = req
        .query
        .iter()
        .filter(|(k, _)| {
            !k.eq_ignore_ascii_case("$skiptoken") && !k.eq_ignore_ascii_case("skiptoken")
        })
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect();
    q.push(format!("$skiptoken={token}"));
    format!("{}{}?{}", req.base, req.path, q.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_bind_to_the_query() {
        let plain = Cursor {
            offset: 300,
            after: None,
        };
        let t = encode(plain, 42);
        assert_eq!(decode(&t, 42), Ok(plain));
        assert!(decode(&t, 43).is_err());
        let filtered = Cursor {
            offset: 300,
            after: Some(91_234),
        };
        let t = encode(filtered, 42);
        assert_eq!(decode(&t, 42), Ok(filtered));
        assert!(decode(&t, 43).is_err());
        let cut = URL_SAFE_NO_PAD.encode(format!("lcw2|300|{:016x}", 42));
        assert!(decode(&format!("RFNwdAI{cut}"), 42).is_err());
        assert!(decode("garbage", 42).is_err());
        assert!(decode("RFNwdAI!!!", 42).is_err());
    }
}
