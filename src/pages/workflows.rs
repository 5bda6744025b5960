//! The workflows screen.

use leptos::prelude::*;

/// The workflows screen.
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    view! { <h1>"workflows"</h1> }
}
