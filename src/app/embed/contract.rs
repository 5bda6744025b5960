//! The `lwv/1` embedding contract, pure: the messages a host portal and the
//! framed viewer exchange, read with exact shape checks, and the gate every
//! incoming message passes (listed origin, `window.parent` as source, the
//! last nonce sent). Anything that fails a check is an [`Ignored`] reason,
//! counted and never rendered. No browser types: tested natively.

use serde_json::{json, Map, Value};

use crate::graph::url::Origin;
use crate::graph::{ApiVersion, RenewReason, Secret};

/// The contract's version (`"v": 1`).
pub const VERSION: u64 = 1;

/// An exact origin a host portal may have: `scheme://host[:port]` of an
/// http(s) URL, without path, user info or wildcard. The only target the
/// viewer ever posts to (so never `"*"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostOrigin(String);

impl HostOrigin {
    /// `https://portal.contoso.com` (a trailing `/` is allowed); `None` for
    /// anything else: `*`, a path, a wildcard, user info, another scheme.
    pub fn parse(text: &str) -> Option<HostOrigin> {
        let text = text.trim();
        let bare = text.strip_suffix('/').unwrap_or(text);
        let origin = Origin::parse(bare)?;
        let plain = matches!(origin.scheme.as_str(), "https" | "http")
            && !origin.has_userinfo
            && !origin.host.contains('*')
            && origin.text().eq_ignore_ascii_case(bare)
            && origin.port.as_deref().is_none_or(is_port);
        plain.then(|| HostOrigin(origin.text()))
    }

    /// The origin text, `scheme://host[:port]`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a message's `event.origin` is this host.
    pub fn matches(&self, event_origin: &str) -> bool {
        HostOrigin::parse(event_origin).is_some_and(|o| o == *self)
    }
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

/// The host's light or dark scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

impl Scheme {
    /// `"light"` or `"dark"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }
}

/// A token the host handed over (`lwv:token`).
#[derive(Debug, Clone, PartialEq)]
pub struct HostToken {
    pub nonce: String,
    pub access_token: Secret,
    /// `graphEndpoint`, when the host names one (an http(s) URL).
    pub graph_endpoint: Option<String>,
    pub api_version: Option<ApiVersion>,
}

/// A message from the host, read and shape-checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    Token(HostToken),
    /// A path inside the viewer, e.g. `workflows/<id>/runs?range=7d`.
    Navigate(String),
    Theme(Scheme),
}

/// Why a message was ignored (counted in the debug line, never shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ignored {
    /// `event.origin` is not a listed host.
    Origin,
    /// `event.source` is not `window.parent`.
    Source,
    /// Not an `lwv:` message of version 1, or an unknown type.
    Unknown,
    /// An `lwv:` message whose keys or values are not the expected ones.
    Shape,
    /// A token whose nonce is not the one the viewer sent last.
    Nonce,
    /// A token in the page's URL (tokens only arrive by message).
    UrlToken,
}

impl Ignored {
    /// Every reason, in the debug line's order.
    pub const ALL: [Ignored; 6] = [
        Ignored::Origin,
        Ignored::Source,
        Ignored::Unknown,
        Ignored::Shape,
        Ignored::Nonce,
        Ignored::UrlToken,
    ];

    /// The reason's name in the debug line.
    pub fn as_str(self) -> &'static str {
        match self {
            Ignored::Origin => "origin",
            Ignored::Source => "source",
            Ignored::Unknown => "unknown",
            Ignored::Shape => "shape",
            Ignored::Nonce => "nonce",
            Ignored::UrlToken => "url-token",
        }
    }
}

/// A message the viewer posts to its host.
#[derive(Debug, Clone, PartialEq)]
pub enum Outbound {
    Ready { nonce: String },
    TokenRequest { nonce: String, reason: RenewReason },
    Location { path: String },
    Resize { height: u32 },
}

impl Outbound {
    /// The message as JSON, e.g. `{"type":"lwv:ready","v":1,"nonce":"…"}`.
    pub fn to_json(&self) -> Value {
        match self {
            Outbound::Ready { nonce } => json!({"type": "lwv:ready", "v": VERSION, "nonce": nonce}),
            Outbound::TokenRequest { nonce, reason } => json!({
                "type": "lwv:token-request", "v": VERSION, "nonce": nonce, "reason": reason.as_str()
            }),
            Outbound::Location { path } => {
                json!({"type": "lwv:location", "v": VERSION, "path": path})
            }
            Outbound::Resize { height } => {
                json!({"type": "lwv:resize", "v": VERSION, "height": height})
            }
        }
    }
}

/// Whether a message comes from a listed host through `window.parent`.
pub fn check_sender(origin: &str, from_parent: bool, hosts: &[HostOrigin]) -> Result<(), Ignored> {
    if !hosts.iter().any(|h| h.matches(origin)) {
        return Err(Ignored::Origin);
    }
    if !from_parent {
        return Err(Ignored::Source);
    }
    Ok(())
}

