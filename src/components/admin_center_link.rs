//! The way out to the Microsoft Entra admin center (a new tab) for what this
//! viewer does not do: editing and configuring workflows, fixing a user or
//! a group a task failed on.

use leptos::prelude::*;

/// "Open in Entra admin center ↗" (or `text`); `hint` says what the page
/// there offers.
#[component]
pub fn AdminCenterLink(
    #[prop(into)] href: Signal<String>,
    hint: &'static str,
    /// The link's words, when not "Open in Entra admin center".
    #[prop(optional, into)]
    text: Option<String>,
) -> impl IntoView {
    let text = text.unwrap_or_else(|| "Open in Entra admin center".to_string());
    view! {
        <a class="admin-center-link" href=href target="_blank" rel="noopener noreferrer" title=hint>
            {text}
            <span aria-hidden="true">" ↗"</span>
            <span class="sr-only">" (opens in a new tab)"</span>
        </a>
    }
}
