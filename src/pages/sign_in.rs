//! The sign_in screen.

use leptos::prelude::*;

/// The sign_in screen.
#[component]
pub fn SignInPage() -> impl IntoView {
    view! { <h1>"sign_in"</h1> }
}
