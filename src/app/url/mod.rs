//! The viewer's own URL state: the typed pieces of every screen's query
//! and the paths of its routes, the one period, the screen query trait and
//! its writer, and the router base under a sub-path.

pub(crate) mod base;
pub(crate) mod period;
pub(crate) mod query;
pub(crate) mod route;
pub(crate) mod screen_query;
pub(crate) mod writer;
