//! The viewer's own URL state: the typed pieces of every screen's query
//! and the paths of its routes, the one period, the screen query trait and
//! its writer, the router base under a sub-path, and the ids and links
//! "Open a workflow or run" accepts.

pub(crate) mod base;
pub(crate) mod open_link;
pub(crate) mod period;
pub(crate) mod query;
pub(crate) mod route;
pub(crate) mod screen_query;
pub(crate) mod writer;
