//! graph-emulator as the identity provider: every rule of the authorize and
//! token endpoints, over HTTP (in process), as the viewer meets them.

mod common;

use common::{app, send, Resp};
use graph_emulator::identity::clients::{DEMO_CLIENT_ID, UNCONSENTED_CLIENT_ID, WEB_CLIENT_ID};
use graph_emulator::identity::pkce::s256;
use graph_emulator::identity::{encode, field};
use graph_emulator::wire::parse_query;
use graph_emulator::Shared;

const REDIRECT: &str = "http://127.0.0.1:8640/";
const ORIGIN: &str = "http://127.0.0.1:8640";
/// RFC 7636 appendix B.
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const SCOPE: &str =
    "openid profile offline_access https://graph.microsoft.com/LifecycleWorkflows-Reports.Read.All";
const AUTHORIZE: &str = "/organizations/oauth2/v2.0/authorize";
const TOKEN: &str = "/organizations/oauth2/v2.0/token";

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn authorize_params(client: &str) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", client.to_string()),
        ("response_type", "code".into()),
        ("redirect_uri", REDIRECT.into()),
        ("scope", SCOPE.into()),
        ("state", "st-1".into()),
        ("nonce", "n-1".into()),
        ("code_challenge", CHALLENGE.into()),
        ("code_challenge_method", "S256".into()),
    ]
}

fn as_refs(params: &[(&'static str, String)]) -> Vec<(&'static str, String)> {
    params.to_vec()
}

async fn get_authorize(app: &Shared, params: &[(&str, String)]) -> Resp {
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    send(
        app,
        "GET",
        &format!("{AUTHORIZE}?{}", form(&pairs)),
        &[],
        None,
    )
    .await
}

/// Posts the sign-in page's choice; the redirect's query pairs.
async fn choose(
    app: &Shared,
    params: &[(&str, String)],
    choice: (&str, &str),
) -> (Resp, Vec<(String, String)>) {
    let mut pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pairs.push(choice);
    let resp = send(
        app,
        "POST",
        AUTHORIZE,
        &[("content-type", "application/x-www-form-urlencoded")],
        Some(&form(&pairs)),
    )
    .await;
    let location = resp.header("location").unwrap_or_default().to_string();
    let query = location.split_once('?').map(|(_, q)| q).unwrap_or_default();
    (resp, parse_query(query))
}

async fn code(app: &Shared) -> String {
    let (resp, query) = choose(app, &authorize_params(DEMO_CLIENT_ID), ("account", "0")).await;
    assert_eq!(resp.status, 302);
    assert_eq!(field(&query, "state"), Some("st-1"));
    field(&query, "code").expect("code").to_string()
}

async fn token(app: &Shared, pairs: &[(&str, &str)], origin: Option<&str>) -> Resp {
    let mut headers = vec![("content-type", "application/x-www-form-urlencoded")];
    if let Some(o) = origin {
        headers.push(("origin", o));
    }
    send(app, "POST", TOKEN, &headers, Some(&form(pairs))).await
}

async fn redeem(app: &Shared, code: &str, verifier: &str) -> Resp {
    token(
        app,
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
            ("scope", SCOPE),
        ],
        Some(ORIGIN),
    )
    .await
}

async fn refresh(app: &Shared, refresh_token: &str) -> Resp {
    token(
        app,
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("scope", SCOPE),
        ],
        Some(ORIGIN),
    )
    .await
}

fn assert_entra_error(resp: &Resp, error: &str, code: u64) {
    assert_eq!(resp.status, 400, "{}", resp.text);
    let body = resp.json();
    assert_eq!(body["error"], error, "{}", resp.text);
    assert_eq!(body["error_codes"][0], code, "{}", resp.text);
    let description = body["error_description"].as_str().unwrap();
    assert!(
        description.starts_with(&format!("AADSTS{code}:")),
        "{description}"
    );
    assert!(body["trace_id"]
        .as_str()
        .is_some_and(|t| description.contains(t)));
    assert!(body["correlation_id"].as_str().is_some());
    assert_eq!(resp.header("access-control-allow-origin"), Some("*"));
}

