//! Lifecycle Workflows run viewer: the Leptos application root.

use leptos::prelude::*;

/// Installs the panic hook and mounts [`App`] on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The application shell.
#[component]
pub fn App() -> impl IntoView {
    view! { <main><h1>"Lifecycle Workflows viewer"</h1></main> }
}
