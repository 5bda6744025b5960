//! What the sign-in screen and header show about a pasted token, built from
//! the data layer's JWT claims decoding and cloud table.

use crate::auth::{Cloud, TokenInfo};
use chrono::{DateTime, Utc};

/// One sign-in cloud choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CloudChoice {
    /// Stable key (the auth module's cloud key, or `custom`).
    pub key: String,
    /// Label shown in the Cloud select.
    pub label: String,
}

/// The clouds offered on the sign-in form (the auth module's table + Custom).
pub(crate) fn clouds() -> Vec<CloudChoice> {
    Cloud::NAMED
        .iter()
        .chain(std::iter::once(&Cloud::Custom(String::new())))
        .map(|c| CloudChoice {
            key: c.key().to_string(),
            label: c.label().to_string(),
        })
        .collect()
}

/// The cloud for a form key (Custom uses the typed endpoint).
pub(crate) fn cloud_for(key: &str, custom_endpoint: &str) -> Cloud {
    if key == "custom" {
        return Cloud::Custom(custom_endpoint.trim().trim_end_matches('/').to_string());
    }
    Cloud::from_key(key).unwrap_or_default()
}

/// The Graph base URL for a cloud key.
pub(crate) fn graph_base_for(key: &str, custom_endpoint: &str) -> String {
    cloud_for(key, custom_endpoint).graph_base_url()
}

/// What a token says, ready to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct TokenFacts {
    /// upn / name / app display name.
    pub who: String,
    /// Tenant id.
    pub tenant: Option<String>,
    /// Expiry.
    pub expires: Option<DateTime<Utc>>,
    /// Delegated scopes and application roles.
    pub permissions: Vec<String>,
    /// Warnings to show before the first call.
    pub warnings: Vec<String>,
}

/// Decodes a pasted token locally; `None` when it is not a readable JWT.
pub(crate) fn token_facts(token: &str, cloud_key: &str, graph_base: &str) -> Option<TokenFacts> {
    let info = TokenInfo::from_token(token).ok()?;
    let cloud = cloud_for(cloud_key, graph_base);
    let warnings = info
        .warnings(&cloud, Utc::now())
        .iter()
        .map(|w| w.message())
        .collect();
    Some(TokenFacts {
        who: info.who(),
        tenant: info.claims.tid.clone(),
        expires: info.expires_at(),
        permissions: info.permissions().map(str::to_string).collect(),
        warnings,
    })
}
