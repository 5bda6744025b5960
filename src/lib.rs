//! Lifecycle Workflows run viewer: the Leptos application root.

pub mod app;
pub mod components;
pub mod pages;

pub use app::App;

/// Installs the panic hook and mounts [`App`] on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
