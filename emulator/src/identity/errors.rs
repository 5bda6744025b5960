//! Entra's error shapes: the token endpoint's JSON (`error`,
//! `error_description` starting with the AADSTS code and ending with the
//! trace and correlation ids, `error_codes`, `timestamp`, `trace_id`,
//! `correlation_id`, `error_uri`), the `error` parameters of a redirect, and
//! the error page shown when there is nowhere safe to redirect to.

use axum::response::Response;
use serde_json::{json, Value};

use super::{encode, page, plain};
use crate::rng::{hash2, Guid};
use crate::ticks;

/// One Entra error: the OAuth error name, the AADSTS number and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntraError {
    pub error: &'static str,
    pub code: u32,
    pub text: String,
}

impl EntraError {
    pub fn new(error: &'static str, code: u32, text: impl Into<String>) -> Self {
        EntraError {
            error,
            code,
            text: text.into(),
        }
    }

    /// `invalid_request` for a missing parameter (AADSTS900144).
    pub fn missing(name: &str) -> Self {
        EntraError::new(
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{name}'."),
        )
    }

    /// The token endpoint's JSON body, with fresh trace and correlation ids
    /// (the correlation id is the client's `client-request-id` when sent).
    pub fn body(&self, correlation: Option<&str>) -> Value {
        let ids = Ids::new(correlation);
        json!({
            "error": self.error,
            "error_description": self.description(&ids),
            "error_codes": [self.code],
            "timestamp": ids.timestamp,
            "trace_id": ids.trace,
            "correlation_id": ids.correlation,
            "error_uri": format!("https://login.microsoftonline.com/error?code={}", self.code),
        })
    }

    /// The 400 answer of the token endpoint.
    pub fn token_response(&self, correlation: Option<&str>) -> Response {
        let mut response = plain(
            400,
            "application/json; charset=utf-8",
            self.body(correlation).to_string(),
        );
        super::token::no_store(response.headers_mut());
        response
    }

    /// The query that carries this error back to the redirect URI.
    pub fn redirect_query(&self, state: Option<&str>) -> String {
        let ids = Ids::new(None);
        let mut query = format!(
            "error={}&error_description={}",
            encode(self.error),
            encode(&self.description(&ids))
        );
        if let Some(state) = state {
            query.push_str(&format!("&state={}", encode(state)));
        }
        query
    }

    /// Entra's own error page (a bad client id or redirect URI: no redirect).
    pub fn page(&self) -> Response {
        let ids = Ids::new(None);
        plain(
            400,
            "text/html; charset=utf-8",
            page::error_page(&self.description(&ids)),
        )
    }

    fn description(&self, ids: &Ids) -> String {
        format!(
            "AADSTS{}: {} Trace ID: {} Correlation ID: {} Timestamp: {}",
            self.code, self.text, ids.trace, ids.correlation, ids.timestamp
        )
    }
}

/// The ids Entra stamps on an error.
struct Ids {
    trace: String,
    correlation: String,
    timestamp: String,
}

impl Ids {
    fn new(correlation: Option<&str>) -> Ids {
        let now = ticks::now();
        let n = next();
        let trace = Guid::from_parts(hash2(now as u64, n), hash2(n, 0x7EACE)).to_string();
        let correlation = correlation
            .filter(|c| !c.is_empty() && c.len() <= 100)
            .map(str::to_string)
            .unwrap_or_else(|| Guid::from_parts(hash2(n, now as u64), hash2(0xC0, n)).to_string());
        let timestamp = chrono::DateTime::<chrono::Utc>::from_timestamp(now / ticks::SECOND, 0)
            .map(|d| d.format("%Y-%m-%d %H:%M:%SZ").to_string())
            .unwrap_or_default();
        Ids {
            trace,
            correlation,
            timestamp,
        }
    }
}

fn next() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    COUNTER.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_has_entras_fields() {
        let e = EntraError::new(
            "invalid_grant",
            54005,
            "OAuth2 Authorization code was already redeemed.",
        );
        let body = e.body(Some("corr-1"));
        assert_eq!(body["error"], "invalid_grant");
        assert_eq!(body["error_codes"], json!([54005]));
        assert_eq!(body["correlation_id"], "corr-1");
        let description = body["error_description"].as_str().unwrap();
        assert!(
            description.starts_with("AADSTS54005: OAuth2"),
            "{description}"
        );
        assert!(description.contains(body["trace_id"].as_str().unwrap()));
        assert!(description.contains("Correlation ID: corr-1"));
    }

    #[test]
    fn the_redirect_query_carries_error_and_state() {
        let q = EntraError::new("access_denied", 65004, "User declined to consent.")
            .redirect_query(Some("s t"));
        assert!(q.starts_with("error=access_denied&error_description=AADSTS65004"));
        assert!(q.ends_with("&state=s%20t"));
    }
}
