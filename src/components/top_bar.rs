//! The header: product name, who is signed in with the token's countdown,
//! and Sign out.

use crate::app::query::paths;
use crate::app::session::Session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The application header.
#[component]
pub fn TopBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let navigate = use_navigate();
    let sign_out = move |_| {
        session.sign_out();
        navigate(&paths::sign_in(), NavigateOptions::default());
    };
    view! {
        <header class="top-bar">
            <A href="/workflows">
                <span class="brand">"Lifecycle Workflows viewer"</span>
            </A>
            <Show when=move || session.is_signed_in()>
                <div class="top-bar-session">
                    <span class="session-who">{move || session.connection().map(|c| c.graph_base)}</span>
                    <button type="button" class="btn" on:click=sign_out.clone()>
                        "Sign out"
                    </button>
                </div>
            </Show>
        </header>
    }
}
