//! The viewer's side of the host portal (a `Copy` context): whether the
//! page is embedded, the handshake state (listed hosts, the host that
//! answered, the last nonce sent, who waits for a token), the incoming
//! message gate and the counters of what it ignored. Browser calls live in
//! [`super::window`]; this file decides.

use std::time::Duration;

use super::contract::{self, HostOrigin, HostToken, Ignored, Inbound, Outbound, Scheme};
use super::window;
use crate::app::site::config::RuntimeConfig;
use crate::app::site::requests;
use crate::graph::RenewReason;
use leptos::prelude::*;

/// After this long without an answer to `lwv:ready`, the waiting screen
/// says what the deployer should check.
pub(crate) const READY_HINT_AFTER: Duration = Duration::from_secs(10);
/// A `lwv:token-request` without an answer by then gives up (no token).
pub(crate) const RENEW_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether the viewer runs embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EmbedMode {
    /// Not framed, or framed without listed hosts: the viewer signs in itself.
    Off,
    /// Framed; `config.json` not read yet.
    Checking,
    /// Framed with listed hosts: no sign-in form, the host hands the token.
    On,
}

/// The handshake's state (local: browser callbacks live here).
#[derive(Default)]
struct HostState {
    config: RuntimeConfig,
    /// The host that handed over a token (all later posts go only there).
    answered: Option<HostOrigin>,
    last_nonce: Option<String>,
    /// The latest accepted token, for whoever waited.
    answer: Option<HostToken>,
    /// Resolvers of the futures waiting for a token.
    waiters: Vec<window::Resolver>,
    ignored: [u32; Ignored::ALL.len()],
    /// The page was opened with a token in its URL (dropped, never used).
    url_token: bool,
    /// The next navigation is the host's (`lwv:navigate`), not the admin's.
    host_driven: bool,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    last_height: Option<u32>,
}

/// The embedding context (a `Copy` handle), provided by the shell.
#[derive(Clone, Copy)]
pub(crate) struct EmbedHost {
    state: StoredValue<HostState, LocalStorage>,
    mode: RwSignal<EmbedMode>,
    theme: RwSignal<Option<Scheme>>,
    /// A path the host asked to open (the router bridge follows it).
    navigate_to: RwSignal<Option<String>>,
}

impl EmbedHost {
    /// Starts embedding when framed: reads `config.json`, then decides. A
    /// token in the page URL is dropped from the address first, never used.
    pub(crate) fn start() -> Self {
        let framed = window::is_framed();
        let url_token = window::drop_url_token();
        let host = EmbedHost {
            state: StoredValue::new_local(HostState {
                url_token,
                ..HostState::default()
            }),
            mode: RwSignal::new(if framed {
                EmbedMode::Checking
            } else {
                EmbedMode::Off
            }),
            theme: RwSignal::new(None),
            navigate_to: RwSignal::new(None),
        };
        if framed {
            leptos::task::spawn_local(async move {
                let config = requests::fetch_runtime_config().await;
                host.configure(config);
            });
        }
        host
    }

    fn configure(&self, config: RuntimeConfig) {
        let on = !config.embed.hosts.is_empty();
        self.state.update_value(|s| s.config = config);
        if !on {
            self.mode.set(EmbedMode::Off);
            return;
        }
        window::set_embedded_marker();
        window::listen_for_messages(*self);
        window::observe_height(*self);
        if self.state.with_value(|s| s.url_token) {
            self.ignore(Ignored::UrlToken);
        }
        self.mode.set(EmbedMode::On);
    }

    /// Whether the viewer is embedded (tracked).
    pub(crate) fn mode(&self) -> EmbedMode {
        self.mode.get()
    }

    /// Whether the viewer is embedded (untracked).
    pub(crate) fn mode_untracked(&self) -> EmbedMode {
        self.mode.get_untracked()
    }

    /// The runtime configuration read at start (defaults when not framed).
    pub(crate) fn config(&self) -> RuntimeConfig {
        self.state.with_value(|s| s.config.clone())
    }

    /// The listed host origins, for the waiting screen's hint.
    pub(crate) fn listed_hosts(&self) -> Vec<String> {
        self.state.with_value(|s| {
            s.config
                .embed
                .hosts
                .iter()
                .map(|h| h.as_str().to_string())
                .collect()
        })
    }

    /// The scheme the host asked for (tracked), if any.
    pub(crate) fn theme(&self) -> Option<Scheme> {
        self.theme.get()
    }

    /// The path the host asked to open (tracked), taken by the router bridge.
    pub(crate) fn take_navigation(&self) -> Option<String> {
        let path = self.navigate_to.get()?;
        self.navigate_to.set(None);
        Some(path)
    }