/// Whether a token answers the nonce the viewer sent last (each nonce is
/// answered once: the caller forgets it when it matches).
pub fn check_nonce(token: &HostToken, last_sent: Option<&str>) -> Result<(), Ignored> {
    match last_sent {
        Some(sent) if !sent.is_empty() && sent == token.nonce => Ok(()),
        _ => Err(Ignored::Nonce),
    }
}

/// Reads a message's data with exact shape checks.
pub fn parse(data: &Value) -> Result<Inbound, Ignored> {
    let object = data.as_object().ok_or(Ignored::Unknown)?;
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .ok_or(Ignored::Unknown)?;
    if !kind.starts_with("lwv:") {
        return Err(Ignored::Unknown);
    }
    if object.get("v").and_then(Value::as_u64) != Some(VERSION) {
        return Err(Ignored::Unknown);
    }
    match kind {
        "lwv:token" => parse_token(object).map(Inbound::Token),
        "lwv:navigate" => parse_navigate(object).map(Inbound::Navigate),
        "lwv:theme" => parse_theme(object).map(Inbound::Theme),
        _ => Err(Ignored::Unknown),
    }
}

/// `Err(Shape)` unless every key is known and every required key present.
fn exact_keys(
    object: &Map<String, Value>,
    required: &[&str],
    optional: &[&str],
) -> Result<(), Ignored> {
    let known =
        |k: &str| ["type", "v"].contains(&k) || required.contains(&k) || optional.contains(&k);
    let all_known = object.keys().all(|k| known(k));
    let all_present = required.iter().all(|k| object.contains_key(*k));
    (all_known && all_present)
        .then_some(())
        .ok_or(Ignored::Shape)
}

fn text<'a>(object: &'a Map<String, Value>, key: &str) -> Result<&'a str, Ignored> {
    object
        .get(key)
        .and_then(Value::as_str)
        .ok_or(Ignored::Shape)
}

fn parse_token(object: &Map<String, Value>) -> Result<HostToken, Ignored> {
    exact_keys(
        object,
        &["nonce", "accessToken"],
        &["graphEndpoint", "apiVersion"],
    )?;
    let nonce = text(object, "nonce")?;
    let token = text(object, "accessToken")?;
    if nonce.is_empty() || token.trim().is_empty() {
        return Err(Ignored::Shape);
    }
    let graph_endpoint = match object.get("graphEndpoint") {
        None => None,
        Some(v) => Some(endpoint(v)?),
    };
    let api_version = match object.get("apiVersion") {
        None => None,
        Some(v) => Some(
            v.as_str()
                .and_then(ApiVersion::parse)
                .ok_or(Ignored::Shape)?,
        ),
    };
    Ok(HostToken {
        nonce: nonce.to_string(),
        access_token: Secret::new(token),
        graph_endpoint,
        api_version,
    })
}

fn endpoint(value: &Value) -> Result<String, Ignored> {
    let url = value.as_str().ok_or(Ignored::Shape)?.trim();
    let origin = Origin::parse(url).ok_or(Ignored::Shape)?;
    let ok = matches!(origin.scheme.as_str(), "https" | "http") && !origin.has_userinfo;
    ok.then(|| url.trim_end_matches('/').to_string())
        .ok_or(Ignored::Shape)
}

fn parse_navigate(object: &Map<String, Value>) -> Result<String, Ignored> {
    exact_keys(object, &["path"], &[])?;
    in_app_path(text(object, "path")?).ok_or(Ignored::Shape)
}

/// A path inside the viewer's screens (`workflows…`), without a leading
/// `/`; `None` for anything that could leave the viewer or is not a screen.
pub fn in_app_path(path: &str) -> Option<String> {
    let path = path.trim().trim_start_matches('/');
    let route = path.split(['?', '#']).next().unwrap_or_default();
    let is_screen = route == "workflows" || route.starts_with("workflows/");
    let safe = !path.contains('\\')
        && !path.chars().any(char::is_control)
        && !route.split('/').any(|s| s == ".." || s == ".")
        && !route.contains("//")
        && !route.contains(':');
    (is_screen && safe).then(|| path.to_string())
}

fn parse_theme(object: &Map<String, Value>) -> Result<Scheme, Ignored> {
    exact_keys(object, &["scheme"], &[])?;
    match text(object, "scheme")? {
        "light" => Ok(Scheme::Light),
        "dark" => Ok(Scheme::Dark),
        _ => Err(Ignored::Shape),
    }
}

/// Whether a page URL carries something that looks like a token in its
/// query or fragment (`access_token=`, `id_token=`, `token=`, a JWT).
pub fn url_has_token(url: &str) -> bool {
    let Some(start) = url.find(['?', '#']) else {
        return false;
    };
    url[start + 1..].split(['&', '#', '?']).any(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = key.to_ascii_lowercase();
        key.ends_with("token") || looks_like_jwt(value) || looks_like_jwt(key.as_str())
    })
}

fn looks_like_jwt(text: &str) -> bool {
    text.starts_with("eyJ") && text.matches('.').count() >= 2
}

/// The in-app path the host is told after a navigation: the router path
/// without the base and leading `/`, plus the query.
pub fn location_path(in_app: &str, search: &str) -> String {
    let path = in_app.trim_start_matches('/');
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{search}")
    }
}
