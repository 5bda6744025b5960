//! The one session context: the typed [`auth::Session`](crate::auth::Session)
//! (or nothing) with its [`GraphClient`], the user directory, the loads kept
//! for the session (result cache), the screen to
//! return to after signing in again and the notice for the sign-in screen.
//! Signing in, signing out and expiry are its only writers; a pasted token,
//! the demo tenant, a browser sign-in and a host portal all call
//! [`SessionContext::sign_in`] with the same session type.

use std::time::Duration;

use crate::app::load::throttle::Throttle;
use crate::app::session::renewal::{self, FetchToken};
use crate::app::session::result_cache::ResultCache;
use crate::app::session::store;
use crate::app::session::users::UserDirectory;
use crate::auth::{Session, SessionError, TokenSource};
use crate::graph::{GraphClient, GraphError, RenewHook, RenewReason, Secret};
use leptos::prelude::*;

/// A signed-in session and the client that calls Graph for it. The client
/// lives exactly as long as the session: a new sign-in makes a new one.
#[derive(Clone, Debug)]
pub(crate) struct Signed {
    pub session: Session,
    pub client: GraphClient,
    /// How the token is renewed without the admin, when it can be.
    pub renew: Option<RenewHook>,
}

/// The session context shared by every screen (a `Copy` handle).
#[derive(Clone, Copy)]
pub(crate) struct SessionContext {
    current: RwSignal<Option<Signed>>,
    /// In-app path + query to go back to after signing in again.
    return_to: RwSignal<Option<String>>,
    /// Message for the sign-in screen (expired or rejected token).
    notice: RwSignal<Option<String>>,
    /// Set by an explicit sign out so the guard does not remember the screen.
    signed_out: RwSignal<bool>,
    /// A renewal after the clock passed the expiry is under way.
    renewing: RwSignal<bool>,
    /// Display names and UPNs of user ids, for this session only.
    pub users: UserDirectory,
    /// Complete loads kept for this session only (Back is instant).
    pub results: ResultCache,
    /// When a throttled request is retried (told by the client).
    pub throttle: Throttle,
}

impl SessionContext {
    /// A context restored from this tab's storage when the user kept it.
    pub(crate) fn new() -> Self {
        let throttle = Throttle::new();
        Self {
            current: RwSignal::new(store::load().map(|s| signed(s, throttle))),
            return_to: RwSignal::new(None),
            notice: RwSignal::new(None),
            signed_out: RwSignal::new(false),
            renewing: RwSignal::new(false),
            users: UserDirectory::new(),
            results: ResultCache::new(),
            throttle,
        }
    }

