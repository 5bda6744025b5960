//! Lifecycle Workflows run viewer: the Leptos application root.

pub mod app;
pub mod auth;
pub mod components;
pub mod config;
pub mod csp;
pub mod format;
pub mod graph;
pub mod model;
pub mod pages;
pub mod table;

pub use app::App;

/// Installs the panic hook and mounts [`App`] on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
