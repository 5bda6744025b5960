//! The viewer's own URL state: the typed pieces of every screen's query
//! and the paths of its routes, the writer that puts a screen's state back
//! in the address bar, and the router base under a sub-path.

pub(crate) mod base;
pub(crate) mod query;
pub(crate) mod writer;
