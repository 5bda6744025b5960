//! Server-driven paging: an opaque `$skiptoken` and the absolute
//! `@odata.nextLink` on the host the request came in on.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::wire::{percent_encode, GraphRequest};

pub const DEFAULT_PAGE: usize = 100;

pub fn encode(offset: usize, fingerprint: u64) -> String {
    let raw = format!("lcw1|{offset}|{fingerprint:016x}");
    format!("RFNwdAI{}", URL_SAFE_NO_PAD.encode(raw))
}

/// The offset a token points at, if it is one of ours for this query.
pub fn decode(token: &str, fingerprint: u64) -> Result<usize, String> {
    let bad = || "The $skiptoken value is not valid for this request.".to_string();
    let body = token.strip_prefix("RFNwdAI").ok_or_else(bad)?;
    let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
    let s = String::from_utf8(bytes).map_err(|_| bad())?;
    let mut parts = s.split('|');
    if parts.next() != Some("lcw1") {
        return Err(bad());
    }
    let offset: usize = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let fp = parts
        .next()
        .and_then(|p| u64::from_str_radix(p, 16).ok())
        .ok_or_else(bad)?;
    if fp != fingerprint || parts.next().is_some() {
        return Err(bad());
    }
    Ok(offset)
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
        let t = encode(300, 42);
        assert_eq!(decode(&t, 42), Ok(300));
        assert!(decode(&t, 43).is_err());
        assert!(decode("garbage", 42).is_err());
        assert!(decode("RFNwdAI!!!", 42).is_err());
    }
}
