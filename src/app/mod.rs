//! The application layer, grouped by capability:
//!
//! - [`session`]: the one session context (typed session, its Graph client,
//!   the user directory, the loads kept for the session), its opt-in storage
//!   and its renewal;
//! - [`sign_in`]: how a token arrives in the browser (the sign-in round trip,
//!   its token endpoint and refresher, the admin's own app registration) and
//!   what the sign-in screen shows of a token;
//! - [`api`]: the Graph façade every screen calls;
//! - [`load`]: loads tied to their screen (single resources, paged loads,
//!   tenant-wide loads, live refreshes), batching, idle work, throttling;
//! - [`url`]: the viewer's own URL state (typed queries, the writer, the
//!   router base);
//! - [`site`]: the viewer's own site (`config.json`, the demo token, its CSP);
//! - [`browser`]: browser facilities (clock, debounce, the document title);
//! - [`export`]: exports built in chunks and saved as files;
//! - [`embed`]: the `lwv/1` contract with a host portal.
//!
//! The router and its route table are in `pages::shell`; the components
//! that used to live here (the sign-in guard, the embed bridge) are in
//! `pages/`.

pub(crate) mod api;
pub(crate) mod browser;
pub mod embed;
pub(crate) mod export;
pub(crate) mod load;
pub(crate) mod session;
pub(crate) mod sign_in;
pub mod site;
pub(crate) mod url;

/// The router base (`/sub/path` or `None`), provided as context.
#[derive(Clone, Debug, Default)]
pub(crate) struct RouterBase(pub Option<String>);