fn claims(jwt: &str) -> serde_json::Value {
    use base64::Engine;
    let part = jwt.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn s256_is_rfc_7636_appendix_b() {
    assert_eq!(s256(VERIFIER), CHALLENGE);
}

#[tokio::test]
async fn the_sign_in_page_lists_demo_accounts_and_cancel() {
    let app = app();
    let resp = get_authorize(&app, &authorize_params(DEMO_CLIENT_ID)).await;
    assert_eq!(resp.status, 200);
    assert!(resp
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(
        resp.text.matches(">Sign in as ").count(),
        3,
        "{}",
        resp.text
    );
    assert!(resp.text.contains(">Cancel</button>"));
    assert!(resp.text.contains("every Lifecycle Workflows permission"));
}

#[tokio::test]
async fn bad_client_or_redirect_uri_shows_an_error_page_without_redirecting() {
    let app = app();
    let mut params = authorize_params("11111111-2222-3333-4444-555555555555");
    let resp = get_authorize(&app, &params).await;
    assert_eq!(resp.status, 400);
    assert!(resp.header("location").is_none());
    assert!(resp.text.contains("AADSTS700016"));
    params = authorize_params(DEMO_CLIENT_ID);
    params[2].1 = "https://evil.example/".into();
    let resp = get_authorize(&app, &params).await;
    assert_eq!(resp.status, 400);
    assert!(resp.header("location").is_none());
    assert!(resp.text.contains("AADSTS50011"));
    params.retain(|(k, _)| *k != "client_id");
    assert!(get_authorize(&app, &params)
        .await
        .text
        .contains("AADSTS900144"));
}

#[tokio::test]
async fn response_type_scope_and_pkce_errors_go_back_to_the_redirect_uri() {
    let app = app();
    let cases: [(&str, Option<&str>, &str, &str); 5] = [
        (
            "response_type",
            Some("token"),
            "unsupported_response_type",
            "AADSTS700054",
        ),
        ("code_challenge", None, "invalid_request", "AADSTS9002325"),
        (
            "code_challenge",
            Some("short"),
            "invalid_request",
            "AADSTS501491",
        ),
        (
            "code_challenge_method",
            Some("S512"),
            "invalid_request",
            "AADSTS900144",
        ),
        ("scope", None, "invalid_request", "AADSTS900144"),
    ];
    for (name, value, error, code) in cases {
        let mut params = as_refs(&authorize_params(DEMO_CLIENT_ID));
        params.retain(|(k, _)| *k != name);
        if let Some(v) = value {
            params.push((name, v.to_string()));
        }
        let resp = get_authorize(&app, &params).await;
        assert_eq!(resp.status, 302, "{name}");
        let location = resp.header("location").unwrap();
        assert!(location.starts_with(REDIRECT), "{location}");
        let query = parse_query(location.split_once('?').unwrap().1);
        assert_eq!(field(&query, "error"), Some(error), "{name}");
        assert!(
            field(&query, "error_description")
                .unwrap()
                .starts_with(code),
            "{name}"
        );
        assert_eq!(field(&query, "state"), Some("st-1"));
        assert!(field(&query, "code").is_none());
    }
}

#[tokio::test]
async fn cancel_redirects_with_access_denied_and_no_code() {
    let app = app();
    let (resp, query) = choose(&app, &authorize_params(DEMO_CLIENT_ID), ("cancel", "1")).await;
    assert_eq!(resp.status, 302);
    assert_eq!(field(&query, "error"), Some("access_denied"));
    assert!(field(&query, "error_description")
        .unwrap()
        .starts_with("AADSTS65004"));
    assert_eq!(field(&query, "state"), Some("st-1"));
    assert!(field(&query, "code").is_none());
}

#[tokio::test]
async fn a_code_redeems_once_for_tokens_with_the_nonce() {
    let app = app();
    let code = code(&app).await;
    let resp = redeem(&app, &code, VERIFIER).await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    assert_eq!(resp.header("access-control-allow-origin"), Some("*"));
    assert!(resp.header("cache-control").unwrap().contains("no-store"));
    let body = resp.json();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    let refresh_left = body["refresh_token_expires_in"].as_i64().unwrap();
    assert!(refresh_left > 86000 && refresh_left <= 86400);
    let id = claims(body["id_token"].as_str().unwrap());
    assert_eq!(id["nonce"], "n-1");
    assert_eq!(id["aud"], DEMO_CLIENT_ID);
    let access = claims(body["access_token"].as_str().unwrap());
    assert!(access["scp"]
        .as_str()
        .unwrap()
        .contains("LifecycleWorkflows-Reports.Read.All"));
    // The access token works against Graph.
    let graph = send(
        &app,
        "GET",
        "/v1.0/identityGovernance/lifecycleWorkflows/workflows",
        &[(
            "authorization",
            &format!("Bearer {}", body["access_token"].as_str().unwrap()),
        )],
        None,
    )
    .await;
    assert_eq!(graph.status, 200);
    assert_entra_error(&redeem(&app, &code, VERIFIER).await, "invalid_grant", 54005);
}

#[tokio::test]
async fn a_wrong_verifier_a_missing_one_or_another_redirect_uri_redeems_nothing() {
    let app = app();
    let wrong = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK";
    assert_entra_error(
        &redeem(&app, &code(&app).await, wrong).await,
        "invalid_grant",
        501481,
    );
    let c = code(&app).await;
    let resp = token(
        &app,
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &c),
            ("redirect_uri", REDIRECT),
        ],
        Some(ORIGIN),
    )
    .await;
    assert_entra_error(&resp, "invalid_request", 900144);
    let c = code(&app).await;
    let resp = token(
        &app,
        &[
            ("client_id", DEMO_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", &c),
            ("redirect_uri", "http://127.0.0.1:8640/other/"),
            ("code_verifier", VERIFIER),
        ],
        Some(ORIGIN),
    )
    .await;
    assert_entra_error(&resp, "invalid_grant", 500112);
    assert_entra_error(
        &redeem(&app, "made-up", VERIFIER).await,
        "invalid_grant",
        9002313,
    );
    let report = send(&app, "GET", "/_emulator/tokens", &[], None)
        .await
        .json();
    assert_eq!(report["codesRedeemed"], 0);
}

#[tokio::test]
async fn a_code_lives_as_long_as_the_code_lifetime() {
    let app = app();
    let set = send(
        &app,
        "POST",
        "/_emulator/tokens",
        &[],
        Some(r#"{"codeSeconds": 0}"#),
    )
    .await;
    assert_eq!(set.status, 200);
    assert_entra_error(
        &redeem(&app, &code(&app).await, VERIFIER).await,
        "invalid_grant",
        70008,
    );
    assert_eq!(
        send(&app, "DELETE", "/_emulator/tokens", &[], None)
            .await
            .json()["codeSeconds"],
        600
    );
}

#[tokio::test]
async fn spa_redemption_needs_an_origin_and_web_apps_must_not_send_one() {
    let app = app();
    let c = code(&app).await;
    let pairs = [
        ("client_id", DEMO_CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("code", c.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    assert_entra_error(&token(&app, &pairs, None).await, "invalid_request", 9002327);
    let web = [
        ("client_id", WEB_CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("code", "x"),
    ];
    assert_entra_error(
        &token(&app, &web, Some(ORIGIN)).await,
        "invalid_request",
        9002326,
    );
    let secret = [
        ("client_id", DEMO_CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("client_secret", "s"),
    ];
    assert_entra_error(
        &token(&app, &secret, Some(ORIGIN)).await,
        "invalid_client",
        700025,
    );
    let unknown = [
        ("client_id", "nobody"),
        ("grant_type", "authorization_code"),
    ];
    assert_entra_error(
        &token(&app, &unknown, Some(ORIGIN)).await,
        "unauthorized_client",
        700016,
    );
    let grant = [("client_id", DEMO_CLIENT_ID), ("grant_type", "password")];
    assert_entra_error(
        &token(&app, &grant, Some(ORIGIN)).await,
        "unsupported_grant_type",
        70003,
    );
    // The code was not spent by the refused requests.
    assert_eq!(redeem(&app, &c, VERIFIER).await.status, 200);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_the_old_one_is_revoked() {
    let app = app();
    let first = redeem(&app, &code(&app).await, VERIFIER).await.json();
    let rt1 = first["refresh_token"].as_str().unwrap();
    let second = refresh(&app, rt1).await;
    assert_eq!(second.status, 200, "{}", second.text);
    let rt2 = second.json()["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(rt1, rt2);
    assert!(second.json()["access_token"].as_str().is_some());
    assert_entra_error(&refresh(&app, rt1).await, "invalid_grant", 70000);
    assert_eq!(refresh(&app, &rt2).await.status, 200);
    assert_entra_error(&refresh(&app, "made-up").await, "invalid_grant", 9002313);
}

#[tokio::test]
async fn refresh_tokens_end_a_fixed_time_after_sign_in() {
    let app = app();
    send(
        &app,
        "POST",
        "/_emulator/tokens",
        &[],
        Some(r#"{"refreshTokenSeconds": 0, "accessTokenSeconds": 30}"#),
    )
    .await;
    let first = redeem(&app, &code(&app).await, VERIFIER).await.json();
    assert_eq!(first["expires_in"], 30);
    assert_eq!(first["refresh_token_expires_in"], 0);
    let resp = refresh(&app, first["refresh_token"].as_str().unwrap()).await;
    assert_entra_error(&resp, "invalid_grant", 700084);
}

#[tokio::test]
async fn the_token_endpoint_answers_preflights_and_discovery_names_it() {
    let app = app();
    let resp = send(
        &app,
        "OPTIONS",
        TOKEN,
        &[
            ("origin", ORIGIN),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
        None,
    )
    .await;
    assert_eq!(resp.header("access-control-allow-origin"), Some("*"));
    assert!(resp
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    let doc = send(
        &app,
        "GET",
        "/organizations/v2.0/.well-known/openid-configuration",
        &[],
        None,
    )
    .await;
    assert_eq!(doc.status, 200);
    let doc = doc.json();
    assert_eq!(
        doc["token_endpoint"],
        "http://127.0.0.1:8081/organizations/oauth2/v2.0/token"
    );
    assert_eq!(
        doc["authorization_endpoint"],
        "http://127.0.0.1:8081/organizations/oauth2/v2.0/authorize"
    );
    assert!(doc["code_challenge_methods_supported"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "S256"));
}

#[tokio::test]
async fn lifetimes_refuse_bad_values() {
    let app = app();
    let resp = send(
        &app,
        "POST",
        "/_emulator/tokens",
        &[],
        Some(r#"{"accessTokenSeconds": "soon"}"#),
    )
    .await;
    assert_eq!(resp.status, 400);
}

#[tokio::test]
async fn permissions_without_consent_go_back_as_consent_required_naming_them() {
    let app = app();
    let resp = get_authorize(&app, &authorize_params(UNCONSENTED_CLIENT_ID)).await;
    assert_eq!(resp.status, 302);
    let location = resp.header("location").unwrap();
    let query = parse_query(location.split_once('?').unwrap().1);
    assert_eq!(field(&query, "error"), Some("consent_required"));
    let description = field(&query, "error_description").unwrap();
    assert!(description.starts_with("AADSTS65001"), "{description}");
    assert!(description.contains("LifecycleWorkflows-Reports.Read.All"));
    assert!(field(&query, "code").is_none());
}

/// The sign-in session cookie an answer sets (`ESTSAUTH=…`).
fn session_cookie(resp: &Resp) -> String {
    let set = resp.header("set-cookie").unwrap_or_default().to_string();
    assert!(
        set.starts_with("ESTSAUTH=") && set.contains("HttpOnly"),
        "{set}"
    );
    set.split(';').next().unwrap_or_default().to_string()
}

async fn get_authorize_with(app: &Shared, params: &[(&str, String)], cookie: Option<&str>) -> Resp {
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let headers: Vec<(&str, &str)> = cookie.map(|c| vec![("cookie", c)]).unwrap_or_default();
    send(
        app,
        "GET",
        &format!("{AUTHORIZE}?{}", form(&pairs)),
        &headers,
        None,
    )
    .await
}

fn location_query(resp: &Resp) -> Vec<(String, String)> {
    let location = resp.header("location").unwrap_or_default().to_string();
    parse_query(location.split_once('?').map(|(_, q)| q).unwrap_or_default())
}

#[tokio::test]
async fn prompt_none_answers_from_the_session_cookie_without_a_page() {
    let app = app();
    let (chosen, _) = choose(&app, &authorize_params(DEMO_CLIENT_ID), ("account", "1")).await;
    let cookie = session_cookie(&chosen);
    let upn = {
        let ds = app.read();
        ds.users[graph_emulator::identity::accounts::ACCOUNTS[1].user]
            .upn
            .clone()
    };
    let mut silent = authorize_params(DEMO_CLIENT_ID);
    silent.push(("prompt", "none".into()));
    silent.push(("login_hint", upn.clone()));

    // The session lives: a code at once, for that account, redeemable.
    let resp = get_authorize_with(&app, &silent, Some(&cookie)).await;
    assert_eq!(resp.status, 302);
    let query = location_query(&resp);
    assert_eq!(field(&query, "state"), Some("st-1"));
    let code = field(&query, "code").expect("code").to_string();
    let tokens = redeem(&app, &code, VERIFIER).await;
    assert_eq!(tokens.status, 200, "{}", tokens.text);

    // No cookie: login_required, back at the redirect URI, with the state.
    let resp = get_authorize_with(&app, &silent, None).await;
    assert_eq!(resp.status, 302);
    let query = location_query(&resp);
    assert_eq!(field(&query, "error"), Some("login_required"));
    assert!(field(&query, "error_description")
        .unwrap_or_default()
        .starts_with("AADSTS50058"));
    assert_eq!(field(&query, "state"), Some("st-1"));
    assert_eq!(field(&query, "code"), None);

    // Another account hinted: interaction_required.
    let mut other = authorize_params(DEMO_CLIENT_ID);
    other.push(("prompt", "none".into()));
    other.push(("login_hint", "nobody@contoso.com".into()));
    let resp = get_authorize_with(&app, &other, Some(&cookie)).await;
    assert_eq!(
        field(&location_query(&resp), "error"),
        Some("interaction_required")
    );
}

#[tokio::test]
async fn select_account_shows_the_picker_even_with_a_session() {
    let app = app();
    let (chosen, _) = choose(&app, &authorize_params(DEMO_CLIENT_ID), ("account", "0")).await;
    let cookie = session_cookie(&chosen);
    let mut picker = authorize_params(DEMO_CLIENT_ID);
    picker.push(("prompt", "select_account".into()));
    let resp = get_authorize_with(&app, &picker, Some(&cookie)).await;
    assert_eq!(resp.status, 200);
    assert!(resp.text.contains("Sign in to your account"));
    assert!(
        resp.text.contains(" · signed in</span>"),
        "the account signed in is marked"
    );
    // Choosing another account keeps the same session, now with both.
    let mut pairs: Vec<(&str, &str)> = picker.iter().map(|(k, v)| (*k, v.as_str())).collect();
    pairs.push(("account", "2"));
    let again = send(
        &app,
        "POST",
        AUTHORIZE,
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("cookie", &cookie),
        ],
        Some(&form(&pairs)),
    )
    .await;
    assert_eq!(session_cookie(&again), cookie);
    let mut silent = authorize_params(DEMO_CLIENT_ID);
    silent.push(("prompt", "none".into()));
    let resp = get_authorize_with(&app, &silent, Some(&cookie)).await;
    assert_eq!(
        field(&location_query(&resp), "error"),
        Some("interaction_required"),
        "two accounts and no hint"
    );
}
