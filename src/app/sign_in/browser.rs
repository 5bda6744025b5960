//! "Sign in with Microsoft" in the browser: the round trip to the sign-in
//! service and back. Starting keeps the PKCE verifier, `state`, `nonce` and
//! the screen to return to in `sessionStorage` (only for the round trip),
//! then leaves for the authorize URL. Back at the site's base URL, the shell
//! calls [`BrowserSignIn::land`] before the router starts: it removes
//! `code` and `state` from the address bar, deletes the round trip (also
//! when it fails), checks `state`, redeems the code, checks the ID token's
//! `nonce`, and starts a renewable session (`refresher`). The sign-in
//! screen shows the progress and any error.
//!
//! A page load that is no redirect back, with nobody signed in, but with a
//! last browser sign-in remembered for this tab (`last_sign_in`: no
//! secret), signs in again silently: the same round trip with `prompt=none`
//! and `login_hint`, replacing the page's history entry, back to the same
//! link. When the sign-in service has no session for the account
//! (`interaction_required`, `login_required`) the sign-in screen shows, with
//! no error. "Sign in with another account" is the round trip with
//! `prompt=select_account`.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::app::session::context::SessionContext;
use crate::app::sign_in::last_sign_in::{self, LastSignIn};
use crate::app::sign_in::refresher;
use crate::app::sign_in::token_endpoint;
use crate::auth::authorize::{
    authorize_url, check_nonce, check_state, is_landing, parse_landing, AuthorizeRequest, Landing,
    Prompt, SignInSettings,
};
use crate::auth::entra_error::{SignInError, SignInProblem};
use crate::auth::{pkce, Cloud, Session, TokenSource};
use crate::graph::{ApiVersion, Secret};

/// The `sessionStorage` key of a round trip in progress.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const KEY: &str = "lwv.signin.roundtrip";

/// What the viewer needs after coming back; deleted on landing.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoundTrip {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub redirect_uri: String,
    pub client_id: String,
    pub tenant: String,
    pub authority: Option<String>,
    /// The cloud key (`global`, …, `custom`) and a custom endpoint.
    pub cloud: String,
    pub endpoint: String,
    pub api_version: String,
    pub keep: bool,
    /// In-app path and query to return to.
    pub return_to: Option<String>,
    /// Started with `prompt=none`: "no session there" is no error.
    #[serde(default)]
    pub silent: bool,
}

impl RoundTrip {
    fn settings(&self) -> SignInSettings {
        SignInSettings {
            client_id: self.client_id.clone(),
            tenant: self.tenant.clone(),
            authority: self.authority.clone(),
        }
    }

    fn cloud(&self) -> Option<Cloud> {
        match self.cloud.as_str() {
            "custom" => Some(Cloud::Custom(self.endpoint.clone())),
            key => Cloud::from_key(key),
        }
    }
}

/// Where a sign-in starts from (the sign-in screen's choices).
pub(crate) struct Start<'a> {
    pub settings: &'a SignInSettings,
    pub cloud: &'a Cloud,
    pub version: ApiVersion,
    pub keep: bool,
    pub return_to: Option<String>,
    pub prompt: Option<Prompt>,
    /// The account to sign in as (`login_hint`).
    pub login_hint: Option<String>,
}

/// The browser sign-in's state for the sign-in screen (a `Copy` handle).
#[derive(Clone, Copy)]
pub(crate) struct BrowserSignIn {
    /// A code is being redeemed.
    pub busy: RwSignal<bool>,
    /// Why the last sign-in failed.
    pub error: RwSignal<Option<SignInError>>,
    /// Signed in: the path to go to (taken by the sign-in screen).
    pub arrived: RwSignal<Option<String>>,
}

impl BrowserSignIn {
    pub(crate) fn new() -> Self {
        BrowserSignIn {
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            arrived: RwSignal::new(None),
        }
    }

