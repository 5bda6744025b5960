//! Embedding in a host portal (the `lwv/1` contract, README "Embedding"):
//! framed by a listed host, the viewer asks the host for a token instead of
//! showing a sign-in form, renews it through the host, follows the host's
//! navigation and theme, and reports its location and height.

pub mod contract;
pub(crate) mod host;
pub(crate) mod session;
pub(crate) mod window;

pub use contract::HostOrigin;
