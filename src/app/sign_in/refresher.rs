//! Silent renewal of a browser sign-in: the session's [`FetchToken`]
//! redeems the refresh token (held in memory, or also in `sessionStorage`
//! with "Keep for this tab"), replacing it with the rotated one every time.
//! One redemption at a time: a renewal asked for while one is under way
//! waits for it and shares its token (the old refresh token is revoked by
//! then). When the refresh token is refused (its 24 hours are up, or it was
//! revoked) the session ends with "Your sign-in has ended; sign in again".

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::app::session::context::SessionContext;
use crate::app::session::renewal::FetchToken;
use crate::app::session::store;
use crate::app::sign_in::token_endpoint;
use crate::auth::authorize::SignInSettings;
use crate::auth::authorize::Tokens;
use crate::auth::entra_error::{SignInError, SignInProblem, SIGN_IN_ENDED};
use crate::auth::{Cloud, Session};
use crate::graph::{RenewFuture, RenewReason, Secret};

/// What renewal needs besides the token: the app and where it signs in.
struct Refresher {
    settings: SignInSettings,
    cloud: Cloud,
    keep: bool,
    session: SessionContext,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    refresh: Option<Secret>,
    busy: bool,
    /// The access token of the last renewal, for those who waited on it.
    latest: Option<Secret>,
}

/// The renewal record kept for the tab with "Keep for this tab".
#[derive(Serialize, Deserialize)]
struct Kept {
    #[serde(rename = "clientId")]
    client_id: String,
    tenant: String,
    authority: Option<String>,
    #[serde(rename = "refreshToken")]
    refresh_token: String,
}

/// Starts a browser sign-in's session: renewable when a refresh token came.
pub(crate) fn start(
    context: SessionContext,
    session: Session,
    keep: bool,
    settings: SignInSettings,
    refresh: Option<Secret>,
) {
    let Some(refresh) = refresh else {
        context.sign_in(session, keep);
        return;
    };
    let refresher = Arc::new(Refresher {
        settings,
        cloud: session.cloud.clone(),
        keep,
        session: context,
        state: Mutex::new(State {
            refresh: Some(refresh),
            ..State::default()
        }),
    });
    let fetch: FetchToken = {
        let refresher = refresher.clone();
        Arc::new(move |reason| refresher.clone().fetch(reason))
    };
    context.sign_in_renewable(session, keep, fetch);
    refresher.keep_record();
}

/// After a reload with "Keep for this tab": the kept session renews again.
pub(crate) fn resume(context: SessionContext) {
    let Some(kept) = store::load_refresh().and_then(|t| serde_json::from_str::<Kept>(&t).ok())
    else {
        return;
    };
    let Some(session) = store::load() else {
        return;
    };
    let settings = SignInSettings {
        client_id: kept.client_id,
        tenant: kept.tenant,
        authority: kept.authority,
    };
    start(
        context,
        session,
        true,
        settings,
        Some(Secret::new(&kept.refresh_token)),
    );
}

impl Refresher {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn fetch(self: Arc<Self>, _reason: RenewReason) -> RenewFuture {
        Box::pin(async move {
            if self.wait_for_other().await {
                return self.lock().latest.clone();
            }
            let token = {
                let mut state = self.lock();
                state.busy = true;
                state.refresh.clone()
            };
            let Some(token) = token else {
                self.lock().busy = false;
                return None;
            };
            let answer = token_endpoint::refresh(&self.settings, &self.cloud, &token).await;
            self.finish(answer)
        })
    }

    /// Waits while another renewal is under way; `true` if there was one.
    async fn wait_for_other(&self) -> bool {
        let mut waited = false;
        while self.lock().busy {
            waited = true;
            gloo_timers::future::sleep(Duration::from_millis(100)).await;
        }
        waited
    }

    fn finish(&self, answer: Result<Tokens, SignInError>) -> Option<Secret> {
        let mut state = self.lock();
        state.busy = false;
        match answer {
            Ok(tokens) => {
                if let Some(rotated) = tokens.refresh {
                    state.refresh = Some(rotated);
                }
                state.latest = Some(tokens.access.clone());
                drop(state);
                self.keep_record();
                Some(tokens.access)
            }
            Err(error) => {
                let refused = matches!(
                    error.problem,
                    SignInProblem::Ended | SignInProblem::CodeRefused
                );
                if refused {
                    state.refresh = None;
                    drop(state);
                    self.session.expire(SIGN_IN_ENDED);
                }
                None
            }
        }
    }

    /// Writes the renewal record for the tab (only with "Keep for this tab").
    fn keep_record(&self) {
        if !self.keep {
            return;
        }
        let Some(token) = self.lock().refresh.clone() else {
            return;
        };
        let kept = Kept {
            client_id: self.settings.client_id.clone(),
            tenant: self.settings.tenant.clone(),
            authority: self.settings.authority.clone(),
            refresh_token: token.expose().to_string(),
        };
        if let Ok(text) = serde_json::to_string(&kept) {
            store::save_refresh(&text);
        }
    }
}