    /// Marks the next navigation as the host's (the bridge follows `lwv:navigate`).
    pub(crate) fn mark_host_navigation(&self) {
        self.state.update_value(|s| s.host_driven = true);
    }

    /// Whether the navigation that just happened was the host's (consumed).
    pub(crate) fn take_host_navigation(&self) -> bool {
        self.state
            .try_update_value(|s| std::mem::take(&mut s.host_driven))
            .unwrap_or(false)
    }

    /// Posts `lwv:ready` and waits (as long as it takes) for the token.
    pub(crate) async fn ready(&self) -> Option<HostToken> {
        let nonce = self.fresh_nonce()?;
        self.ask(Outbound::Ready { nonce }, None).await
    }

    /// Posts `lwv:token-request` and waits up to [`RENEW_TIMEOUT`].
    pub(crate) async fn request_token(&self, reason: RenewReason) -> Option<HostToken> {
        let nonce = self.fresh_nonce()?;
        self.ask(
            Outbound::TokenRequest { nonce, reason },
            Some(RENEW_TIMEOUT),
        )
        .await
    }

    fn fresh_nonce(&self) -> Option<String> {
        let nonce = window::random_nonce()?;
        self.state
            .update_value(|s| s.last_nonce = Some(nonce.clone()));
        Some(nonce)
    }

    async fn ask(&self, message: Outbound, limit: Option<Duration>) -> Option<HostToken> {
        let (wait, resolver) = window::waiter(limit);
        self.state.update_value(|s| {
            s.answer = None;
            s.waiters.push(resolver);
        });
        self.post(&message);
        if !wait.await {
            return None;
        }
        self.state.with_value(|s| s.answer.clone())
    }

    /// Posts to the host that answered, else to each listed host (a
    /// non-matching target is dropped by the browser); never to `"*"`.
    pub(crate) fn post(&self, message: &Outbound) {
        let targets: Vec<HostOrigin> = self.state.with_value(|s| match &s.answered {
            Some(host) => vec![host.clone()],
            None => s.config.embed.hosts.clone(),
        });
        window::post_to_parent(&message.to_json(), &targets);
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // called by the browser listener and observer
    /// Tells the host the content height when it changed.
    pub(crate) fn report_height(&self, height: u32) {
        let changed = self.state.try_update_value(|s| {
            let changed = s.last_height != Some(height);
            s.last_height = Some(height);
            changed
        });
        if changed == Some(true) {
            self.post(&Outbound::Resize { height });
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // called by the browser listener and observer
    /// Handles one incoming message: its origin, whether its source is
    /// `window.parent`, and its data as JSON (read only once the sender passed).
    pub(crate) fn receive(
        &self,
        origin: &str,
        from_parent: bool,
        data: impl FnOnce() -> Option<serde_json::Value>,
    ) {
        let hosts = self.state.with_value(|s| s.config.embed.hosts.clone());
        let checked = contract::check_sender(origin, from_parent, &hosts).and_then(|()| {
            data()
                .as_ref()
                .map_or(Err(Ignored::Unknown), contract::parse)
        });
        match checked {
            Ok(Inbound::Token(token)) => self.accept_token(origin, token),
            Ok(Inbound::Navigate(path)) => self.navigate_to.set(Some(path)),
            Ok(Inbound::Theme(scheme)) => self.theme.set(Some(scheme)),
            Err(reason) => self.ignore(reason),
        }
    }

    fn accept_token(&self, origin: &str, token: HostToken) {
        let last = self.state.with_value(|s| s.last_nonce.clone());
        if let Err(reason) = contract::check_nonce(&token, last.as_deref()) {
            self.ignore(reason);
            return;
        }
        let waiters = self.state.try_update_value(|s| {
            s.last_nonce = None;
            s.answered = HostOrigin::parse(origin);
            s.answer = Some(token);
            std::mem::take(&mut s.waiters)
        });
        for resolver in waiters.unwrap_or_default() {
            resolver.resolve(true);
        }
    }

    fn ignore(&self, reason: Ignored) {
        let counts = self.state.try_update_value(|s| {
            let index = Ignored::ALL.iter().position(|r| *r == reason).unwrap_or(0);
            s.ignored[index] = s.ignored[index].saturating_add(1);
            s.ignored
        });
        if let Some(counts) = counts {
            window::debug_line(&ignored_line(&counts));
        }
    }
}

/// `lwv: ignored messages: origin 1, source 0, …` (counts only, no content).
fn ignored_line(counts: &[u32; Ignored::ALL.len()]) -> String {
    let parts: Vec<String> = Ignored::ALL
        .iter()
        .zip(counts)
        .map(|(reason, n)| format!("{} {n}", reason.as_str()))
        .collect();
    format!("lwv: ignored messages: {}", parts.join(", "))
}
