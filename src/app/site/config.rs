//! The optional runtime `config.json` beside `index.html`:
//! `{"graphEndpoint": …, "apiVersion": …, "demoTokenUrl": …, "signIn": {…},
//! "embed": {"hosts": […]}}`,
//! all optional, read leniently (a missing file, bad JSON or a bad value
//! means defaults).

use serde_json::Value;

use crate::app::embed::HostOrigin;
use crate::auth::authorize::SignInSettings;
use crate::auth::Cloud;
use crate::graph::{ApiVersion, Secret};

/// Where the site looks for its configuration, relative to its base URL.
pub const CONFIG_FILE: &str = "config.json";

/// The runtime configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RuntimeConfig {
    /// A custom Graph endpoint (http or https URL): preselects the Custom cloud.
    pub graph_endpoint: Option<String>,
    pub api_version: Option<ApiVersion>,
    /// Adds "Sign in to the demo tenant": fetch a token from this URL.
    pub demo_token_url: Option<String>,
    /// `signIn`: the app registration for "Sign in with Microsoft".
    pub sign_in: Option<SignInSettings>,
    /// The portals allowed to embed the viewer (`embed.hosts`).
    pub embed: EmbedConfig,
}

/// `"embed": {"hosts": ["https://portal.contoso.com"]}`: the exact origins
/// of the portals that may frame the viewer and hand it a token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedConfig {
    pub hosts: Vec<HostOrigin>,
}

impl RuntimeConfig {
    /// Reads `config.json` text; anything unreadable is left at its default.
    pub fn parse(text: &str) -> RuntimeConfig {
        let Ok(json) = serde_json::from_str::<Value>(text) else {
            return RuntimeConfig::default();
        };
        RuntimeConfig {
            graph_endpoint: url_field(&json, "graphEndpoint"),
            api_version: json
                .get("apiVersion")
                .and_then(Value::as_str)
                .and_then(ApiVersion::parse),
            demo_token_url: url_field(&json, "demoTokenUrl"),
            sign_in: sign_in_field(&json),
            embed: embed_field(&json),
        }
    }

    /// The cloud to preselect: the endpoint's cloud, else Global.
    pub fn cloud(&self) -> Cloud {
        self.graph_endpoint
            .as_deref()
            .map_or(Cloud::Global, Cloud::from_endpoint)
    }

    /// The API version to preselect (v1.0 by default).
    pub fn version(&self) -> ApiVersion {
        self.api_version.unwrap_or_default()
    }
}

fn url_field(json: &Value, key: &str) -> Option<String> {
    let text = json.get(key)?.as_str()?.trim();
    let lower = text.to_ascii_lowercase();
    let is_url = (lower.starts_with("https://") || lower.starts_with("http://"))
        && text.len() > "https://".len();
    is_url.then(|| text.to_string())
}

/// `"signIn": {"clientId", "tenant", "authority"}`: a client id is needed;
/// the tenant defaults to `organizations`, the authority to the cloud's.
fn sign_in_field(json: &Value) -> Option<SignInSettings> {
    let sign_in = json.get("signIn")?;
    let text = |key: &str| {
        sign_in
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let settings = SignInSettings {
        client_id: text("clientId")?,
        tenant: text("tenant").unwrap_or_else(|| "organizations".into()),
        authority: url_field(sign_in, "authority"),
    };
    Some(settings)
}

/// `embed.hosts`: each entry that is an exact origin (anything else, such
/// as a path, a wildcard or `*`, is dropped).
fn embed_field(json: &Value) -> EmbedConfig {
    let hosts = json
        .get("embed")
        .and_then(|e| e.get("hosts"))
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(HostOrigin::parse)
                .collect()
        })
        .unwrap_or_default();
    EmbedConfig { hosts }
}

/// The token of a demo token answer, `{"access_token": "…"}`.
pub fn parse_demo_token(body: &str) -> Option<Secret> {
    let json: Value = serde_json::from_str(body).ok()?;
    let token = json.get("access_token")?.as_str()?;
    let secret = Secret::new(token);
    (!secret.is_empty()).then_some(secret)
}

#[cfg(test)]
mod sign_in_tests {
    use super::*;

    #[test]
    fn sign_in_needs_a_client_id_and_defaults_the_rest() {
        let c = RuntimeConfig::parse(
            r#"{"signIn": {"clientId": " app-1 ", "tenant": "contoso.com", "authority": "http://127.0.0.1:8081"}}"#,
        );
        let s = c.sign_in.expect("sign-in settings");
        assert_eq!(s.client_id, "app-1");
        assert_eq!(s.tenant, "contoso.com");
        assert_eq!(s.authority.as_deref(), Some("http://127.0.0.1:8081"));
        let bare =
            RuntimeConfig::parse(r#"{"signIn": {"clientId": "app-1", "authority": "ftp://x"}}"#)
                .sign_in
                .expect("settings");
        assert_eq!(
            (bare.tenant.as_str(), bare.authority),
            ("organizations", None)
        );
        assert_eq!(
            RuntimeConfig::parse(r#"{"signIn": {"tenant": "x"}}"#).sign_in,
            None
        );
        assert_eq!(RuntimeConfig::parse(r#"{"signIn": "app-1"}"#).sign_in, None);
    }
}
