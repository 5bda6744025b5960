//! The header: product name, who is signed in with the token's countdown
//! (from the claims decoded once at sign-in), and Sign out. A long UPN is
//! shortened with an ellipsis on one line; the whole UPN shows on hover and
//! keyboard focus. An expired
//! token returns to sign-in, remembering the screen, before Graph says 401.
//! Embedded in a host portal there is no Sign out (the portal owns the
//! sign-in) and the token's warnings show under the header.

use crate::app::browser::clock::{countdown, Clock};
use crate::app::embed::host::{EmbedHost, EmbedMode};
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::query::paths;
use crate::auth::Session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The application header.
#[component]
pub(crate) fn TopBar() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let embed = expect_context::<EmbedHost>();
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
    let who = move || session.with_session(who_of).unwrap_or_default();
    let rest = move || {
        let now = clock.map(|c| c.now());
        session
            .with_session(|s| session_facts(s, now))
            .unwrap_or_default()
    };
    view! {
        <header class="top-bar">
            <A href=app_href("/workflows")>
                <span class="brand">"Lifecycle Workflows viewer"</span>
            </A>
            <Show when=move || session.is_signed_in()>
                <nav class="top-nav" aria-label="Sections">
                    <A href=app_href("/workflows")>"Workflows"</A>
                    <A href=app_href("/insights")>"Insights"</A>
                    <A href=app_href("/failures")>"Failures"</A>
                </nav>
                <div class="top-bar-session">
                    <span class="session-who">
                        <span class="session-upn" tabindex="0" aria-describedby="session-upn-full">{who}</span>
                        <span class="session-rest">{rest}</span>
                        <span id="session-upn-full" class="session-upn-full" role="tooltip">{who}</span>
                    </span>
                    {
                        let sign_out = sign_out.clone();
                        move || (embed.mode() != EmbedMode::On).then(|| {
                            let sign_out = sign_out.clone();
                            view! {
                                <button type="button" class="btn" on:click=sign_out>
                                    "Sign out"
                                </button>
                            }
                        })
                    }
                </div>
            </Show>
        </header>
        <Show when=move || embed.mode() == EmbedMode::On>
            <HostTokenWarnings />
        </Show>
    }
}

/// Embedded, there is no sign-in screen to show the token's warnings
/// (audience, expiry, permissions): they show under the header instead.
#[component]
fn HostTokenWarnings() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let warnings = move || {
        session
            .with_session(|s| s.warnings(Utc::now()))
            .unwrap_or_default()
    };
    view! {
        <ul class="warnings host-token-warnings">
            {move || {
                warnings()
                    .into_iter()
                    .map(|w| view! { <li class="banner banner-warning" role="alert">{w.message()}</li> })
                    .collect_view()
            }}
        </ul>
    }
}

/// Who is signed in, for the header ("—" when the token names nobody).
fn who_of(session: &Session) -> String {
    let who = session.info.who();
    if who.is_empty() {
        "—".to_string()
    } else {
        who
    }
}

/// " · graph host v1.0 · token 52 min left", after the UPN in the header.
fn session_facts(session: &Session, now: Option<DateTime<Utc>>) -> String {
    let expiry = match (session.info.expires_at(), now) {
        (Some(at), Some(now)) => format!(" · token {}", countdown(at, now)),
        _ => String::new(),
    };
    format!(
        " · {} {}{expiry}",
        session.cloud.graph_base_url(),
        session.api_version.as_str()
    )
}
