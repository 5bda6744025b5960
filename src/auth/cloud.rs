//! The Microsoft clouds: Graph host, login host, labels, and whether a
//! token's `aud` belongs to a cloud's Graph.

use crate::graph::url::Origin;

/// The application id of Microsoft Graph, a valid `aud` in every cloud.
pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// Where Graph lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Cloud {
    /// Global and GCC.
    #[default]
    Global,
    /// US Government L4 (GCC High).
    UsGovL4,
    /// US Government L5 (DoD).
    UsGovL5,
    /// China, operated by 21Vianet.
    China,
    /// Any other Graph endpoint (e.g. the local emulator), as a base URL.
    Custom(String),
}

impl Cloud {
    /// The fixed clouds, for a picker.
    pub const NAMED: [Cloud; 4] = [Cloud::Global, Cloud::UsGovL4, Cloud::UsGovL5, Cloud::China];

    /// Words for the picker.
    pub fn label(&self) -> &str {
        match self {
            Cloud::Global => "Global (and GCC)",
            Cloud::UsGovL4 => "US Government L4 (GCC High)",
            Cloud::UsGovL5 => "US Government L5 (DoD)",
            Cloud::China => "China (21Vianet)",
            Cloud::Custom(_) => "Custom endpoint",
        }
    }

    /// A short key for URLs and storage.
    pub fn key(&self) -> &str {
        match self {
            Cloud::Global => "global",
            Cloud::UsGovL4 => "usgovl4",
            Cloud::UsGovL5 => "usgovl5",
            Cloud::China => "china",
            Cloud::Custom(_) => "custom",
        }
    }

    /// A named cloud from its [`key`](Self::key).
    pub fn from_key(key: &str) -> Option<Cloud> {
        Cloud::NAMED
            .into_iter()
            .find(|c| c.key().eq_ignore_ascii_case(key.trim()))
    }

    /// The Graph host name (for `Custom`, the host of its URL).
    pub fn graph_host(&self) -> String {
        match self {
            Cloud::Global => "graph.microsoft.com".into(),
            Cloud::UsGovL4 => "graph.microsoft.us".into(),
            Cloud::UsGovL5 => "dod-graph.microsoft.us".into(),
            Cloud::China => "microsoftgraph.chinacloudapi.cn".into(),
            Cloud::Custom(url) => host_of(url),
        }
    }

    /// The Graph root URL without version, e.g. `https://graph.microsoft.com`.
    pub fn graph_base_url(&self) -> String {
        match self {
            Cloud::Custom(url) => url.trim().trim_end_matches('/').to_string(),
            named => format!("https://{}", named.graph_host()),
        }
    }

    /// The Entra sign-in host (custom endpoints sign in globally).
    pub fn login_host(&self) -> &'static str {
        match self {
            Cloud::Global | Cloud::Custom(_) => "login.microsoftonline.com",
            Cloud::UsGovL4 | Cloud::UsGovL5 => "login.microsoftonline.us",
            Cloud::China => "login.chinacloudapi.cn",
        }
    }

    /// Every Entra sign-in host of the cloud: China has two (the Graph
    /// national-cloud page names `login.chinacloudapi.cn`, the identity
    /// platform's `login.partner.microsoftonline.cn`); the first is the default.
    pub fn sign_in_hosts(&self) -> &'static [&'static str] {
        match self {
            Cloud::China => &["login.chinacloudapi.cn", "login.partner.microsoftonline.cn"],
            Cloud::UsGovL4 | Cloud::UsGovL5 => &["login.microsoftonline.us"],
            Cloud::Global | Cloud::Custom(_) => &["login.microsoftonline.com"],
        }
    }

    /// The named cloud whose Graph host `url` points at, else `Custom(url)`.
    pub fn from_endpoint(url: &str) -> Cloud {
        let host = host_of(url).to_ascii_lowercase();
        Cloud::NAMED
            .into_iter()
            .find(|c| c.graph_host() == host)
            .unwrap_or_else(|| Cloud::Custom(url.trim().trim_end_matches('/').to_string()))
    }

    /// Whether a token with this `aud` is meant for this cloud's Graph:
    /// `https://{host}`, with or without a trailing slash, or Graph's app id.
    /// A custom endpoint accepts any audience (emulators mint their own).
    pub fn accepts_audience(&self, aud: &str) -> bool {
        let aud = aud.trim();
        if matches!(self, Cloud::Custom(_)) || aud.eq_ignore_ascii_case(GRAPH_APP_ID) {
            return true;
        }
        let expected = format!("https://{}", self.graph_host());
        aud.trim_end_matches('/').eq_ignore_ascii_case(&expected)
    }

    /// The named cloud an audience belongs to, if any.
    pub fn for_audience(aud: &str) -> Option<Cloud> {
        if aud.trim().eq_ignore_ascii_case(GRAPH_APP_ID) {
            return None;
        }
        Cloud::NAMED.into_iter().find(|c| c.accepts_audience(aud))
    }
}

/// The host of an absolute URL (without port), or the text itself.
fn host_of(url: &str) -> String {
    match Origin::parse(url) {
        Some(origin) => origin.host,
        None => url.trim().to_string(),
    }
}
