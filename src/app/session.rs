//! The signed-in session: the token and where it is sent, held in memory
//! (optionally in this tab's sessionStorage when the user asks), the screen
//! to return to after a new sign-in, and the notice shown on the sign-in
//! screen. Sign out clears everything.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// sessionStorage key used only when "keep for this tab" is ticked.
const TAB_STORAGE_KEY: &str = "lwv.session";

/// Where requests go and with which token. `Debug` never prints the token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    /// The bearer token (a secret).
    pub token: String,
    /// Cloud key chosen on the sign-in form (`global`, `usgov`, `dod`, `china`, `custom`).
    pub cloud: String,
    /// Graph base URL, e.g. `https://graph.microsoft.com`.
    pub graph_base: String,
    /// `v1.0` or `beta`.
    pub api_version: String,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("token", &"<redacted>")
            .field("cloud", &self.cloud)
            .field("graph_base", &self.graph_base)
            .field("api_version", &self.api_version)
            .finish()
    }
}

/// The session context shared by every screen.
#[derive(Clone, Copy)]
pub struct Session {
    connection: RwSignal<Option<Connection>>,
    /// In-app path + query to go back to after signing in again.
    pub return_to: RwSignal<Option<String>>,
    /// Message for the sign-in screen (expired or rejected token).
    pub notice: RwSignal<Option<String>>,
    /// Set by an explicit sign out so the guard does not remember the screen.
    signing_out: RwSignal<bool>,
    /// Bumped on every sign-in and sign-out; caches compare against it.
    pub epoch: RwSignal<u64>,
}

impl Session {
    /// A session restored from this tab's storage when the user kept it.
    pub fn new() -> Self {
        Self {
            connection: RwSignal::new(load_from_tab()),
            return_to: RwSignal::new(None),
            notice: RwSignal::new(None),
            signing_out: RwSignal::new(false),
            epoch: RwSignal::new(0),
        }
    }

    /// The current connection (tracked).
    pub fn connection(&self) -> Option<Connection> {
        self.connection.get()
    }

    /// The current connection (untracked, for event handlers and tasks).
    pub fn connection_untracked(&self) -> Option<Connection> {
        self.connection.get_untracked()
    }

    /// Whether a token is present (tracked).
    pub fn is_signed_in(&self) -> bool {
        self.connection.with(Option::is_some)
    }

    /// Stores a new connection; `keep_for_tab` also writes sessionStorage.
    pub fn sign_in(&self, connection: Connection, keep_for_tab: bool) {
        if keep_for_tab {
            save_to_tab(&connection);
        } else {
            clear_tab();
        }
        self.notice.set(None);
        self.signing_out.set(false);
        self.epoch.update(|e| *e += 1);
        self.connection.set(Some(connection));
    }

    /// Forgets the token everywhere and the screen to return to.
    pub fn sign_out(&self) {
        clear_tab();
        self.signing_out.set(true);
        self.return_to.set(None);
        self.notice.set(None);
        self.epoch.update(|e| *e += 1);
        self.connection.set(None);
    }

    /// Drops a token Graph rejected (401) or that expired, with a message;
    /// the guard then remembers the current screen.
    pub fn expire(&self, message: impl Into<String>) {
        clear_tab();
        self.signing_out.set(false);
        self.notice.set(Some(message.into()));
        self.epoch.update(|e| *e += 1);
        self.connection.set(None);
    }

    /// Whether the last sign-out was explicit (untracked).
    pub fn was_signed_out(&self) -> bool {
        self.signing_out.get_untracked()
    }

    /// The return path, consumed.
    pub fn take_return_to(&self) -> Option<String> {
        let path = self.return_to.get_untracked();
        self.return_to.set(None);
        path
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(target_arch = "wasm32")]
fn tab_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

#[cfg(target_arch = "wasm32")]
fn load_from_tab() -> Option<Connection> {
    let raw = tab_storage()?.get_item(TAB_STORAGE_KEY).ok().flatten()?;
    serde_json::from_str(&raw).ok()
}

#[cfg(target_arch = "wasm32")]
fn save_to_tab(connection: &Connection) {
    if let (Some(storage), Ok(raw)) = (tab_storage(), serde_json::to_string(connection)) {
        let _ = storage.set_item(TAB_STORAGE_KEY, &raw);
    }
}

#[cfg(target_arch = "wasm32")]
fn clear_tab() {
    if let Some(storage) = tab_storage() {
        let _ = storage.remove_item(TAB_STORAGE_KEY);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn load_from_tab() -> Option<Connection> {
    let _ = TAB_STORAGE_KEY;
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn save_to_tab(_connection: &Connection) {}

#[cfg(not(target_arch = "wasm32"))]
fn clear_tab() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_token() {
        let c = Connection {
            token: "eyJsecret".into(),
            cloud: "custom".into(),
            graph_base: "http://x".into(),
            api_version: "v1.0".into(),
        };
        let printed = format!("{c:?}");
        assert!(!printed.contains("eyJsecret"));
        assert!(printed.contains("redacted"));
    }
}
