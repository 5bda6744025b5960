//! CORS the way Graph answers it: any origin, a permissive preflight, and the
//! exact `Access-Control-Expose-Headers` list (so `Retry-After` stays hidden).

use axum::http::{HeaderMap, HeaderValue};

/// Graph's exposed response headers, exactly.
pub const EXPOSE_HEADERS: &str =
    "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate";

pub const ALLOW_HEADERS: &str = "Authorization, Content-Type, Prefer, ConsistencyLevel, client-request-id, SdkVersion, Cache-Control, If-Match, If-None-Match, X-Requested-With";

pub const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/// Headers added to every (non-preflight) response.
pub fn add_simple(h: &mut HeaderMap) {
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
}

/// Headers of a preflight answer; requested headers are echoed when present.
pub fn add_preflight(h: &mut HeaderMap, request: &HeaderMap) {
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static(ALLOW_METHODS),
    );
    let allow = request
        .get("access-control-request-headers")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.trim().is_empty())
        .map(|v| format!("{ALLOW_HEADERS}, {v}"))
        .unwrap_or_else(|| ALLOW_HEADERS.to_string());
    if let Ok(v) = HeaderValue::from_str(&allow) {
        h.insert("access-control-allow-headers", v);
    }
    h.insert("access-control-max-age", HeaderValue::from_static("3600"));
}
