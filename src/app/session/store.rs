//! Opt-in persistence of the session in this tab's `sessionStorage` ("Keep
//! for this tab"): gone when the tab closes, cleared on sign-out and
//! expiry. A browser sign-in also keeps its refresh token here (same
//! opt-in, same clearing), and, always, the non-secret record of the last
//! browser sign-in (app registration and UPN, no token) that lets a reload
//! sign in again silently; Sign out removes it. Nothing is ever written to
//! `localStorage`, cookies or the URL.

use crate::auth::{Cloud, Session, TokenSource};
use crate::graph::{ApiVersion, Secret};
use serde::{Deserialize, Serialize};

/// The one storage key of a kept session.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const KEY: &str = "lwv.session";

/// What is kept: enough to rebuild the typed session.
#[derive(Serialize, Deserialize)]
struct Kept {
    cloud: String,
    endpoint: String,
    #[serde(rename = "apiVersion")]
    api_version: String,
    token: String,
}

impl Kept {
    fn of(session: &Session) -> Kept {
        let (cloud, endpoint) = match &session.cloud {
            Cloud::Custom(url) => ("custom".to_string(), url.clone()),
            named => (named.key().to_string(), String::new()),
        };
        Kept {
            cloud,
            endpoint,
            api_version: session.api_version.as_str().to_string(),
            token: session.token.expose().to_string(),
        }
    }

    /// The session again; `None` when anything kept is no longer valid.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn session(self) -> Option<Session> {
        let cloud = match self.cloud.as_str() {
            "custom" => Cloud::Custom(self.endpoint),
            key => Cloud::from_key(key)?,
        };
        let version = ApiVersion::parse(&self.api_version)?;
        Session::from_secret(
            cloud,
            version,
            Secret::new(&self.token),
            TokenSource::Pasted,
        )
        .ok()
    }
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The kept session, if any and still readable.
pub(crate) fn load() -> Option<Session> {
    #[cfg(target_arch = "wasm32")]
    {
        let text = storage()?.get_item(KEY).ok()??;
        serde_json::from_str::<Kept>(&text).ok()?.session()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Keeps `session` for this tab.
pub(crate) fn save(session: &Session) {
    let kept = Kept::of(session);
    #[cfg(target_arch = "wasm32")]
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&kept)) {
        let _ = storage.set_item(KEY, &text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = kept;
}

/// Forgets the kept session (and a kept refresh token).
pub(crate) fn clear() {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
        let _ = storage.remove_item(REFRESH_KEY);
    }
}

/// The storage key of a kept browser sign-in's refresh token.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const REFRESH_KEY: &str = "lwv.refresh";

/// Keeps a browser sign-in's renewal record (its refresh token) for this tab.
pub(crate) fn save_refresh(record: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage() {
        let _ = storage.set_item(REFRESH_KEY, record);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = record;
}

/// The kept renewal record, if any.
pub(crate) fn load_refresh() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        storage()?.get_item(REFRESH_KEY).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The storage key of the last browser sign-in's record (no secret).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const LAST_SIGN_IN_KEY: &str = "lwv.signin.last";

/// Remembers the last browser sign-in's record for this tab.
pub(crate) fn save_last_sign_in(record: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage() {
        let _ = storage.set_item(LAST_SIGN_IN_KEY, record);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = record;
}

/// The last browser sign-in's record, if any.
pub(crate) fn load_last_sign_in() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        storage()?.get_item(LAST_SIGN_IN_KEY).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Forgets the last browser sign-in's record.
pub(crate) fn forget_last_sign_in() {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(LAST_SIGN_IN_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_session_round_trips_and_rejects_bad_versions() {
        let token = "eyJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.";
        let session = Session::new(
            Cloud::Custom("http://127.0.0.1:8081".into()),
            ApiVersion::Beta,
            token,
        )
        .expect("session");
        let kept = Kept::of(&session);
        let back = Kept {
            cloud: kept.cloud.clone(),
            endpoint: kept.endpoint.clone(),
            api_version: kept.api_version.clone(),
            token: kept.token.clone(),
        }
        .session()
        .expect("restored");
        assert_eq!(back.cloud, session.cloud);
        assert_eq!(back.api_version, ApiVersion::Beta);
        let bad = Kept {
            api_version: "v2".into(),
            ..kept
        };
        assert!(bad.session().is_none());
    }
}
