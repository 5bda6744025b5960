//! `POST /{tenant}/oauth2/v2.0/token`: the authorization code grant (single
//! use, short life, the authorize request's redirect URI, the S256 verifier)
//! and the refresh token grant (rotated, the old one revoked, a fixed end
//! after sign-in), with Entra's single-page-app rules on `Origin`, its error
//! bodies, and CORS as Entra's token endpoint answers it.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::json;

use super::accounts::Account;
use super::clients::{self, Client, Platform};
use super::errors::EntraError;
use super::pkce;
use super::store::{now_secs, CodeGrant, RefreshGrant, Refused};
use super::{field, plain};
use crate::access_token::{mint, Subject, GRAPH_AUDIENCE};
use crate::state::Shared;
use crate::wire::parse_query;

/// Answers a token request.
pub fn handle(
    app: &Shared,
    base: &str,
    tenant: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let correlation = headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok());
    let form = parse_query(&String::from_utf8_lossy(body));
    let origin = headers.get("origin").and_then(|v| v.to_str().ok());
    match grant(app, tenant, origin, &form) {
        Ok((account, client, scope, refresh)) => {
            issued(app, base, &account, client, &scope, refresh)
        }
        Err(error) => error.token_response(correlation),
    }
}

/// What a successful grant hands out: the account, the app, the scope, and
/// the refresh token's sign-in time plus nonce.
type Granted = (Account, Client, String, Issue);

/// Facts of the tokens to issue.
struct Issue {
    from_code: bool,
    signed_in: i64,
    nonce: Option<String>,
}

fn grant(
    app: &Shared,
    tenant: &str,
    origin: Option<&str>,
    form: &[(String, String)],
) -> Result<Granted, EntraError> {
    let client = client(tenant, origin, form)?;
    match field(form, "grant_type") {
        None => Err(EntraError::missing("grant_type")),
        Some("authorization_code") => code_grant(app, client, form),
        Some("refresh_token") => refresh_grant(app, client, form),
        Some(other) => Err(EntraError::new(
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{other}'."),
        )),
    }
}

