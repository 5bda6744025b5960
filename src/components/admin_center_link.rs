//! The way out to the Microsoft Entra admin center (a new tab) for what this
//! viewer does not do: editing and configuring workflows.

use leptos::prelude::*;

/// "Open in Entra admin center ↗"; `hint` says what the page there offers.
#[component]
pub fn AdminCenterLink(#[prop(into)] href: Signal<String>, hint: &'static str) -> impl IntoView {
    view! {
        <a class="admin-center-link" href=href target="_blank" rel="noopener noreferrer" title=hint>
            "Open in Entra admin center"
            <span aria-hidden="true">" ↗"</span>
            <span class="sr-only">" (opens in a new tab)"</span>
        </a>
    }
}
