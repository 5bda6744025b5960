//! graph-emulator as the identity provider (Entra's v2.0 endpoints, for the
//! viewer's "Sign in with Microsoft"): a sign-in page listing demo accounts
//! (behind a session cookie that `prompt` and `login_hint` are read against),
//! the token endpoint (authorization code with PKCE, rotating refresh
//! tokens with a 24-hour end), the OpenID discovery document, and lifetimes
//! tests can shorten (`POST /_emulator/tokens`).
//!
//! Paths: `GET|POST /{tenant}/oauth2/v2.0/authorize`,
//! `POST /{tenant}/oauth2/v2.0/token`,
//! `GET /{tenant}/v2.0/.well-known/openid-configuration`.

pub mod accounts;
pub mod authorize;
pub mod clients;
pub mod discovery;
pub mod errors;
pub mod lifetimes;
pub mod page;
pub mod pkce;
pub mod session;
pub mod store;
pub mod token;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;

use crate::state::Shared;
use crate::wire::parse_query;

/// Which identity endpoint a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Authorize,
    Token,
    Discovery,
}

/// The endpoint and tenant segment of an identity path, if it is one.
pub fn route(path: &str) -> Option<(Endpoint, String)> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
    let rest: Vec<&str> = lower.iter().skip(1).map(String::as_str).collect();
    let endpoint = match rest.as_slice() {
        ["oauth2", "v2.0", "authorize"] => Endpoint::Authorize,
        ["oauth2", "v2.0", "token"] => Endpoint::Token,
        ["v2.0", ".well-known", "openid-configuration"] => Endpoint::Discovery,
        _ => return None,
    };
    Some((endpoint, segs[0].to_string()))
}

/// Answers an identity request (`None` when the path is not one).
pub fn handle(
    app: &Shared,
    method: &Method,
    path: &str,
    query: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Option<Response> {
    let (endpoint, tenant) = route(path)?;
    let base = base_url(headers);
    let mut response = match (endpoint, method) {
        (_, &Method::OPTIONS) => token::preflight(headers),
        (Endpoint::Authorize, &Method::GET) => {
            authorize::show(app, &tenant, &parse_query(query), headers)
        }
        (Endpoint::Authorize, &Method::POST) => {
            let form = parse_query(&String::from_utf8_lossy(body));
            authorize::decide(app, &tenant, &form, headers)
        }
        (Endpoint::Token, &Method::POST) => token::handle(app, &base, &tenant, headers, body),
        (Endpoint::Discovery, &Method::GET) => discovery::document(&base, &tenant),
        _ => plain(
            405,
            "text/plain; charset=utf-8",
            "Method not allowed.".into(),
        ),
    };
    if endpoint != Endpoint::Authorize {
        token::add_cors(response.headers_mut());
    }
    Some(response)
}

/// `http://host[:port]` the request came in on.
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get("host")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// A response with a body of `content_type`.
pub fn plain(status: u16, content_type: &'static str, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static(content_type));
    response
}

/// A `302 Found` to `location` (how Entra answers the authorize request).
pub fn redirect(location: &str) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FOUND;
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert("location", value);
    }
    response
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The value of `name` in decoded query or form pairs.
pub fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_the_three_endpoints_under_any_tenant() {
        assert_eq!(
            route("/organizations/oauth2/v2.0/authorize"),
            Some((Endpoint::Authorize, "organizations".into()))
        );
        assert_eq!(
            route("/contoso.onmicrosoft.com/oauth2/v2.0/token").map(|r| r.0),
            Some(Endpoint::Token)
        );
        assert_eq!(
            route("/common/v2.0/.well-known/openid-configuration").map(|r| r.0),
            Some(Endpoint::Discovery)
        );
        assert_eq!(route("/v1.0/users"), None);
        assert_eq!(route("/_emulator/token"), None);
    }

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(encode("a b/c?d=e&f"), "a%20b%2Fc%3Fd%3De%26f");
        assert_eq!(encode("AZaz09-._~"), "AZaz09-._~");
    }
}
