//! The browser sign-in's protocol, pure: the app registration settings, the
//! cloud's sign-in host and scopes, the authorize URL, the token request
//! bodies, and reading what comes back (the redirect's `code`/`state` or
//! `error`, the token answer, the ID token's `nonce`). The browser half
//! (storage, redirect, fetch) lives in `app::sign_in::browser`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

use super::cloud::Cloud;
use super::entra_error::{SignInError, SignInProblem};
use super::permissions;
use crate::graph::url::encode_path_segment as encode;
use crate::graph::Secret;

/// The Graph permissions the viewer asks for (delegated): the least
/// privileged one of each read in the table of calls.
pub const GRAPH_PERMISSIONS: [&str; 3] = [
    permissions::REPORTS.named[0],
    permissions::WORKFLOW_LIST.named[0],
    permissions::USERS.named[0],
];

/// The app registration to sign in with (`config.json`'s `signIn`, or
/// entered under "Use your own app registration").
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInSettings {
    pub client_id: String,
    /// `organizations`, `common`, a tenant id or a domain.
    pub tenant: String,
    /// The sign-in host as an origin; `None` means the cloud's own.
    pub authority: Option<String>,
}

impl SignInSettings {
    /// Whether a sign-in can start (a client id is set).
    pub fn is_set(&self) -> bool {
        !self.client_id.trim().is_empty()
    }

    /// The tenant segment (`organizations` when empty).
    pub fn tenant(&self) -> String {
        let t = self.tenant.trim();
        encode(if t.is_empty() { "organizations" } else { t })
    }

    /// The sign-in origin, e.g. `https://login.microsoftonline.com`.
    pub fn authority(&self, cloud: &Cloud) -> String {
        match self.authority.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => a.trim_end_matches('/').to_string(),
            _ => format!("https://{}", cloud.login_host()),
        }
    }

    /// `{authority}/{tenant}/oauth2/v2.0/authorize`.
    pub fn authorize_endpoint(&self, cloud: &Cloud) -> String {
        format!(
            "{}/{}/oauth2/v2.0/authorize",
            self.authority(cloud),
            self.tenant()
        )
    }

    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    pub fn token_endpoint(&self, cloud: &Cloud) -> String {
        format!(
            "{}/{}/oauth2/v2.0/token",
            self.authority(cloud),
            self.tenant()
        )
    }
}

/// `openid profile offline_access` and the Graph permissions, qualified
/// with the cloud's Graph host (a custom endpoint signs in globally).
pub fn scopes(cloud: &Cloud) -> String {
    let host = match cloud {
        Cloud::Custom(_) => Cloud::Global.graph_host(),
        named => named.graph_host(),
    };
    let mut all = vec![
        "openid".to_string(),
        "profile".into(),
        "offline_access".into(),
    ];
    all.extend(
        GRAPH_PERMISSIONS
            .iter()
            .map(|p| format!("https://{host}/{p}")),
    );
    all.join(" ")
}

/// The authorize request's `prompt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Prompt {
    /// `none`: no page at all; back at once with a code while the sign-in
    /// service's session lives, else with `interaction_required` /
    /// `login_required` (a reload signs in again this way).
    None,
    /// `select_account`: the account picker, even with a session
    /// ("Sign in with another account").
    SelectAccount,
}

impl Prompt {
    /// The parameter's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Prompt::None => "none",
            Prompt::SelectAccount => "select_account",
        }
    }
}

/// Everything one authorize request carries.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest<'a> {
    pub settings: &'a SignInSettings,
    pub cloud: &'a Cloud,
    pub redirect_uri: &'a str,
    pub state: &'a str,
    pub nonce: &'a str,
    pub challenge: &'a str,
    /// No prompt: the sign-in service decides (its page, as a rule).
    pub prompt: Option<Prompt>,
    /// The UPN to sign in as (`login_hint`).
    pub login_hint: Option<&'a str>,
}

