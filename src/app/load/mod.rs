//! Loads tied to their screen: single resources, paged loads into a table,
//! loads over every workflow of the tenant, the workflows' health, live
//! refreshes; with the pieces they share (batched updates, idle work, the
//! throttling note). Every load stops when its screen goes away.

pub(crate) mod batched;
pub(crate) mod idle;
pub(crate) mod live;
pub(crate) mod paged;
pub(crate) mod resource;
pub(crate) mod tenant;
pub(crate) mod throttle;
pub(crate) mod workflow_health;
