//! The last "Sign in with Microsoft" of this tab, with no secret in it: the
//! app registration, cloud, API version, "Keep for this tab" and the UPN.
//! It lets a reload sign in again without a stored token (a top-level
//! authorize redirect with `prompt=none` and `login_hint`), and "Sign in
//! with another account" start the account picker. It lives in this tab's
//! `sessionStorage` (`app::session::store`) and goes on Sign out.

use serde::{Deserialize, Serialize};

use crate::app::session::store;
use crate::auth::authorize::SignInSettings;
use crate::auth::{Cloud, Session};
use crate::graph::ApiVersion;

/// What the tab remembers of its last browser sign-in (not a secret).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct LastSignIn {
    #[serde(rename = "clientId")]
    pub client_id: String,
    pub tenant: String,
    pub authority: Option<String>,
    /// The cloud key (`global`, …, `custom`) and a custom endpoint.
    pub cloud: String,
    pub endpoint: String,
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// "Keep for this tab" was ticked.
    pub keep: bool,
    /// The account signed in (`login_hint` of the silent sign-in).
    pub upn: String,
}

impl LastSignIn {
    /// The record of a browser sign-in that just started `session`.
    pub(crate) fn of(session: &Session, settings: &SignInSettings, keep: bool) -> LastSignIn {
        let (cloud, endpoint) = match &session.cloud {
            Cloud::Custom(url) => ("custom".to_string(), url.clone()),
            named => (named.key().to_string(), String::new()),
        };
        let claims = &session.info.claims;
        LastSignIn {
            client_id: settings.client_id.trim().to_string(),
            tenant: settings.tenant.trim().to_string(),
            authority: settings.authority.clone(),
            cloud,
            endpoint,
            api_version: session.api_version.as_str().to_string(),
            keep,
            upn: claims
                .upn
                .clone()
                .or_else(|| claims.preferred_username.clone())
                .unwrap_or_default(),
        }
    }

    /// The app registration to sign in with again.
    pub(crate) fn settings(&self) -> SignInSettings {
        SignInSettings {
            client_id: self.client_id.clone(),
            tenant: self.tenant.clone(),
            authority: self.authority.clone(),
        }
    }

    /// The cloud signed in to; `None` when the key is unknown.
    pub(crate) fn cloud(&self) -> Option<Cloud> {
        match self.cloud.as_str() {
            "custom" => Some(Cloud::Custom(self.endpoint.clone())),
            key => Cloud::from_key(key),
        }
    }

    /// The API version (v1.0 when unreadable).
    pub(crate) fn version(&self) -> ApiVersion {
        ApiVersion::parse(&self.api_version).unwrap_or_default()
    }

    /// Whether a silent sign-in can be tried with it.
    pub(crate) fn is_usable(&self) -> bool {
        !self.client_id.is_empty() && !self.upn.trim().is_empty() && self.cloud().is_some()
    }
}

/// Remembers `last` for this tab.
pub(crate) fn save(last: &LastSignIn) {
    if let Ok(text) = serde_json::to_string(last) {
        store::save_last_sign_in(&text);
    }
}

/// The tab's last browser sign-in, when one is remembered and readable.
pub(crate) fn load() -> Option<LastSignIn> {
    let text = store::load_last_sign_in()?;
    serde_json::from_str::<LastSignIn>(&text)
        .ok()
        .filter(LastSignIn::is_usable)
}

/// Forgets it (a silent sign-in that found no session, Sign out).
pub(crate) fn forget() {
    store::forget_last_sign_in();
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn session(payload: &str) -> Session {
        let token = format!("e30.{}.x", URL_SAFE_NO_PAD.encode(payload.as_bytes()));
        Session::new(
            Cloud::Custom("http://127.0.0.1:8081".into()),
            ApiVersion::Beta,
            &token,
        )
        .expect("session")
    }

    fn settings() -> SignInSettings {
        SignInSettings {
            client_id: " app ".into(),
            tenant: "organizations".into(),
            authority: Some("http://127.0.0.1:8081".into()),
        }
    }

    #[test]
    fn the_record_holds_the_account_and_where_it_signed_in_but_no_token() {
        let s = session(r#"{"upn":"adele@contoso.com","aud":"https://graph.microsoft.com"}"#);
        let last = LastSignIn::of(&s, &settings(), true);
        assert_eq!(last.upn, "adele@contoso.com");
        assert_eq!(
            last.cloud(),
            Some(Cloud::Custom("http://127.0.0.1:8081".into()))
        );
        assert_eq!(last.version(), ApiVersion::Beta);
        assert_eq!(last.settings().client_id, "app");
        assert!(last.keep && last.is_usable());
        let text = serde_json::to_string(&last).expect("json");
        assert!(!text.contains(s.token.expose()), "{text}");
        let back: LastSignIn = serde_json::from_str(&text).expect("back");
        assert_eq!(back, last);
    }

    #[test]
    fn without_an_account_name_there_is_nothing_to_hint() {
        let last = LastSignIn::of(&session(r#"{"aud":"x"}"#), &settings(), false);
        assert!(!last.is_usable());
        let named = LastSignIn::of(
            &session(r#"{"preferred_username":"b@contoso.com"}"#),
            &settings(),
            false,
        );
        assert_eq!(named.upn, "b@contoso.com");
        let unknown_cloud = LastSignIn {
            cloud: "mars".into(),
            ..named
        };
        assert!(!unknown_cloud.is_usable());
    }
}
