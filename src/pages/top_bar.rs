//! The header: product name, who is signed in with the token's countdown
//! (from the claims decoded once at sign-in), and Sign out. An expired
//! token returns to sign-in, remembering the screen, before Graph says 401.

use crate::app::base::app_href;
use crate::app::clock::{countdown, Clock};
use crate::app::query::paths;
use crate::app::session::SessionContext;
use crate::auth::Session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The application header.
#[component]
pub fn TopBar() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let clock = use_context::<Clock>();
    Effect::new(move |_| {
        let Some(clock) = clock else { return };
        let now = clock.now();
        if session.with_session(|s| s.is_expired(now)) == Some(true) {
            session.token_ran_out(
                "Your token has expired. Paste a fresh token to continue where you were.".into(),
            );
        }
    });
    let sign_out = move |_| {
        session.sign_out();
        navigate(&paths::sign_in(), NavigateOptions::default());
    };
    let summary = move || {
        let now = clock.map(|c| c.now());
        session
            .with_session(|s| session_summary(s, now))
            .unwrap_or_default()
    };
    view! {
        <header class="top-bar">
            <A href=app_href("/workflows")>
                <span class="brand">"Lifecycle Workflows viewer"</span>
            </A>
            <Show when=move || session.is_signed_in()>
                <div class="top-bar-session">
                    <span class="session-who">{summary}</span>
                    <button type="button" class="btn" on:click=sign_out.clone()>
                        "Sign out"
                    </button>
                </div>
            </Show>
        </header>
    }
}

/// "adele@contoso · graph host v1.0 · token 52 min left" for the header.
fn session_summary(session: &Session, now: Option<DateTime<Utc>>) -> String {
    let who = session.info.who();
    let who = if who.is_empty() {
        "—".to_string()
    } else {
        who
    };
    let expiry = match (session.info.expires_at(), now) {
        (Some(at), Some(now)) => format!(" · token {}", countdown(at, now)),
        _ => String::new(),
    };
    format!(
        "{who} · {} {}{expiry}",
        session.cloud.graph_base_url(),
        session.api_version.as_str()
    )
}
