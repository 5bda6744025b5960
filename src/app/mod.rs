//! The application layer: the session context (typed session, its Graph
//! client and user directory), the Graph façade the screens call, loads tied
//! to their screen, URL state, and the router with the route table.

pub mod api;
pub mod base;
pub mod clock;
pub mod config;
pub mod csp;
pub mod debounce;
pub mod download;
pub mod guard;
pub mod paged;
pub mod query;
pub mod resource;
pub mod session;
pub mod session_store;
pub mod site;
pub mod token_view;
pub mod url_nav;
pub mod users;

/// The router base (`/sub/path` or `None`), provided as context.
#[derive(Clone, Debug, Default)]
pub struct RouterBase(pub Option<String>);
