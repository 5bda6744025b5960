//! The application layer: the session context (typed session, its Graph
//! client and user directory), the Graph façade the screens call, loads tied
//! to their screen, URL state, and the router with the route table.

pub(crate) mod api;
pub(crate) mod app_registration;
pub(crate) mod base;
pub(crate) mod batched;
pub(crate) mod browser_sign_in;
pub(crate) mod clock;
pub mod config;
pub mod csp;
pub(crate) mod debounce;
pub(crate) mod download;
pub mod embed;
pub(crate) mod export;
pub(crate) mod guard;
pub(crate) mod idle;
pub(crate) mod live;
pub(crate) mod page_title;
pub(crate) mod paged;
pub(crate) mod query;
pub(crate) mod refresher;
pub(crate) mod renewal;
pub(crate) mod resource;
pub(crate) mod result_cache;
pub(crate) mod session;
pub(crate) mod session_store;
pub(crate) mod site;
pub(crate) mod tenant;
pub(crate) mod throttle;
pub(crate) mod token_endpoint;
pub(crate) mod token_view;
pub(crate) mod url_nav;
pub(crate) mod users;
pub(crate) mod workflow_health;

/// The router base (`/sub/path` or `None`), provided as context.
#[derive(Clone, Debug, Default)]
pub(crate) struct RouterBase(pub Option<String>);
