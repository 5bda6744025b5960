//! The session: the one context every screen reads (the typed session, its
//! Graph client, the user directory, the loads kept for the session), its
//! opt-in storage in this tab and its renewal before expiry.

pub(crate) mod context;
pub(crate) mod renewal;
pub(crate) mod result_cache;
pub(crate) mod store;
pub(crate) mod users;