/// The registered app, checked against the request's origin.
fn client(
    tenant: &str,
    origin: Option<&str>,
    form: &[(String, String)],
) -> Result<Client, EntraError> {
    let id = field(form, "client_id").ok_or_else(|| EntraError::missing("client_id"))?;
    let client = clients::find(id).ok_or_else(|| {
        EntraError::new(
            "unauthorized_client",
            700016,
            format!(
                "Application with identifier '{id}' was not found in the directory '{tenant}'."
            ),
        )
    })?;
    if origin.is_some() && field(form, "client_secret").is_some() {
        return Err(EntraError::new(
            "invalid_client",
            700025,
            "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        ));
    }
    match (client.platform, origin) {
        (Platform::Spa, None) => Err(EntraError::new(
            "invalid_request",
            9002327,
            "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
        )),
        (Platform::Web, Some(origin)) => Err(EntraError::new(
            "invalid_request",
            9002326,
            format!("Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{origin}'."),
        )),
        _ => Ok(client),
    }
}

fn code_grant(
    app: &Shared,
    client: Client,
    form: &[(String, String)],
) -> Result<Granted, EntraError> {
    let code = field(form, "code").ok_or_else(|| EntraError::missing("code"))?;
    let redirect_uri =
        field(form, "redirect_uri").ok_or_else(|| EntraError::missing("redirect_uri"))?;
    let grant = app.identity.redeem_code(code).map_err(code_refused)?;
    check_code(&grant, client, redirect_uri, field(form, "code_verifier"))?;
    let issue = Issue {
        from_code: true,
        signed_in: now_secs(),
        nonce: grant.nonce,
    };
    Ok((grant.account, client, grant.scope, issue))
}

fn check_code(
    grant: &CodeGrant,
    client: Client,
    redirect_uri: &str,
    verifier: Option<&str>,
) -> Result<(), EntraError> {
    if !grant.client_id.eq_ignore_ascii_case(client.id) {
        return Err(EntraError::new(
            "invalid_grant",
            70000,
            "The provided value for the 'code' parameter is not valid: it was issued to another application.",
        ));
    }
    if grant.redirect_uri != redirect_uri {
        return Err(EntraError::new(
            "invalid_grant",
            500112,
            "The reply address does not match the reply address provided when requesting Authorization code.",
        ));
    }
    let verifier = verifier.ok_or_else(|| EntraError::missing("code_verifier"))?;
    if !pkce::verifies(verifier, &grant.challenge, &grant.method) {
        return Err(EntraError::new(
            "invalid_grant",
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
        ));
    }
    Ok(())
}

fn code_refused(refused: Refused) -> EntraError {
    match refused {
        Refused::Unknown => EntraError::new(
            "invalid_grant",
            9002313,
            "Invalid request. Request is malformed or invalid: the authorization code is not one this tenant issued.",
        ),
        Refused::Used => EntraError::new(
            "invalid_grant",
            54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
        ),
        Refused::Expired => EntraError::new(
            "invalid_grant",
            70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
        ),
    }
}

fn refresh_grant(
    app: &Shared,
    client: Client,
    form: &[(String, String)],
) -> Result<Granted, EntraError> {
    let token = field(form, "refresh_token").ok_or_else(|| EntraError::missing("refresh_token"))?;
    let lifetime = app.identity.lifetimes().refresh;
    let grant = app
        .identity
        .redeem_refresh(token)
        .map_err(|r| refresh_refused(r, lifetime))?;
    if !grant.client_id.eq_ignore_ascii_case(client.id) {
        return Err(EntraError::new(
            "invalid_grant",
            70000,
            "The provided value for the 'refresh_token' parameter is not valid: it was issued to another application.",
        ));
    }
    let issue = Issue {
        from_code: false,
        signed_in: grant.signed_in,
        nonce: None,
    };
    Ok((grant.account, client, grant.scope, issue))
}

fn refresh_refused(refused: Refused, lifetime: i64) -> EntraError {
    match refused {
        Refused::Unknown => EntraError::new(
            "invalid_grant",
            9002313,
            "Invalid request. Request is malformed or invalid: the refresh token is not one this tenant issued.",
        ),
        Refused::Used => EntraError::new(
            "invalid_grant",
            70000,
            "The provided value for the 'refresh_token' parameter is not valid: it was already used (refresh tokens rotate on every use) and has been revoked.",
        ),
        Refused::Expired => EntraError::new(
            "invalid_grant",
            700084,
            format!("The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of {lifetime} seconds, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page."),
        ),
    }
}

/// The token answer: access, ID and (with `offline_access`) refresh tokens.
fn issued(
    app: &Shared,
    base: &str,
    account: &Account,
    client: Client,
    scope: &str,
    issue: Issue,
) -> Response {
    let life = app.identity.lifetimes().access;
    let now = now_secs();
    let (access, id) = {
        let ds = app.read();
        let Some(user) = ds.users.get(account.user) else {
            return EntraError::new(
                "invalid_grant",
                50034,
                "The user account does not exist in the directory.",
            )
            .token_response(None);
        };
        let sub = Subject {
            tenant: ds.tenant_id,
            oid: user.id,
            upn: &user.upn,
            name: &user.display_name,
        };
        let access = mint(&sub, account.scopes, now, life);
        let id = id_token(base, &sub, client.id, issue.nonce.as_deref(), now);
        (access, id)
    };
    let granted: Vec<String> = account
        .scopes
        .split(' ')
        .map(|s| format!("{GRAPH_AUDIENCE}/{s}"))
        .chain(["openid", "profile"].map(String::from))
        .collect();
    let mut body = json!({
        "token_type": "Bearer",
        "scope": granted.join(" "),
        "expires_in": life,
        "ext_expires_in": life,
        "access_token": access,
        "id_token": id,
    });
    if scope.split_whitespace().any(|s| s == "offline_access") {
        let (refresh, left) = app.identity.issue_refresh(RefreshGrant {
            client_id: client.id.to_string(),
            scope: scope.to_string(),
            account: *account,
            signed_in: issue.signed_in,
        });
        body["refresh_token"] = json!(refresh);
        if client.platform == Platform::Spa {
            body["refresh_token_expires_in"] = json!(left);
        }
    }
    app.identity.count_issued(issue.from_code);
    let mut response = plain(200, "application/json; charset=utf-8", body.to_string());
    no_store(response.headers_mut());
    response
}

/// An unsigned ID token for `client_id`, with the authorize request's nonce.
fn id_token(
    base: &str,
    sub: &Subject<'_>,
    client_id: &str,
    nonce: Option<&str>,
    now: i64,
) -> String {
    let mut claims = json!({
        "aud": client_id,
        "iss": format!("{base}/{}/v2.0", sub.tenant),
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "name": sub.name,
        "preferred_username": sub.upn,
        "oid": sub.oid.to_string(),
        "sub": sub.oid.to_string(),
        "tid": sub.tenant.to_string(),
        "ver": "2.0",
    });
    if let Some(nonce) = nonce {
        claims["nonce"] = json!(nonce);
    }
    let header = json!({"typ": "JWT", "alg": "none"});
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// `Cache-Control: no-store` and `Pragma: no-cache`, as on Entra's answers.
pub fn no_store(headers: &mut HeaderMap) {
    headers.insert(
        "cache-control",
        HeaderValue::from_static("no-store, no-cache"),
    );
    headers.insert("pragma", HeaderValue::from_static("no-cache"));
}

/// CORS on every token endpoint answer: any origin may read it.
pub fn add_cors(headers: &mut HeaderMap) {
    headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
}

/// The preflight answer (a form POST needs none; other content types do).
pub fn preflight(request: &HeaderMap) -> Response {
    let mut response = Response::new(Body::empty());
    let h = response.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("POST, OPTIONS"),
    );
    let asked = request
        .get("access-control-request-headers")
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("content-type"));
    h.insert("access-control-allow-headers", asked);
    h.insert("access-control-max-age", HeaderValue::from_static("86400"));
    response
}
