//! Loads tied to their screen: single resources, paged loads into a table,
//! loads over every workflow of the tenant, the workflows' health, live
//! refreshes; with the pieces they share (batched updates, idle work, the
//! throttling note, the generation that says which load is current and
//! stops the others). Every load stops when its screen goes away or its
//! key changes.

pub(crate) mod batched;
pub(crate) mod generation;
pub(crate) mod idle;
pub(crate) mod live;
pub(crate) mod paged;
pub(crate) mod resource;
pub(crate) mod tenant;
pub(crate) mod throttle;
pub(crate) mod workflow_health;
