//! The signed-in session: cloud, endpoint, API version, token and what the
//! token says. Plain data; the optional sessionStorage persistence is wasm-only.

use chrono::{DateTime, Utc};

use super::claims::{ClaimsError, TokenInfo, TokenWarning};
use super::cloud::Cloud;
use super::secret::Secret;
use crate::graph::{ApiVersion, GraphBase, GraphClient};

/// Who is signed in, where.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub cloud: Cloud,
    pub api_version: ApiVersion,
    pub token: Secret,
    pub info: TokenInfo,
}

impl Session {
    /// Starts a session from a pasted or fetched token; fails when the token
    /// is not a readable JWT.
    pub fn new(cloud: Cloud, api_version: ApiVersion, token: &str) -> Result<Session, ClaimsError> {
        let token = Secret::new(token);
        let info = TokenInfo::from_token(token.expose())?;
        Ok(Session {
            cloud,
            api_version,
            token,
            info,
        })
    }

    /// Graph root and version of this session.
    pub fn graph_base(&self) -> GraphBase {
        GraphBase::new(&self.cloud.graph_base_url(), self.api_version)
    }

    /// A client for this session (browser transport).
    pub fn client(&self) -> GraphClient {
        GraphClient::new(self.graph_base(), self.token.clone())
    }

    /// The token's warnings for this session's cloud.
    pub fn warnings(&self, now: DateTime<Utc>) -> Vec<TokenWarning> {
        self.info.warnings(&self.cloud, now)
    }

    /// Whether the token has expired.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.info.is_expired(now)
    }
}

/// Opt-in persistence in `sessionStorage` (gone when the tab closes).
#[cfg(target_arch = "wasm32")]
pub mod storage {
    use super::*;

    const KEY: &str = "lifecycle-viewer.session";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    /// Saves the session; `false` when storage is unavailable.
    pub fn save(session: &Session) -> bool {
        let (cloud, endpoint) = match &session.cloud {
            Cloud::Custom(url) => ("custom", url.as_str()),
            named => (named.key(), ""),
        };
        let value = serde_json::json!({
            "cloud": cloud,
            "endpoint": endpoint,
            "apiVersion": session.api_version.as_str(),
            "token": session.token.expose(),
        });
        storage()
            .and_then(|s| s.set_item(KEY, &value.to_string()).ok())
            .is_some()
    }

    /// The saved session, if any and still readable.
    pub fn load() -> Option<Session> {
        let text = storage()?.get_item(KEY).ok()??;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        let get = |k: &str| json.get(k).and_then(|v| v.as_str()).unwrap_or_default();
        let cloud = match get("cloud") {
            "custom" => Cloud::Custom(get("endpoint").to_string()),
            key => Cloud::from_key(key)?,
        };
        let version = ApiVersion::parse(get("apiVersion")).unwrap_or_default();
        Session::new(cloud, version, get("token")).ok()
    }

    /// Forgets the saved session.
    pub fn clear() {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
    }
}
