//! The viewer's own site: the optional runtime `config.json`, the requests
//! to it and to the demo token service, and the page's own
//! Content-Security-Policy read back.

pub mod config;
pub mod csp;
pub(crate) mod requests;
