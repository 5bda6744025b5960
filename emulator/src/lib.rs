//! graph-emulator: a local Microsoft Graph that speaks the Lifecycle
//! Workflows reporting API (workflows, runs, user and task processing results,
//! task reports, summaries), with OData, paging, auth, CORS, `$batch` and
//! fault injection, and Entra's sign-in endpoints for browser sign-in
//! ([`identity`]). Build the service with [`server::router`].

pub mod auth;
pub mod batch;
pub mod cli;
pub mod cors;
pub mod dataset;
pub mod errors;
pub mod faults;
pub mod identity;
pub mod odata;
pub mod paging;
pub mod rng;
pub mod routes;
pub mod server;
pub mod state;
pub mod ticks;
pub mod token;
pub mod views;
pub mod wire;

pub use server::router;
pub use state::{App, Config, Shared};