    /// Leaves for the sign-in service; `Err` (nothing stored) when the
    /// page's policy would block the token endpoint.
    pub(crate) fn start(&self, from: Start<'_>) -> Result<(), SignInError> {
        let token_endpoint = from.settings.token_endpoint(from.cloud);
        let policy = crate::app::site::csp::page_policy();
        if let Some(error) = blocked(
            policy.as_deref(),
            &token_endpoint,
            &crate::app::site::csp::page_origin(),
        ) {
            return Err(error);
        }
        let trip = round_trip(&from, &redirect_uri())?;
        let url = authorize_url(&AuthorizeRequest {
            settings: from.settings,
            cloud: from.cloud,
            redirect_uri: &trip.redirect_uri,
            state: &trip.state,
            nonce: &trip.nonce,
            challenge: &pkce::challenge(&trip.verifier),
            prompt: from.prompt,
            login_hint: from.login_hint.as_deref(),
        });
        save(&trip);
        self.error.set(None);
        if trip.silent {
            // No page of its own: the reloaded link's history entry is replaced.
            self.busy.set(true);
            replace_location(&url);
        } else {
            go_to(&url);
        }
        Ok(())
    }

    /// "Sign in with another account": the account picker of the sign-in
    /// service (`prompt=select_account`), back to the screen the admin is
    /// on. Without a remembered sign-in, the sign-in screen instead.
    pub(crate) fn switch_account(&self, session: SessionContext) {
        let here = current_in_app_link();
        let started = last_sign_in::load().and_then(|last| {
            let cloud = last.cloud()?;
            self.start(Start {
                settings: &last.settings(),
                cloud: &cloud,
                version: last.version(),
                keep: last.keep,
                return_to: here.clone(),
                prompt: Some(Prompt::SelectAccount),
                login_hint: None,
            })
            .ok()
        });
        if started.is_none() {
            session.expire("Sign in with another account: this one was denied access.");
        }
    }

    /// A reload with nobody signed in, after a browser sign-in in this tab:
    /// signs in again without a page (`prompt=none`, `login_hint`), back to
    /// `return_to`. `false` when there is nothing to try.
    fn renew_silently(&self, session: SessionContext, return_to: Option<String>) -> bool {
        // Framed, a portal signs the viewer in: never a redirect.
        if session.client().is_ok() || crate::app::embed::window::is_framed() {
            return false;
        }
        let Some(last) = last_sign_in::load() else {
            return false;
        };
        let Some(cloud) = last.cloud() else {
            return false;
        };
        let started = self.start(Start {
            settings: &last.settings(),
            cloud: &cloud,
            version: last.version(),
            keep: last.keep,
            return_to,
            prompt: Some(Prompt::None),
            login_hint: Some(last.upn.clone()),
        });
        if started.is_err() {
            last_sign_in::forget();
        }
        started.is_ok()
    }

    /// At start (before the router): handles a redirect back from the
    /// sign-in service, if this page load is one.
    pub(crate) fn land(&self, session: SessionContext, base: Option<&str>) {
        let Some((path, query)) = current_location() else {
            return;
        };
        let in_app = crate::app::url::base::strip_base(&path, base);
        let at_base = matches!(in_app, "/" | "/index.html");
        if !at_base || !is_landing(&query) {
            let return_to = (in_app != "/sign-in").then(|| format!("{in_app}{query}"));
            self.renew_silently(session, return_to);
            return;
        }
        let landing = parse_landing(&query);
        let trip = take();
        replace_address(&format!("{}/sign-in", base.unwrap_or_default()));
        if let Some(path) = trip.as_ref().and_then(|t| t.return_to.clone()) {
            session.remember_return(path);
        }
        let Some(landing) = landing else {
            return;
        };
        let this = *self;
        this.busy.set(true);
        let silent = trip.as_ref().is_some_and(|t| t.silent);
        leptos::task::spawn_local(async move {
            match complete(landing, trip).await {
                Ok(done) => {
                    last_sign_in::save(&LastSignIn::of(&done.session, &done.settings, done.keep));
                    refresher::start(
                        session,
                        done.session,
                        done.keep,
                        done.settings,
                        done.refresh,
                    );
                    this.arrived.set(Some(
                        session
                            .take_return_to()
                            .unwrap_or_else(crate::app::url::query::paths::workflows),
                    ));
                }
                // No session at the sign-in service: the sign-in screen, no error.
                Err(error) if silent && error.needs_interaction() => last_sign_in::forget(),
                Err(error) => this.error.set(Some(error)),
            }
            this.busy.set(false);
        });
    }
}

impl Default for BrowserSignIn {
    fn default() -> Self {
        Self::new()
    }
}

