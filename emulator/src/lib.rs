//! graph-emulator: a local Microsoft Graph that speaks the Lifecycle
//! Workflows reporting API (workflows, runs, user and task processing results,
//! task reports, summaries), with OData, paging, auth, CORS, `$batch` and
//! fault injection, and Entra's sign-in endpoints for browser sign-in
//! ([`identity`]). Build the service with [`server::router`].

pub mod access_token;
pub mod batch;
pub mod bearer_auth;
pub mod cli;
pub mod cors;
pub mod dataset;
pub mod faults;
pub mod graph_error;
pub mod identity;
pub mod odata;
pub mod paging;
pub mod resource_json;
pub mod rng;
pub mod routes;
pub mod server;
pub mod state;
pub mod ticks;
pub mod wire;

pub use server::router;
pub use state::{App, Config, Shared};
