//! The request and reply values passed between the HTTP layer, the Graph
//! router and `$batch` (which replays sub-requests without HTTP).

use axum::http::{HeaderMap, Method};
use bytes::Bytes;
use serde_json::Value;

/// Identifiers echoed on every response and inside error bodies.
#[derive(Clone, Debug)]
pub struct Ids {
    pub request_id: String,
    pub client_request_id: String,
}

#[derive(Clone, Debug)]
pub struct GraphRequest {
    pub method: Method,
    /// The decoded path, e.g. `/v1.0/identityGovernance/lifecycleWorkflows/workflows`.
    pub path: String,
    /// Decoded query pairs in order.
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// `scheme://host[:port]` the request came in on.
    pub base: String,
    pub ids: Ids,
    /// Rows per page when the request names no size (`$top`, `Prefer`).
    pub page_size: usize,
}

impl GraphRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Whether the client sent `Prefer: include-unknown-enum-members`.
    pub fn include_unknown(&self) -> bool {
        self.headers
            .get_all("prefer")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| {
                v.split(',').any(|p| {
                    p.trim()
                        .eq_ignore_ascii_case("include-unknown-enum-members")
                })
            })
    }

    /// `odata.maxpagesize` from `Prefer`, if any.
    pub fn max_page_size(&self) -> Option<usize> {
        self.headers
            .get_all("prefer")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| {
                v.split(',')
                    .map(str::trim)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .find_map(|p| {
                p.strip_prefix("odata.maxpagesize=")
                    .and_then(|n| n.trim().parse().ok())
            })
    }
}

/// A response before it is written: status, extra headers and a JSON body.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
    /// Pre-serialised JSON (the fast path for large pages); wins over `body`.
    pub raw: Option<String>,
}

impl Reply {
    pub fn ok(body: Value) -> Reply {
        Reply {
            status: 200,
            headers: Vec::new(),
            body: Some(body),
            raw: None,
        }
    }

    /// The body as a JSON value, whichever way it is held.
    pub fn json(&self) -> Option<Value> {
        match &self.raw {
            Some(r) => serde_json::from_str(r).ok(),
            None => self.body.clone(),
        }
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_string(), value.into()));
        self
    }
}

/// Percent-decodes a URL component (`+` as space when `plus` is set).
pub fn percent_decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let h = (b[i + 1] as char).to_digit(16);
                let l = (b[i + 2] as char).to_digit(16);
                match (h, l) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                    }
                    _ => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' if plus => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query value, keeping characters OData URLs use verbatim.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || b"-_.~$,()':/*".contains(&c) {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(p, true), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_and_encoding() {
        assert_eq!(percent_decode("a%20b+c%2", true), "a b c%2");
        assert_eq!(percent_decode("%zz", false), "%zz");
        let q = parse_query("$filter=processingStatus%20eq%20'failed'&$top=5&x");
        assert_eq!(
            q[0],
            (
                "$filter".to_string(),
                "processingStatus eq 'failed'".to_string()
            )
        );
        assert_eq!(q[2], ("x".to_string(), String::new()));
        assert_eq!(
            percent_decode(&percent_encode("a b&c=d'é"), false),
            "a b&c=d'é"
        );
    }
}
