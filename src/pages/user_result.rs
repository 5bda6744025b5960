//! The user_result screen.

use leptos::prelude::*;

/// The user_result screen.
#[component]
pub fn UserResultPage() -> impl IntoView {
    view! { <h1>"user_result"</h1> }
}
