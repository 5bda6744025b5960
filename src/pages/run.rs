//! The run screen.

use leptos::prelude::*;

/// The run screen.
#[component]
pub fn RunPage() -> impl IntoView {
    view! { <h1>"run"</h1> }
}
