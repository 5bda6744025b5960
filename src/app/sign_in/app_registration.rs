//! "Use your own app registration": the client id and tenant an admin
//! enters on the sign-in screen, remembered in this browser's
//! `localStorage` (they are not secrets; no token is ever stored there).

use crate::auth::authorize::SignInSettings;
use serde::{Deserialize, Serialize};

/// The one `localStorage` key.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const KEY: &str = "lwv.appRegistration";

/// What is remembered.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
struct Remembered {
    #[serde(rename = "clientId")]
    client_id: String,
    tenant: String,
}

/// The settings of a stored text; `None` when unreadable or without a client id.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn parse(text: &str) -> Option<SignInSettings> {
    let r: Remembered = serde_json::from_str(text).ok()?;
    let settings = SignInSettings {
        client_id: r.client_id.trim().to_string(),
        tenant: r.tenant.trim().to_string(),
        authority: None,
    };
    settings.is_set().then_some(settings)
}

/// The text stored for a client id and tenant.
pub(crate) fn serialize(client_id: &str, tenant: &str) -> String {
    serde_json::to_string(&Remembered {
        client_id: client_id.trim().to_string(),
        tenant: tenant.trim().to_string(),
    })
    .unwrap_or_default()
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered registration, if any.
pub(crate) fn load() -> Option<SignInSettings> {
    #[cfg(target_arch = "wasm32")]
    {
        parse(&storage()?.get_item(KEY).ok()??)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Remembers a registration (an empty client id forgets it).
pub(crate) fn save(client_id: &str, tenant: &str) {
    if client_id.trim().is_empty() {
        forget();
        return;
    }
    let text = serialize(client_id, tenant);
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, &text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
}

/// Forgets the remembered registration.
pub(crate) fn forget() {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_round_trips_and_needs_a_client_id() {
        let s = parse(&serialize(" app-1 ", "contoso.com")).expect("settings");
        assert_eq!(
            (s.client_id.as_str(), s.tenant.as_str()),
            ("app-1", "contoso.com")
        );
        assert_eq!(s.authority, None);
        assert_eq!(parse(&serialize("", "x")), None);
        assert_eq!(parse("not json"), None);
    }
}
