//! How a token arrives in the browser: "Sign in with Microsoft" (the round
//! trip, its one token request, the refresher that renews it, the record of
//! the last one that lets a reload sign in again silently), the admin's own
//! app registration, and what the page shows about a token.

pub(crate) mod app_registration;
pub(crate) mod browser;
pub(crate) mod last_sign_in;
pub(crate) mod refresher;
pub(crate) mod token_endpoint;
pub(crate) mod token_view;
