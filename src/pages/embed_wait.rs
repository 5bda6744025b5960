//! The embedded sign-in screen: no form; the viewer asks the host portal for
//! a token (`lwv:ready`) and waits, saying what the deployer should check
//! when no answer comes within 10 seconds.

use crate::app::embed::host::{EmbedHost, READY_HINT_AFTER};
use crate::app::embed::session;
use crate::app::session::context::SessionContext;
use crate::app::url::query::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Waits for the host's token, then opens the screen the viewer was on.
#[component]
pub(crate) fn EmbedWait() -> impl IntoView {
    let host = expect_context::<EmbedHost>();
    let signed = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let slow = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    if signed.client().is_ok() {
        let to = signed.take_return_to().unwrap_or_else(paths::workflows);
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
        return ().into_any();
    }
    set_timeout(
        move || {
            slow.try_set(true);
        },
        READY_HINT_AFTER,
    );
    leptos::task::spawn_local(async move {
        let Some(token) = host.ready().await else {
            problem.try_set(Some(
                "This browser cannot start the handshake with the portal.".into(),
            ));
            return;
        };
        if signed.client().is_ok() {
            return;
        }
        match session::start(signed, host, token) {
            Ok(()) => {
                let to = signed.take_return_to().unwrap_or_else(paths::workflows);
                navigate(
                    &to,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
            Err(message) => {
                problem.try_set(Some(format!(
                    "The portal's token cannot be used: {message}"
                )));
            }
        }
    });
    view! {
        <h1>"Connecting to the portal"</h1>
        <section class="panel embed-wait" aria-live="polite">
            <p role="status">"Waiting for the portal to provide access…"</p>
            {move || signed.notice().map(|_| view! {
                <p class="banner banner-warning" role="alert">"The portal's token ran out or was rejected; a fresh one has been asked for."</p>
            })}
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert">{p}</p> })}
            <Show when=move || slow.get()>
                <SlowHint hosts=host.listed_hosts() />
            </Show>
        </section>
    }
    .into_any()
}

/// What the deployer should check when the portal does not answer.
#[component]
fn SlowHint(hosts: Vec<String>) -> impl IntoView {
    view! {
        <div class="banner banner-warning" role="alert">
            <p class="banner-message">"No answer from the portal after 10 seconds. The deployer should check:"</p>
            <ul>
                <li>"the portal's origin is one of the listed hosts in config.json (embed.hosts): " {hosts.join(", ")}</li>
                <li>"the portal answers lwv:ready with lwv:token carrying the same nonce (see the README, Embedding)"</li>
                <li>"the viewer's frame-ancestors header allows the portal, and the portal frames the viewer's exact URL"</li>
            </ul>
        </div>
    }
}