/// A redeemed sign-in, ready to start.
struct Done {
    session: Session,
    keep: bool,
    settings: SignInSettings,
    refresh: Option<Secret>,
}

/// Checks and redeems a landing.
async fn complete(landing: Landing, trip: Option<RoundTrip>) -> Result<Done, SignInError> {
    let (code, state) = match landing {
        Landing::Error { error, .. } => return Err(error),
        Landing::Code { code, state } => (code, state),
    };
    let trip = trip.ok_or_else(|| {
        SignInError::local(SignInProblem::Forgery, "this tab did not start a sign-in")
    })?;
    check_state(&trip.state, state.as_deref())?;
    let settings = trip.settings();
    let cloud = trip
        .cloud()
        .ok_or_else(|| SignInError::local(SignInProblem::Other, "the chosen cloud is unknown"))?;
    let version = ApiVersion::parse(&trip.api_version).unwrap_or_default();
    let tokens =
        token_endpoint::redeem(&settings, &cloud, &code, &trip.redirect_uri, &trip.verifier)
            .await?;
    check_nonce(tokens.id_token.as_ref(), &trip.nonce)?;
    let session = Session::from_secret(cloud, version, tokens.access, TokenSource::BrowserSignIn)
        .map_err(|e| SignInError::local(SignInProblem::Other, e.to_string()))?;
    Ok(Done {
        session,
        keep: trip.keep,
        settings,
        refresh: tokens.refresh,
    })
}

/// The error for a token endpoint the page's policy would block (the round
/// trip would end in a failed request after the admin signed in).
fn blocked(policy: Option<&str>, token_endpoint: &str, page_origin: &str) -> Option<SignInError> {
    crate::app::site::csp::blocked_endpoint_warning(policy, token_endpoint, page_origin)?;
    Some(SignInError::local(
        SignInProblem::Unreachable,
        token_endpoint::origin_of(token_endpoint),
    ))
}

/// A fresh round trip (random verifier, state and nonce).
fn round_trip(from: &Start<'_>, redirect_uri: &str) -> Result<RoundTrip, SignInError> {
    let mut verifier = [0u8; 32];
    let mut state = [0u8; 16];
    let mut nonce = [0u8; 16];
    for bytes in [&mut verifier[..], &mut state[..], &mut nonce[..]] {
        random_bytes(bytes)?;
    }
    let (cloud, endpoint) = match from.cloud {
        Cloud::Custom(url) => ("custom".to_string(), url.clone()),
        named => (named.key().to_string(), String::new()),
    };
    Ok(RoundTrip {
        state: pkce::random_value(&state),
        nonce: pkce::random_value(&nonce),
        verifier: pkce::verifier(&verifier),
        redirect_uri: redirect_uri.to_string(),
        client_id: from.settings.client_id.trim().to_string(),
        tenant: from.settings.tenant.trim().to_string(),
        authority: from.settings.authority.clone(),
        cloud,
        endpoint,
        api_version: from.version.as_str().to_string(),
        keep: from.keep,
        return_to: from.return_to.clone(),
        silent: from.prompt == Some(Prompt::None),
    })
}

/// Deletes a round trip that never came back (the admin pressed Back).
pub(crate) fn forget_round_trip() {
    let _ = take();
}

