//! Graph access tokens: unsigned demo JWTs with Graph-like claims, minted
//! for `/_emulator/token` and by the identity provider's token endpoint
//! ([`crate::identity::token`]), and decoded by [`crate::bearer_auth`].

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine;
use serde_json::{json, Value};

use crate::rng::Guid;

pub const DEFAULT_SCOPES: &str =
    "LifecycleWorkflows-Reports.Read.All LifecycleWorkflows.Read.All User.ReadBasic.All";
pub const GRAPH_AUDIENCE: &str = "https://graph.microsoft.com";
pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
/// Entra role template ids (`wids`): Global Reader, Lifecycle Workflows
/// Administrator, Global Administrator.
pub const GLOBAL_READER: &str = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
pub const LW_ADMIN: &str = "59d46f88-662b-457b-bceb-5c3809e5908f";
pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";
/// The demo account's roles unless the token request names others.
pub const DEFAULT_WIDS: &[&str] = &[GLOBAL_READER, LW_ADMIN];

/// Who the demo token is for.
pub struct Subject<'a> {
    pub tenant: Guid,
    pub oid: Guid,
    pub upn: &'a str,
    pub name: &'a str,
}

pub fn mint(sub: &Subject<'_>, scp: &str, now_secs: i64, expires_in: i64) -> String {
    mint_with_roles(sub, scp, DEFAULT_WIDS, now_secs, expires_in)
}

/// A delegated token whose user holds the directory roles `wids`.
pub fn mint_with_roles(
    sub: &Subject<'_>,
    scp: &str,
    wids: &[&str],
    now_secs: i64,
    expires_in: i64,
) -> String {
    let header = json!({"typ": "JWT", "alg": "none"});
    let claims = json!({
        "aud": GRAPH_AUDIENCE,
        "iss": format!("https://sts.windows.net/{}/", sub.tenant),
        "iat": now_secs,
        "nbf": now_secs,
        "exp": now_secs + expires_in,
        "app_displayname": "Lifecycle Workflows viewer (demo)",
        "appid": "5f1c3b0a-7d29-4c4e-9a51-3b2f8e6d1c70",
        "idtyp": "user",
        "name": sub.name,
        "oid": sub.oid.to_string(),
        "scp": scp,
        "tid": sub.tenant.to_string(),
        "unique_name": sub.upn,
        "upn": sub.upn,
        "uti": unique_token_id(),
        "ver": "1.0",
        "wids": wids,
    });
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// Entra's `uti` claim: no two tokens are alike, even when minted for the
/// same account in the same second (a refresh right after a sign-in).
fn unique_token_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    URL_SAFE_NO_PAD.encode(n.to_be_bytes())
}

/// The claims the emulator checks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Claims {
    pub aud: Option<String>,
    pub exp: Option<i64>,
    pub scopes: Vec<String>,
    /// Directory role template ids of a delegated token (`wids`).
    pub wids: Vec<String>,
    /// Whether the token is delegated (has `scp`), not app-only.
    pub delegated: bool,
}

/// Decodes a compact JWS without verifying its signature.
pub fn decode(token: &str) -> Option<Claims> {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return None;
    }
    let _header: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(parts[0].trim_end_matches('='))
            .ok()?,
    )
    .ok()?;
    let payload: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(parts[1].trim_end_matches('='))
            .ok()?,
    )
    .ok()?;
    let obj = payload.as_object()?;
    let mut scopes: Vec<String> = obj
        .get("scp")
        .and_then(Value::as_str)
        .map(|s| s.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    if let Some(Value::Array(roles)) = obj.get("roles") {
        scopes.extend(roles.iter().filter_map(Value::as_str).map(str::to_string));
    }
    Some(Claims {
        aud: obj.get("aud").and_then(Value::as_str).map(str::to_string),
        exp: obj.get("exp").and_then(Value::as_i64),
        scopes,
        wids: obj
            .get("wids")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        delegated: obj.get("scp").is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_tokens_decode() {
        let sub = Subject {
            tenant: Guid(1),
            oid: Guid(2),
            upn: "a@b.c",
            name: "A",
        };
        let t = mint(&sub, "X.Read Y.Read", 1000, 3600);
        let c = decode(&t).unwrap();
        assert_eq!(c.aud.as_deref(), Some(GRAPH_AUDIENCE));
        assert_eq!(c.exp, Some(4600));
        assert_eq!(c.scopes, vec!["X.Read", "Y.Read"]);
        assert!(decode("abc").is_none());
        assert!(decode("a.b.c").is_none());
    }

    #[test]
    fn two_tokens_minted_in_the_same_second_differ() {
        let sub = Subject {
            tenant: Guid(1),
            oid: Guid(2),
            upn: "a@b.c",
            name: "A",
        };
        assert_ne!(
            mint(&sub, "X.Read", 1000, 3600),
            mint(&sub, "X.Read", 1000, 3600)
        );
    }
}
