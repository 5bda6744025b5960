//! The header: product name, who is signed in with the token's countdown,
//! and Sign out.

use crate::app::base::app_href;
use crate::app::clock::{countdown, Clock};
use crate::app::query::paths;
use crate::app::session::Session;
use crate::auth::TokenInfo;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The application header.
#[component]
pub fn TopBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let clock = use_context::<Clock>();
    // An expired token goes back to sign-in (remembering the screen) before a 401.
    Effect::new(move |_| {
        let (Some(clock), Some(conn)) = (clock, session.connection()) else {
            return;
        };
        let now = clock.now();
        let expired = TokenInfo::from_token(&conn.token)
            .ok()
            .is_some_and(|info| info.is_expired(now));
        if expired {
            session
                .expire("Your token has expired. Paste a fresh token to continue where you were.");
        }
    });
    let sign_out = move |_| {
        session.sign_out();
        crate::app::api::forget_client();
        navigate(&paths::sign_in(), NavigateOptions::default());
    };
    view! {
        <header class="top-bar">
            <A href=app_href("/workflows")>
                <span class="brand">"Lifecycle Workflows viewer"</span>
            </A>
            <Show when=move || session.is_signed_in()>
                <div class="top-bar-session">
                    <span class="session-who">{move || session_summary(&session, clock.map(|c| c.now()))}</span>
                    <button type="button" class="btn" on:click=sign_out.clone()>
                        "Sign out"
                    </button>
                </div>
            </Show>
        </header>
    }
}

/// "adele@contoso · graph host · 52 min left" for the header.
fn session_summary(session: &Session, now: Option<DateTime<Utc>>) -> String {
    let Some(conn) = session.connection() else {
        return String::new();
    };
    let info = TokenInfo::from_token(&conn.token).ok();
    let who = info
        .as_ref()
        .map(TokenInfo::who)
        .unwrap_or_else(|| "—".into());
    let expiry = match (info.as_ref().and_then(TokenInfo::expires_at), now) {
        (Some(at), Some(now)) => format!(" · token {}", countdown(at, now)),
        _ => String::new(),
    };
    format!("{who} · {} {}{expiry}", conn.graph_base, conn.api_version)
}
