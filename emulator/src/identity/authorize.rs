//! `GET|POST /{tenant}/oauth2/v2.0/authorize`: validates the request the way
//! Entra does (client id and redirect URI first, answered on an error page
//! since there is nowhere safe to send them; then response type, PKCE and
//! scope, sent back to the redirect URI as `error`), shows the sign-in page,
//! and on a choice redirects with `code` and `state` (and keeps the
//! account in the sign-in session cookie), or `access_denied` for Cancel.
//! `prompt` and `login_hint` are honoured against that session
//! (`session.rs`): `prompt=none` never shows the page.

use axum::http::HeaderMap;
use axum::response::Response;

use super::accounts::{self, ACCOUNTS};
use super::clients::{self, Client, Platform};
use super::errors::EntraError;
use super::page::{self, Choice};
use super::pkce;
use super::session::{self, Decision};
use super::store::{now_secs, CodeGrant};
use super::{encode, field, plain, redirect};
use crate::state::Shared;

/// A request that passed the checks that need no redirect.
struct Checked<'a> {
    client: Client,
    redirect_uri: &'a str,
    state: Option<&'a str>,
    fragment: bool,
}

/// Why the request stops: on Entra's page, or back at the redirect URI.
enum Stop {
    Page(EntraError),
    Redirect(String),
}

/// The sign-in page for a valid request, or (by `prompt`, `login_hint`
/// and the session cookie) a code or an error at once.
pub fn show(
    app: &Shared,
    tenant: &str,
    query: &[(String, String)],
    headers: &HeaderMap,
) -> Response {
    let checked = match check(tenant, query) {
        Ok(c) => c,
        Err(stop) => return stopped(stop),
    };
    let cookie = session::cookie_id(headers);
    let signed_in = app.identity.session_accounts(cookie.as_deref());
    let upns: Vec<String> = {
        let ds = app.read();
        ACCOUNTS
            .iter()
            .map(|a| {
                ds.users
                    .get(a.user)
                    .map(|u| u.upn.clone())
                    .unwrap_or_default()
            })
            .collect()
    };
    let decision = session::decide(
        field(query, "prompt"),
        field(query, "login_hint"),
        &signed_in,
        &upns,
    );
    let hint = match decision {
        Decision::Code(index) => {
            return match ACCOUNTS.get(index) {
                Some(account) => issue(app, &checked, query, *account, cookie.as_deref(), index),
                None => stopped(Stop::Page(EntraError::missing("account"))),
            }
        }
        Decision::Error(error) => {
            return redirect(&back_to(&checked, &error.redirect_query(checked.state)))
        }
        Decision::Page { hint } => hint,
    };
    let ds = app.read();
    let choices: Vec<Choice<'_>> = ACCOUNTS
        .iter()
        .enumerate()
        .filter_map(|(index, a)| {
            let user = ds.users.get(a.user)?;
            Some(Choice {
                index,
                name: &user.display_name,
                upn: &user.upn,
                role: a.role,
                signed_in: signed_in.contains(&index),
                hinted: hint == Some(index),
            })
        })
        .collect();
    let html = page::sign_in_page(checked.client.name, query, &choices);
    let mut response = plain(200, "text/html; charset=utf-8", html);
    super::token::no_store(response.headers_mut());
    response
}

/// The page's answer: a code for the chosen account (kept in the session
/// cookie), or `access_denied`.
pub fn decide(
    app: &Shared,
    tenant: &str,
    form: &[(String, String)],
    headers: &HeaderMap,
) -> Response {
    let checked = match check(tenant, form) {
        Ok(c) => c,
        Err(stop) => return stopped(stop),
    };
    if field(form, "cancel").is_some() {
        let error = EntraError::new(
            "access_denied",
            65004,
            "User declined to consent to access the app.",
        );
        let query = format!(
            "{}&error_subcode=cancel",
            error.redirect_query(checked.state)
        );
        return redirect(&back_to(&checked, &query));
    }
    let chosen =
        field(form, "account").and_then(|a| Some((accounts::get(a)?, a.trim().parse().ok()?)));
    let Some((account, index)) = chosen else {
        return stopped(Stop::Page(EntraError::missing("account")));
    };
    let cookie = session::cookie_id(headers);
    issue(app, &checked, form, account, cookie.as_deref(), index)
}

