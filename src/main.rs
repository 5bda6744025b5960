//! Entry point Trunk builds: installs the panic hook and mounts the app.

fn main() {
    lifecycle_viewer::start();
}
