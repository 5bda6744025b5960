//! The browser sign-in's one request: a cross-origin form POST to the
//! sign-in service's token endpoint (no secret; the browser adds `Origin`),
//! redeeming a code or a refresh token. The answer is read by
//! `auth::authorize`; the body (it holds the code, verifier or refresh
//! token) is a [`Secret`] and never logged.

use crate::auth::authorize::{code_body, refresh_body, SignInSettings, Tokens};
use crate::auth::entra_error::{SignInError, SignInProblem};
use crate::auth::Cloud;
use crate::graph::url::Origin;
use crate::graph::Secret;

/// Redeems an authorization code with its PKCE verifier.
pub(crate) async fn redeem(
    settings: &SignInSettings,
    cloud: &Cloud,
    code: &Secret,
    redirect_uri: &str,
    verifier: &str,
) -> Result<Tokens, SignInError> {
    let body = code_body(settings, cloud, code.expose(), redirect_uri, verifier);
    post(&settings.token_endpoint(cloud), body).await
}

/// Redeems a refresh token (the answer carries its replacement).
pub(crate) async fn refresh(
    settings: &SignInSettings,
    cloud: &Cloud,
    token: &Secret,
) -> Result<Tokens, SignInError> {
    post(
        &settings.token_endpoint(cloud),
        refresh_body(settings, cloud, token),
    )
    .await
}

/// The origin of `url` for a message (never a path or query).
pub(crate) fn origin_of(url: &str) -> String {
    Origin::parse(url).map_or_else(|| url.to_string(), |o| o.text())
}

#[cfg(target_arch = "wasm32")]
async fn post(url: &str, body: Secret) -> Result<Tokens, SignInError> {
    let unreachable = || SignInError::local(SignInProblem::Unreachable, origin_of(url));
    let request = gloo_net::http::Request::post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.expose().to_string())
        .map_err(|_| unreachable())?;
    let response = request.send().await.map_err(|_| unreachable())?;
    let status = response.status();
    let text = response.text().await.map_err(|_| unreachable())?;
    crate::auth::authorize::parse_token_answer(status, &text)
}

#[cfg(not(target_arch = "wasm32"))]
async fn post(url: &str, body: Secret) -> Result<Tokens, SignInError> {
    drop(body);
    Err(SignInError::local(
        SignInProblem::Unreachable,
        origin_of(url),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_origin_only() {
        assert_eq!(
            origin_of("https://login.microsoftonline.com/t/oauth2/v2.0/token?x=1"),
            "https://login.microsoftonline.com"
        );
    }
}