/// The URL the browser goes to for the sign-in.
pub fn authorize_url(request: &AuthorizeRequest<'_>) -> String {
    let mut pairs = vec![
        ("client_id", request.settings.client_id.trim().to_string()),
        ("response_type", "code".into()),
        ("redirect_uri", request.redirect_uri.to_string()),
        ("response_mode", "query".into()),
        ("scope", scopes(request.cloud)),
        ("state", request.state.to_string()),
        ("nonce", request.nonce.to_string()),
        ("code_challenge", request.challenge.to_string()),
        ("code_challenge_method", "S256".into()),
    ];
    if let Some(prompt) = request.prompt {
        pairs.push(("prompt", prompt.as_str().into()));
    }
    if let Some(hint) = request.login_hint.map(str::trim).filter(|h| !h.is_empty()) {
        pairs.push(("login_hint", hint.to_string()));
    }
    format!(
        "{}?{}",
        request.settings.authorize_endpoint(request.cloud),
        form(&pairs)
    )
}

/// The token request that redeems a code (no secret: a public client).
pub fn code_body(
    settings: &SignInSettings,
    cloud: &Cloud,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
) -> Secret {
    Secret::new(&form(&[
        ("client_id", settings.client_id.trim().to_string()),
        ("grant_type", "authorization_code".into()),
        ("code", code.to_string()),
        ("redirect_uri", redirect_uri.to_string()),
        ("code_verifier", verifier.to_string()),
        ("scope", scopes(cloud)),
    ]))
}

/// The token request that redeems a refresh token.
pub fn refresh_body(settings: &SignInSettings, cloud: &Cloud, refresh_token: &Secret) -> Secret {
    Secret::new(&form(&[
        ("client_id", settings.client_id.trim().to_string()),
        ("grant_type", "refresh_token".into()),
        ("refresh_token", refresh_token.expose().to_string()),
        ("scope", scopes(cloud)),
    ]))
}

fn form(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// What the redirect back to the viewer carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landing {
    /// A code to redeem (only after `state` matches).
    Code { code: Secret, state: Option<String> },
    /// Microsoft's error (cancel, consent, …).
    Error {
        error: SignInError,
        state: Option<String>,
    },
}

/// Reads a redirect's query (`?code=…&state=…`); `None` when it is not one.
pub fn parse_landing(query: &str) -> Option<Landing> {
    let pairs = decode_query(query);
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let state = get("state");
    if let Some(error) = get("error") {
        let error = SignInError::from_entra(&error, get("error_description").as_deref());
        return Some(Landing::Error { error, state });
    }
    let code = get("code")?;
    Some(Landing::Code {
        code: Secret::new(&code),
        state,
    })
}

/// Whether a query carries a sign-in answer (`code` or `error`).
pub fn is_landing(query: &str) -> bool {
    decode_query(query)
        .iter()
        .any(|(k, _)| k == "code" || k == "error")
}

/// Checks the returned `state` against the one this tab sent.
pub fn check_state(expected: &str, returned: Option<&str>) -> Result<(), SignInError> {
    match returned {
        Some(s) if !expected.is_empty() && s == expected => Ok(()),
        Some(_) => Err(SignInError::local(SignInProblem::Forgery, "state mismatch")),
        None => Err(SignInError::local(
            SignInProblem::Forgery,
            "no state returned",
        )),
    }
}

/// A token answer's tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Tokens {
    pub access: Secret,
    pub refresh: Option<Secret>,
    pub id_token: Option<Secret>,
}

/// Reads the token endpoint's answer: tokens, or Microsoft's error.
pub fn parse_token_answer(status: u16, body: &str) -> Result<Tokens, SignInError> {
    let json: Value = serde_json::from_str(body).map_err(|_| unreadable(status))?;
    if !(200..300).contains(&status) {
        return Err(SignInError::from_token_body(&json).unwrap_or_else(|| unreadable(status)));
    }
    let secret = |key: &str| {
        json.get(key)
            .and_then(Value::as_str)
            .map(Secret::new)
            .filter(|s| !s.is_empty())
    };
    Ok(Tokens {
        access: secret("access_token").ok_or_else(|| unreadable(status))?,
        refresh: secret("refresh_token"),
        id_token: secret("id_token"),
    })
}

fn unreadable(status: u16) -> SignInError {
    SignInError::local(
        SignInProblem::Other,
        format!("the token endpoint answered {status} with a body that is not a token answer."),
    )
}

