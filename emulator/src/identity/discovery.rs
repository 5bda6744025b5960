//! `GET /{tenant}/v2.0/.well-known/openid-configuration`: the discovery
//! document, with the emulator's own URLs in place of Entra's.

use axum::response::Response;
use serde_json::json;

use super::plain;

/// The discovery document for `tenant`.
pub fn document(base: &str, tenant: &str) -> Response {
    let root = format!("{base}/{tenant}");
    let body = json!({
        "issuer": format!("{root}/v2.0"),
        "authorization_endpoint": format!("{root}/oauth2/v2.0/authorize"),
        "token_endpoint": format!("{root}/oauth2/v2.0/token"),
        "jwks_uri": format!("{root}/discovery/v2.0/keys"),
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256", "plain"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "name", "preferred_username", "oid", "tid", "ver"],
        "tenant_region_scope": null,
        "cloud_instance_name": "graph-emulator",
    });
    plain(200, "application/json; charset=utf-8", body.to_string())
}
