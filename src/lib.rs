//! Lifecycle Workflows run viewer. Layers, bottom to top (a lower layer
//! never imports a higher one): `model` and `format`; `table` (pure) and
//! `graph` (HTTP); `auth`; `app` (session context, Graph façade, URL state);
//! `components` (view pieces fed by props); `pages` (screens, the shell).

// Items only the crate can reach say `pub(crate)`, so unused code shows.
#![warn(unreachable_pub)]

pub mod app;
pub mod auth;
pub mod components;
pub mod format;
pub mod graph;
pub mod model;
// Leptos' `#[component]` writes `pub` props for a crate-visible component.
#[allow(unreachable_pub)]
pub(crate) mod pages;
pub mod table;

pub use pages::shell::App;

/// Installs the panic hook and mounts [`App`] on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
