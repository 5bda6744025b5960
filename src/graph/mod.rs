//! The only code that talks HTTP to Microsoft Graph, and the pure parts
//! around it: OData query building, typed endpoint paths, errors, retry
//! policy, paging, `$batch`. Only the browser half of [`transport`] needs
//! wasm32; everything else is tested natively.
//!
//! Typical use from a page:
//! `GraphClient::new(GraphBase::new(cloud.graph_base_url(), ApiVersion::V1), token)`
//! then `client.list_runs(...)`, `client.get_run(...)`, `client.resolve_users(...)`.

pub mod actions;
pub mod batch;
pub mod call;
pub mod client;
pub mod endpoints;
pub mod error;
pub mod odata;
pub mod paging;
pub mod request_id;
pub mod retry;
pub mod secret;
pub mod token;
pub mod transport;
pub mod url;

pub use call::Call;
pub use client::GraphClient;
pub use endpoints::{ApiVersion, GraphBase};
pub use error::{ErrorKind, GraphError};
pub use odata::{DateField, ODataQuery, ResultQuery, SortDir};
pub use paging::{CancelFlag, Progress};
pub use retry::{RetryObserver, RetryPolicy};
pub use secret::Secret;
pub use token::{RenewFuture, RenewHook, RenewReason, Renewer, TokenSlot};
pub use transport::{BrowserTransport, HttpRequest, HttpResponse, Transport};