/// Checks the ID token's `nonce` against the one this tab sent.
pub fn check_nonce(id_token: Option<&Secret>, expected: &str) -> Result<(), SignInError> {
    let nonce = id_token.and_then(|t| id_claim(t.expose(), "nonce"));
    match nonce {
        Some(n) if !expected.is_empty() && n == expected => Ok(()),
        Some(_) => Err(SignInError::local(SignInProblem::Forgery, "nonce mismatch")),
        None => Err(SignInError::local(
            SignInProblem::Forgery,
            "the ID token carries no nonce",
        )),
    }
}

fn id_claim(jwt: &str, name: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let json: Value = serde_json::from_slice(&bytes).ok()?;
    json.get(name)?.as_str().map(str::to_string)
}

/// The redirect URI of a site: its origin and base path, ending in `/`.
pub fn redirect_uri(origin: &str, base: Option<&str>) -> String {
    format!(
        "{}{}/",
        origin.trim_end_matches('/'),
        base.unwrap_or_default()
    )
}

/// Decoded `name=value` pairs of a query (with or without its `?`).
fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SignInSettings {
        SignInSettings {
            client_id: "client-1".into(),
            tenant: "contoso.onmicrosoft.com".into(),
            authority: None,
        }
    }

    fn id_token(claims: &str) -> Secret {
        Secret::new(&format!("e30.{}.", URL_SAFE_NO_PAD.encode(claims)))
    }

    #[test]
    fn each_cloud_signs_in_at_its_own_host() {
        let s = settings();
        assert_eq!(
            s.token_endpoint(&Cloud::Global),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert!(s
            .authorize_endpoint(&Cloud::UsGovL4)
            .starts_with("https://login.microsoftonline.us/"));
        assert!(s
            .authorize_endpoint(&Cloud::UsGovL5)
            .starts_with("https://login.microsoftonline.us/"));
        assert!(s
            .authorize_endpoint(&Cloud::China)
            .starts_with("https://login.chinacloudapi.cn/"));
        let own = SignInSettings {
            authority: Some("http://127.0.0.1:8081/".into()),
            tenant: String::new(),
            ..settings()
        };
        assert_eq!(
            own.token_endpoint(&Cloud::Custom("http://127.0.0.1:8081".into())),
            "http://127.0.0.1:8081/organizations/oauth2/v2.0/token"
        );
    }

    #[test]
    fn scopes_are_qualified_with_the_clouds_graph_host() {
        let us = scopes(&Cloud::UsGovL4);
        assert!(us.starts_with("openid profile offline_access "));
        assert!(us.contains("https://graph.microsoft.us/LifecycleWorkflows-Reports.Read.All"));
        assert!(us.contains("https://graph.microsoft.us/LifecycleWorkflows-Workflow.ReadBasic.All"));
        assert!(us.contains("https://graph.microsoft.us/User.ReadBasic.All"));
        assert!(scopes(&Cloud::Custom("http://x".into())).contains("https://graph.microsoft.com/"));
    }

    #[test]
    fn the_authorize_url_carries_every_parameter_encoded() {
        let s = settings();
        let url = authorize_url(&AuthorizeRequest {
            settings: &s,
            cloud: &Cloud::Global,
            redirect_uri: "https://admin.contoso.com/lifecycle/",
            state: "st",
            nonce: "no",
            challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            prompt: None,
            login_hint: None,
        });
        assert!(!url.contains("prompt="), "{url}");
        assert!(!url.contains("login_hint="), "{url}");
        assert!(url.starts_with("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=client-1&response_type=code&redirect_uri=https%3A%2F%2Fadmin.contoso.com%2Flifecycle%2F"), "{url}");
        for part in ["&state=st", "&nonce=no", "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "&code_challenge_method=S256", "scope=openid%20profile%20offline_access%20https%3A%2F%2Fgraph.microsoft.com%2FLifecycleWorkflows-Reports.Read.All"] {
            assert!(url.contains(part), "{part} in {url}");
        }
    }

    #[test]
    fn a_silent_sign_in_asks_for_no_page_and_names_the_account() {
        let s = settings();
        let request = AuthorizeRequest {
            settings: &s,
            cloud: &Cloud::Global,
            redirect_uri: "https://admin.contoso.com/",
            state: "st",
            nonce: "no",
            challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            prompt: Some(Prompt::None),
            login_hint: Some(" adele+x@contoso.com "),
        };
        let url = authorize_url(&request);
        assert!(
            url.ends_with("&prompt=none&login_hint=adele%2Bx%40contoso.com"),
            "{url}"
        );
        let other = authorize_url(&AuthorizeRequest {
            prompt: Some(Prompt::SelectAccount),
            login_hint: Some(""),
            ..request
        });
        assert!(other.ends_with("&prompt=select_account"), "{other}");
    }

    #[test]
    fn token_bodies_have_no_secret_and_the_verifier() {
        let body = code_body(&settings(), &Cloud::Global, "c/1", "http://h/", "ver");
        let text = body.expose();
        assert!(text.contains("grant_type=authorization_code&code=c%2F1&redirect_uri=http%3A%2F%2Fh%2F&code_verifier=ver"));
        assert!(!text.contains("client_secret"));
        let refresh = refresh_body(&settings(), &Cloud::Global, &Secret::new("rt"));
        assert!(refresh
            .expose()
            .contains("grant_type=refresh_token&refresh_token=rt&scope="));
    }

    #[test]
    fn landings_are_read_from_the_query() {
        assert_eq!(
            parse_landing("?code=a%2Bb&state=s1"),
            Some(Landing::Code {
                code: Secret::new("a+b"),
                state: Some("s1".into())
            })
        );
        let Some(Landing::Error { error, state }) = parse_landing(
            "?error=access_denied&error_description=AADSTS65004%3A+User+declined.&state=s2",
        ) else {
            panic!("error landing expected");
        };
        assert_eq!(error.problem, SignInProblem::Cancelled);
        assert_eq!(error.details.code.as_deref(), Some("AADSTS65004"));
        assert_eq!(state.as_deref(), Some("s2"));
        assert_eq!(parse_landing("?status=failed"), None);
        assert!(is_landing("?code=x") && is_landing("error=y") && !is_landing("?codes=1"));
    }

    #[test]
    fn state_and_nonce_must_match_exactly() {
        assert!(check_state("s1", Some("s1")).is_ok());
        assert_eq!(
            check_state("s1", Some("forged")).unwrap_err().problem,
            SignInProblem::Forgery
        );
        assert!(check_state("s1", None).is_err());
        assert!(check_state("", Some("")).is_err());
        assert!(check_nonce(Some(&id_token(r#"{"nonce":"n1"}"#)), "n1").is_ok());
        assert!(check_nonce(Some(&id_token(r#"{"nonce":"n2"}"#)), "n1").is_err());
        assert!(check_nonce(Some(&id_token(r#"{}"#)), "n1").is_err());
        assert!(check_nonce(None, "n1").is_err());
    }

    #[test]
    fn token_answers_give_tokens_or_microsofts_error() {
        let ok = parse_token_answer(
            200,
            r#"{"access_token":"a.b.c","refresh_token":"r1","id_token":"i"}"#,
        )
        .unwrap();
        assert_eq!(ok.access.expose(), "a.b.c");
        assert_eq!(ok.refresh.as_ref().map(Secret::expose), Some("r1"));
        let err = parse_token_answer(400, r#"{"error":"invalid_grant","error_description":"AADSTS54005: used. Trace ID: t Correlation ID: c Timestamp: x","error_codes":[54005]}"#).unwrap_err();
        assert_eq!(err.problem, SignInProblem::CodeRefused);
        assert_eq!(err.details.trace_id.as_deref(), Some("t"));
        assert_eq!(
            parse_token_answer(200, "<html>").unwrap_err().problem,
            SignInProblem::Other
        );
        assert!(parse_token_answer(200, r#"{"token_type":"Bearer"}"#).is_err());
        assert!(parse_token_answer(502, r#"{"value":1}"#).is_err());
    }

    #[test]
    fn the_redirect_uri_is_the_sites_base_url() {
        assert_eq!(
            redirect_uri("http://127.0.0.1:8640", None),
            "http://127.0.0.1:8640/"
        );
        assert_eq!(
            redirect_uri("https://h", Some("/lifecycle")),
            "https://h/lifecycle/"
        );
    }
}