/// A code for `account` back at the redirect URI; the account joins the
/// sign-in session (`cookie`, or a new one) whose cookie the answer sets.
fn issue(
    app: &Shared,
    checked: &Checked<'_>,
    params: &[(String, String)],
    account: accounts::Account,
    cookie: Option<&str>,
    index: usize,
) -> Response {
    let grant = CodeGrant {
        client_id: checked.client.id.to_string(),
        redirect_uri: checked.redirect_uri.to_string(),
        challenge: field(params, "code_challenge")
            .unwrap_or_default()
            .to_string(),
        method: method(params).to_string(),
        scope: field(params, "scope").unwrap_or_default().to_string(),
        nonce: field(params, "nonce").map(str::to_string),
        account,
        issued: now_secs(),
    };
    let code = app.identity.issue_code(grant);
    let mut query = format!("code={}", encode(&code));
    if let Some(state) = checked.state {
        query.push_str(&format!("&state={}", encode(state)));
    }
    let mut response = redirect(&back_to(checked, &query));
    let id = app.identity.sign_in_session(cookie, index);
    if let Some(value) = session::set_cookie(&id) {
        response.headers_mut().insert("set-cookie", value);
    }
    response
}

fn stopped(stop: Stop) -> Response {
    match stop {
        Stop::Page(error) => error.page(),
        Stop::Redirect(location) => redirect(&location),
    }
}

/// The PKCE method, `plain` when absent (Entra's default).
fn method(params: &[(String, String)]) -> &str {
    field(params, "code_challenge_method").unwrap_or("plain")
}

fn check<'a>(tenant: &str, params: &'a [(String, String)]) -> Result<Checked<'a>, Stop> {
    let client_id =
        field(params, "client_id").ok_or(Stop::Page(EntraError::missing("client_id")))?;
    let client = clients::find(client_id).ok_or_else(|| {
        Stop::Page(EntraError::new(
            "unauthorized_client",
            700016,
            format!("Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
        ))
    })?;
    let redirect_uri =
        field(params, "redirect_uri").ok_or(Stop::Page(EntraError::missing("redirect_uri")))?;
    if !clients::redirect_registered(redirect_uri) {
        return Err(Stop::Page(EntraError::new(
            "invalid_request",
            50011,
            format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{}'.", client.id),
        )));
    }
    let checked = Checked {
        client,
        redirect_uri,
        state: field(params, "state"),
        fragment: field(params, "response_mode") == Some("fragment"),
    };
    match request_error(client, params) {
        Some(error) => {
            let query = error.redirect_query(checked.state);
            Err(Stop::Redirect(back_to(&checked, &query)))
        }
        None => Ok(checked),
    }
}

/// The first rule the request breaks after client and redirect URI.
fn request_error(client: Client, params: &[(String, String)]) -> Option<EntraError> {
    let response_type = match field(params, "response_type") {
        None => return Some(EntraError::missing("response_type")),
        Some(t) => t,
    };
    if response_type != "code" {
        return Some(EntraError::new(
            "unsupported_response_type",
            700054,
            format!("response_type '{response_type}' is not enabled for the application."),
        ));
    }
    let scope = match field(params, "scope") {
        Some(s) if !s.trim().is_empty() => s,
        _ => return Some(EntraError::missing("scope")),
    };
    pkce_error(client, params).or_else(|| consent_error(client, scope))
}

/// `consent_required` when a requested Graph permission has no admin consent.
fn consent_error(client: Client, scope: &str) -> Option<EntraError> {
    let missing = clients::missing_consent(&client, scope);
    (!missing.is_empty()).then(|| {
        EntraError::new(
            "consent_required",
            65001,
            format!("The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource. Permissions without consent: {}.", client.id, client.name, missing.join(", ")),
        )
    })
}

fn pkce_error(client: Client, params: &[(String, String)]) -> Option<EntraError> {
    let Some(challenge) = field(params, "code_challenge") else {
        return (client.platform == Platform::Spa).then(|| {
            EntraError::new(
                "invalid_request",
                9002325,
                "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
            )
        });
    };
    let method = method(params);
    if method != "S256" && method != "plain" {
        return Some(EntraError::new(
            "invalid_request",
            900144,
            format!(
                "The code_challenge_method '{method}' is not supported: send 'S256' (or 'plain')."
            ),
        ));
    }
    if !pkce::well_formed(challenge) {
        return Some(EntraError::new(
            "invalid_request",
            501491,
            "Invalid size of Code_Challenge parameter.",
        ));
    }
    None
}

/// The redirect URI with `params` in its query (or fragment).
fn back_to(checked: &Checked<'_>, params: &str) -> String {
    let uri = checked.redirect_uri;
    if checked.fragment {
        format!("{uri}#{params}")
    } else if uri.contains('?') {
        format!("{uri}&{params}")
    } else {
        format!("{uri}?{params}")
    }
}
