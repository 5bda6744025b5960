//! Requests to the viewer's own site and the demo token service (not Graph):
//! `config.json` and the demo sign-in token. Browser only; natively they
//! return defaults or `Unsupported`.

use crate::app::site::config::{self, RuntimeConfig};
use crate::graph::{GraphError, Secret};

/// Fetches `config.json` relative to the page; defaults when absent or bad.
pub(crate) async fn fetch_runtime_config() -> RuntimeConfig {
    match get_text(config::CONFIG_FILE).await {
        Ok((200..=299, body)) => RuntimeConfig::parse(&body),
        _ => RuntimeConfig::default(),
    }
}

/// Fetches a demo token from `url` (from `config.json`, never from the page URL).
pub(crate) async fn fetch_demo_token(url: &str) -> Result<Secret, GraphError> {
    let (status, body) = get_text(url).await?;
    if !(200..300).contains(&status) {
        return Err(GraphError::from_response(status, &body, None));
    }
    config::parse_demo_token(&body).ok_or_else(|| {
        GraphError::malformed(Some(status), "The demo token answer has no access_token.")
    })
}

#[cfg(target_arch = "wasm32")]
async fn get_text(url: &str) -> Result<(u16, String), GraphError> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| GraphError::network("The request failed"))?;
    let status = response.status();
    Ok((status, response.text().await.unwrap_or_default()))
}

#[cfg(not(target_arch = "wasm32"))]
async fn get_text(_url: &str) -> Result<(u16, String), GraphError> {
    Err(GraphError::unsupported())
}