#[cfg(target_arch = "wasm32")]
fn random_bytes(bytes: &mut [u8]) -> Result<(), SignInError> {
    let no_random = || {
        SignInError::local(
            SignInProblem::Other,
            "this browser offers no secure random numbers (crypto.getRandomValues)",
        )
    };
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(no_random)?;
    crypto
        .get_random_values_with_u8_array(bytes)
        .map_err(|_| no_random())?;
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn random_bytes(_bytes: &mut [u8]) -> Result<(), SignInError> {
    Err(SignInError::local(
        SignInProblem::Other,
        "secure random numbers need a browser",
    ))
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn save(trip: &RoundTrip) {
    #[cfg(target_arch = "wasm32")]
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(trip)) {
        let _ = storage.set_item(KEY, &text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = trip;
}

/// The round trip in progress, removed from storage.
fn take() -> Option<RoundTrip> {
    #[cfg(target_arch = "wasm32")]
    {
        let storage = storage()?;
        let text = storage.get_item(KEY).ok()??;
        let _ = storage.remove_item(KEY);
        serde_json::from_str(&text).ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The site's redirect URI: its origin and base path.
fn redirect_uri() -> String {
    crate::auth::authorize::redirect_uri(
        &crate::app::site::csp::page_origin(),
        crate::app::url::base::router_base().as_deref(),
    )
}

/// The page's path and query.
fn current_location() -> Option<(String, String)> {
    #[cfg(target_arch = "wasm32")]
    {
        let location = web_sys::window()?.location();
        Some((location.pathname().ok()?, location.search().ok()?))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Replaces the address (and this history entry) without loading.
fn replace_address(path: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = path;
}

/// Leaves for `url`, replacing this page's history entry.
fn replace_location(url: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = url;
}

/// The in-app path and query of the page (for a round trip to return to).
fn current_in_app_link() -> Option<String> {
    let (path, query) = current_location()?;
    let base = crate::app::url::base::router_base();
    let in_app = crate::app::url::base::strip_base(&path, base.as_deref());
    Some(format!("{in_app}{query}"))
}

fn go_to(url: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = url;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_trip_keeps_the_cloud_and_settings() {
        let trip = RoundTrip {
            state: "s".into(),
            nonce: "n".into(),
            verifier: "v".into(),
            redirect_uri: "http://127.0.0.1:1/".into(),
            client_id: "app".into(),
            tenant: "organizations".into(),
            authority: Some("http://127.0.0.1:2".into()),
            cloud: "custom".into(),
            endpoint: "http://127.0.0.1:2".into(),
            api_version: "beta".into(),
            keep: false,
            return_to: Some("/workflows/x/runs?status=failed".into()),
            silent: true,
        };
        let back: RoundTrip = serde_json::from_str(&serde_json::to_string(&trip).unwrap()).unwrap();
        assert_eq!(back, trip);
        assert_eq!(
            back.cloud(),
            Some(Cloud::Custom("http://127.0.0.1:2".into()))
        );
        assert_eq!(
            back.settings().authority.as_deref(),
            Some("http://127.0.0.1:2")
        );
        let named = RoundTrip {
            cloud: "usgovl4".into(),
            ..trip
        };
        assert_eq!(named.cloud(), Some(Cloud::UsGovL4));
    }

    #[test]
    fn a_landing_without_a_round_trip_is_refused_before_any_request() {
        let landing = Landing::Code {
            code: Secret::new("c"),
            state: Some("s".into()),
        };
        let result = futures_lite_block_on(complete(landing, None));
        let error = result.err().expect("refused");
        assert_eq!(error.problem, SignInProblem::Forgery);
    }

    #[test]
    fn a_forged_state_is_refused_before_any_request() {
        let trip = RoundTrip {
            state: "real".into(),
            nonce: "n".into(),
            verifier: "v".into(),
            redirect_uri: "http://127.0.0.1:1/".into(),
            client_id: "app".into(),
            tenant: String::new(),
            authority: None,
            cloud: "global".into(),
            endpoint: String::new(),
            api_version: "v1.0".into(),
            keep: false,
            return_to: None,
            silent: false,
        };
        let landing = Landing::Code {
            code: Secret::new("c"),
            state: Some("forged".into()),
        };
        let error = futures_lite_block_on(complete(landing, Some(trip)))
            .err()
            .expect("refused");
        assert_eq!(error.problem, SignInProblem::Forgery);
        assert!(error.message().contains("state mismatch"));
    }

    #[test]
    fn a_token_endpoint_outside_connect_src_is_named_before_leaving() {
        let policy = "default-src 'self'; connect-src 'self' https://login.microsoftonline.com";
        let origin = "https://viewer.contoso.com";
        assert!(blocked(
            Some(policy),
            "https://login.microsoftonline.com/t/oauth2/v2.0/token",
            origin
        )
        .is_none());
        let error = blocked(
            Some(policy),
            "https://login.microsoftonline.us/t/oauth2/v2.0/token",
            origin,
        )
        .expect("blocked");
        assert_eq!(error.problem, SignInProblem::Unreachable);
        assert!(error
            .message()
            .contains("--connect-src https://login.microsoftonline.us"));
        assert!(blocked(None, "https://anything.example/token", origin).is_none());
    }

    /// Polls a future that completes without waiting (no request is made).
    fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
        use std::task::{Context, Poll, Waker};
        let mut future = std::pin::pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("the check made a request"),
        }
    }
}