    /// Runs `f` on the signed-in session (tracked), without cloning it.
    pub(crate) fn with_session<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.current.with(|c| c.as_ref().map(|s| f(&s.session)))
    }

    /// The client of the signed-in session (untracked: for tasks), or the
    /// 401-like error a signed-out caller gets.
    pub(crate) fn client(&self) -> Result<GraphClient, GraphError> {
        self.current
            .try_with_untracked(|c| c.as_ref().map(|s| s.client.clone()))
            .flatten()
            .ok_or_else(|| GraphError::from_response(401, "", None))
    }

    /// Whether a token is present (tracked).
    pub(crate) fn is_signed_in(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// Starts `session`; `keep_for_tab` also writes sessionStorage.
    pub(crate) fn sign_in(&self, session: Session, keep_for_tab: bool) {
        self.start(signed(session, self.throttle), keep_for_tab);
    }

    /// Starts a session whose token `fetch` can renew without the admin
    /// (ahead of expiry and after a 401; see [`renewal`]).
    pub(crate) fn sign_in_renewable(
        &self,
        session: Session,
        keep_for_tab: bool,
        fetch: FetchToken,
    ) {
        let hook = renewal::hook(*self, fetch);
        let client = session
            .client()
            .with_renewer(hook.clone())
            .with_retry_observer(self.throttle.observer());
        self.start(
            Signed {
                session,
                client,
                renew: Some(hook),
            },
            keep_for_tab,
        );
    }

    fn start(&self, signed: Signed, keep_for_tab: bool) {
        if keep_for_tab {
            store::save(&signed.session);
        } else {
            store::clear();
        }
        self.users.reset();
        self.results.clear();
        self.notice.set(None);
        self.signed_out.set(false);
        self.renewing.set(false);
        self.current.set(Some(signed));
    }

    /// Installs a renewed token: decoded like a pasted one, sent by the
    /// session's client (and its loads in flight) from the next request.
    /// The user directory and everything loaded stay.
    pub(crate) fn renewed(&self, token: Secret) -> Result<(), SessionError> {
        let Some(old) = self
            .current
            .with_untracked(|c| c.as_ref().map(|s| s.session.clone()))
        else {
            return Err(SessionError::EmptyToken);
        };
        if old.token == token {
            return Ok(());
        }
        let fresh = Session::from_secret(old.cloud, old.api_version, token, old.source)?;
        self.current.update(|current| {
            if let Some(signed) = current {
                signed.client.set_token(fresh.token.clone());
                signed.session = fresh;
            }
        });
        if store::load().is_some() {
            self.current
                .with_untracked(|c| c.as_ref().map(|s| store::save(&s.session)));
        }
        Ok(())
    }

    /// The time left and the hook of a renewable session (tracked).
    pub(crate) fn renewal_plan(&self) -> Option<(Duration, RenewHook)> {
        self.current.with(|c| {
            let signed = c.as_ref()?;
            let hook = signed.renew.clone()?;
            let at = signed.session.info.expires_at()?;
            let left = (at - chrono::Utc::now()).to_std().unwrap_or(Duration::ZERO);
            Some((left, hook))
        })
    }

    /// The clock passed the token's expiry: a renewable session asks for a
    /// fresh token first; otherwise (or when none comes) it ends with
    /// `message`.
    pub(crate) fn token_ran_out(&self, message: String) {
        let hook = self
            .current
            .with_untracked(|c| c.as_ref().and_then(|s| s.renew.clone()));
        let Some(hook) = hook else {
            self.expire(message);
            return;
        };
        if self.renewing.get_untracked() {
            return;
        }
        self.renewing.set(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let fresh = hook.renew(RenewReason::Expired).await;
            this.renewing.set(false);
            if fresh.is_none() {
                this.expire(message);
            }
        });
    }

    /// Forgets the token everywhere, the screen to return to and the last
    /// browser sign-in (a reload then stays signed out).
    pub(crate) fn sign_out(&self) {
        store::clear();
        store::forget_last_sign_in();
        self.users.reset();
        self.results.clear();
        self.signed_out.set(true);
        self.return_to.set(None);
        self.notice.set(None);
        self.current.set(None);
    }

    /// Drops a token Graph rejected (401) or that expired, with a message;
    /// the guard then remembers the current screen.
    pub(crate) fn expire(&self, message: impl Into<String>) {
        if self.current.with_untracked(Option::is_none) {
            return;
        }
        store::clear();
        self.users.reset();
        self.results.clear();
        self.signed_out.set(false);
        self.notice.set(Some(message.into()));
        self.current.set(None);
    }

    /// What every Graph call's error goes through: a rejected token ends
    /// the session (the guard returns to sign-in, then back here).
    pub(crate) fn checked(&self, error: GraphError) -> GraphError {
        if error.needs_sign_in() {
            self.expire(error.user_message());
        }
        error
    }

    /// The message of a 403: the call that failed and what it needs that
    /// the signed-in token lacks (from its claims; untracked).
    pub(crate) fn explain_forbidden(&self, error: &GraphError) -> String {
        self.current
            .try_with_untracked(|c| {
                crate::auth::permissions::forbidden_message(
                    error,
                    c.as_ref().map(|s| &s.session.info),
                )
            })
            .unwrap_or_else(|| crate::auth::permissions::forbidden_message(error, None))
    }

    /// How the signed-in token arrived (untracked).
    pub(crate) fn source(&self) -> Option<TokenSource> {
        self.current
            .try_with_untracked(|c| c.as_ref().map(|s| s.session.source))
            .flatten()
    }

    /// The sign-in screen's notice (tracked).
    pub(crate) fn notice(&self) -> Option<String> {
        self.notice.get()
    }

    /// Whether the last sign-out was explicit (untracked).
    pub(crate) fn was_signed_out(&self) -> bool {
        self.signed_out.get_untracked()
    }

    /// Remembers the screen to return to after signing in.
    pub(crate) fn remember_return(&self, path: String) {
        self.return_to.set(Some(path));
    }

    /// The return path, consumed.
    pub(crate) fn take_return_to(&self) -> Option<String> {
        let path = self.return_to.get_untracked();
        self.return_to.set(None);
        path
    }
}

impl Default for SessionContext {
    fn default() -> Self {
        Self::new()
    }
}

fn signed(session: Session, throttle: Throttle) -> Signed {
    Signed {
        client: session.client().with_retry_observer(throttle.observer()),
        session,
        renew: None,
    }
}
