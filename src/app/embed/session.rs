//! A session from the host's token: decoded like a pasted one (cloud from
//! the message's `graphEndpoint` or `config.json`), kept in memory only, and
//! renewed through `lwv:token-request` (ahead of expiry and after a 401).

use std::sync::Arc;

use super::contract::HostToken;
use super::host::EmbedHost;
use crate::app::session::context::SessionContext;
use crate::app::session::renewal::FetchToken;
use crate::auth::{Cloud, Session, TokenSource};

/// Asks the host for a fresh token (`None` after the timeout).
pub(crate) fn fetch_from_host(host: EmbedHost) -> FetchToken {
    Arc::new(move |reason| {
        Box::pin(async move {
            host.request_token(reason)
                .await
                .map(|token| token.access_token)
        })
    })
}

/// Starts the session the host's token opens (never kept in storage), or
/// says why the token cannot be used.
pub(crate) fn start(
    session: SessionContext,
    host: EmbedHost,
    token: HostToken,
) -> Result<(), String> {
    let config = host.config();
    let cloud = token
        .graph_endpoint
        .as_deref()
        .map_or_else(|| config.cloud(), Cloud::from_endpoint);
    let version = token.api_version.unwrap_or_else(|| config.version());
    let signed = Session::from_secret(cloud, version, token.access_token, TokenSource::HostPortal)
        .map_err(|e| e.to_string())?;
    session.sign_in_renewable(signed, false, fetch_from_host(host));
    Ok(())
}
