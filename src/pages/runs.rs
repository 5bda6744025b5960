//! The runs screen.

use leptos::prelude::*;

/// The runs screen.
#[component]
pub fn RunsPage() -> impl IntoView {
    view! { <h1>"runs"</h1> }
}
