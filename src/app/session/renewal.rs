//! Keeping a renewable session's token fresh without the admin: a session
//! started with a way to fetch tokens (the host portal's handshake, a
//! refresh token) renews about 5 minutes before expiry, after a 401 (the
//! client retries the request that met it, so loaded rows stay) and when the
//! clock passes the expiry. Each fresh token goes through the same decoding
//! as a pasted one ([`SessionContext::renewed`]).

use std::sync::Arc;
use std::time::Duration;

use crate::app::session::context::SessionContext;
use crate::graph::{RenewFuture, RenewHook, RenewReason, Renewer};
use leptos::prelude::*;

/// How a session fetches a fresh token (`None` when none can be had).
pub(crate) type FetchToken = Arc<dyn Fn(RenewReason) -> RenewFuture + Send + Sync>;

/// Renew this long before the token ends.
const LEAD: Duration = Duration::from_secs(5 * 60);
/// Never renew sooner than this after scheduling.
const SOONEST: Duration = Duration::from_secs(5);

/// The client's renewer: fetches a token and installs it in the session.
struct SessionRenewer {
    session: SessionContext,
    fetch: FetchToken,
}

impl Renewer for SessionRenewer {
    fn renew(&self, reason: RenewReason) -> RenewFuture {
        let session = self.session;
        let fresh = (self.fetch)(reason);
        Box::pin(async move {
            let token = fresh.await?;
            session.renewed(token.clone()).ok()?;
            Some(token)
        })
    }
}

/// The hook a renewable session's client calls.
pub(crate) fn hook(session: SessionContext, fetch: FetchToken) -> RenewHook {
    RenewHook::new(SessionRenewer { session, fetch })
}

/// When to renew a token with `remaining` time left: 5 minutes ahead, or
/// halfway for tokens shorter than 10 minutes, never sooner than 5 s.
pub(crate) fn renew_delay(remaining: Duration) -> Duration {
    let ahead = if remaining > LEAD * 2 {
        remaining - LEAD
    } else {
        remaining / 2
    };
    ahead.max(SOONEST)
}

/// Schedules the renewal ahead of expiry for the session in force
/// (rescheduled whenever the session or its token changes).
pub(crate) fn keep_fresh(session: SessionContext) {
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        if let Some(old) = pending.get_value() {
            old.clear();
        }
        let Some((remaining, hook)) = session.renewal_plan() else {
            pending.set_value(None);
            return;
        };
        let handle = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    let _ = hook.renew(RenewReason::Expiring).await;
                });
            },
            renew_delay(remaining),
        );
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(old) = pending.get_value() {
            old.clear();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_hour_token_renews_five_minutes_ahead() {
        let delay = renew_delay(Duration::from_secs(3600));
        assert_eq!(delay, Duration::from_secs(3300));
    }

    #[test]
    fn a_short_token_renews_halfway() {
        assert_eq!(
            renew_delay(Duration::from_secs(360)),
            Duration::from_secs(180)
        );
    }

    #[test]
    fn an_ending_token_renews_soon_but_not_in_a_loop() {
        assert_eq!(renew_delay(Duration::ZERO), SOONEST);
        assert_eq!(renew_delay(Duration::from_secs(2)), SOONEST);
    }
}
