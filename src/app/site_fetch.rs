//! Plain GETs that are not Graph calls: the site's optional `config.json`
//! and the demo tenant's token URL. No token is ever sent.
// TODO(data-layer): move into graph/ (or config.rs) as `fetch_config()` and
// `fetch_demo_token(url)`; kept here in the smallest form until then.

use crate::auth::Secret;
use crate::config::{parse_demo_token, RuntimeConfig, CONFIG_FILE};

/// The URL of a file beside `index.html` (honours `<base href>`).
pub fn site_file_url(file: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let base = leptos::prelude::document()
            .base_uri()
            .ok()
            .flatten()
            .unwrap_or_else(|| "/".into());
        let folder = match base.rfind('/') {
            Some(i) => &base[..=i],
            None => "/",
        };
        format!("{folder}{file}")
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("/{file}")
    }
}

/// `config.json`, or the defaults when it is absent or unreadable.
pub async fn load_config() -> RuntimeConfig {
    match get_text(&site_file_url(CONFIG_FILE)).await {
        Some((200, body)) => RuntimeConfig::parse(&body),
        _ => RuntimeConfig::default(),
    }
}

/// A token from the demo tenant's token URL.
pub async fn demo_token(url: &str) -> Result<Secret, String> {
    match get_text(url).await {
        Some((200, body)) => parse_demo_token(&body)
            .ok_or_else(|| "The demo token URL answered without an access_token.".to_string()),
        Some((status, _)) => Err(format!("The demo token URL answered HTTP {status}.")),
        None => Err("Could not reach the demo token URL.".to_string()),
    }
}

#[cfg(target_arch = "wasm32")]
async fn get_text(url: &str) -> Option<(u16, String)> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    let status = response.status();
    let body = response.text().await.ok()?;
    Some((status, body))
}

#[cfg(not(target_arch = "wasm32"))]
async fn get_text(_url: &str) -> Option<(u16, String)> {
    None
}
