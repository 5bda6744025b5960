//! Why a browser sign-in failed, in words, with Microsoft's error code and
//! trace and correlation ids to copy: read from the redirect's `error`
//! parameters or the token endpoint's error body, or raised by the viewer's
//! own checks (state, nonce, blocked endpoint).

use serde_json::Value;

use super::authorize::GRAPH_PERMISSIONS;

/// What the admin reads when a browser sign-in's refresh token ends.
pub const SIGN_IN_ENDED: &str = "Your sign-in has ended; sign in again.";

/// What went wrong, as the admin needs to hear it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInProblem {
    /// `access_denied`: the admin cancelled or declined.
    Cancelled,
    /// Consent missing (`consent_required`, AADSTS65001).
    Consent,
    /// The code was refused (`invalid_grant`): reused, expired, wrong verifier.
    CodeRefused,
    /// `state` or `nonce` did not match what this tab started: nothing redeemed.
    Forgery,
    /// The redirect URI is not of type Single-page application (AADSTS9002326/7).
    NotSpa,
    /// The browser could not reach the token endpoint (network or `connect-src`).
    Unreachable,
    /// The refresh token reached its end (24 hours after sign-in).
    Ended,
    /// A sign-in without a page found no session for the account
    /// (`interaction_required`, `login_required`): the admin must sign in.
    InteractionRequired,
    /// Anything else Microsoft answered.
    Other,
}

/// A failed sign-in: the problem plus what Microsoft said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInError {
    pub problem: SignInProblem,
    pub details: Box<Details>,
}

/// What Microsoft (or the viewer) said about a failed sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    /// The OAuth error name (`invalid_grant`), when Microsoft sent one.
    pub error: Option<String>,
    /// `AADSTS54005`, when Microsoft sent one.
    pub code: Option<String>,
    /// Microsoft's description without its ids.
    pub description: Option<String>,
    pub trace_id: Option<String>,
    pub correlation_id: Option<String>,
    /// Extra words from the viewer (the endpoint it could not reach).
    pub detail: Option<String>,
}

impl SignInError {
    /// An error the viewer raised itself.
    pub fn local(problem: SignInProblem, detail: impl Into<String>) -> Self {
        SignInError {
            problem,
            details: Box::new(Details {
                detail: Some(detail.into()),
                ..Details::default()
            }),
        }
    }

    /// From an `error` and `error_description` (redirect or token body).
    pub fn from_entra(error: &str, description: Option<&str>) -> Self {
        let description = description.unwrap_or_default();
        let code = aadsts_code(description);
        let problem = classify(error, code.as_deref());
        SignInError {
            problem,
            details: Box::new(Details {
                error: Some(error.to_string()),
                code,
                description: clean_description(description),
                trace_id: id_after(description, "Trace ID:"),
                correlation_id: id_after(description, "Correlation ID:"),
                detail: None,
            }),
        }
    }

    /// From the token endpoint's error body; `None` when it is not one.
    pub fn from_token_body(body: &Value) -> Option<Self> {
        let error = body.get("error")?.as_str()?;
        let description = body.get("error_description").and_then(Value::as_str);
        let mut parsed = SignInError::from_entra(error, description);
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_string);
        parsed.details.trace_id = text("trace_id").or(parsed.details.trace_id);
        parsed.details.correlation_id = text("correlation_id").or(parsed.details.correlation_id);
        if parsed.details.code.is_none() {
            parsed.details.code = body
                .get("error_codes")
                .and_then(|c| c.get(0))
                .and_then(Value::as_u64)
                .map(|n| format!("AADSTS{n}"));
            parsed.problem = classify(error, parsed.details.code.as_deref());
        }
        Some(parsed)
    }

    /// What happened and what to do, in words.
    pub fn message(&self) -> String {
        let detail = self.details.detail.as_deref().unwrap_or_default();
        match self.problem {
            SignInProblem::Cancelled => "You cancelled the sign-in, so you are not signed in. Choose Sign in with Microsoft to try again.".to_string(),
            SignInProblem::Consent => format!(
                "The app registration has not been granted the permissions the viewer asks for. An administrator must grant consent (Entra admin center → App registrations → this app → API permissions → Grant admin consent) for: {}.",
                self.missing_permissions().join(", ")
            ),
            SignInProblem::CodeRefused => format!("Microsoft refused the sign-in code: {}. Nothing was signed in; sign in again.", self.code_reason()),
            SignInProblem::Forgery => format!("The sign-in answer does not match the sign-in this tab started ({detail}). It may be forged, so nothing was redeemed. Sign in again."),
            SignInProblem::NotSpa => "The app registration's redirect URI is not of type \"Single-page application\". In the Entra admin center open App registrations → this app → Authentication, and add this site's URL under \"Single-page application\" (not \"Web\").".to_string(),
            SignInProblem::Unreachable => format!("The browser could not reach the sign-in service at {detail}. Check the network; if this site's Content-Security-Policy does not allow it in connect-src, ask whoever hosts the viewer to add it (cargo xtask build --connect-src {detail})."),
            SignInProblem::Ended => SIGN_IN_ENDED.to_string(),
            SignInProblem::InteractionRequired => "Microsoft needs you to sign in again: choose Sign in with Microsoft.".to_string(),
            SignInProblem::Other => match (&self.details.description, self.details.detail.as_deref()) {
                (Some(d), _) => format!("Microsoft sign-in failed: {d}"),
                (None, Some(d)) => format!("Microsoft sign-in failed: {d}"),
                (None, None) => "Microsoft sign-in failed.".to_string(),
            },
        }
    }

    /// A silent sign-in found no session: show the sign-in screen, no error.
    pub fn needs_interaction(&self) -> bool {
        self.problem == SignInProblem::InteractionRequired
    }

    /// Microsoft's code and ids, for support (empty when it sent none).
    pub fn support_details(&self) -> String {
        let mut parts = Vec::new();
        match (&self.details.code, &self.details.error) {
            (Some(code), Some(error)) => parts.push(format!("{code} ({error})")),
            (Some(code), None) => parts.push(code.clone()),
            (None, Some(error)) => parts.push(error.clone()),
            (None, None) => {}
        }
        if let Some(t) = &self.details.trace_id {
            parts.push(format!("Trace ID: {t}"));
        }
        if let Some(c) = &self.details.correlation_id {
            parts.push(format!("Correlation ID: {c}"));
        }
        parts.join(" · ")
    }

    /// The viewer's permissions Microsoft names as missing; all of them when
    /// it names none.
    fn missing_permissions(&self) -> Vec<&'static str> {
        let text = self.details.description.as_deref().unwrap_or_default();
        let named: Vec<&'static str> = GRAPH_PERMISSIONS
            .into_iter()
            .filter(|p| text.contains(p))
            .collect();
        if named.is_empty() {
            GRAPH_PERMISSIONS.to_vec()
        } else {
            named
        }
    }

    fn code_reason(&self) -> &'static str {
        match self.details.code.as_deref() {
            Some("AADSTS54005") => "it was already used (a code works once)",
            Some("AADSTS70008") => "it has expired (a code lives about 10 minutes)",
            Some("AADSTS501481") | Some("AADSTS50148") => {
                "the PKCE verifier does not match the sign-in that asked for it"
            }
            Some("AADSTS500112") => "the redirect URI differs from the one the sign-in used",
            _ => "it was already used, has expired or does not belong to this sign-in",
        }
    }
}

fn classify(error: &str, code: Option<&str>) -> SignInProblem {
    match (error, code) {
        (_, Some("AADSTS9002326" | "AADSTS9002327")) => SignInProblem::NotSpa,
        (_, Some("AADSTS700084")) => SignInProblem::Ended,
        (_, Some("AADSTS65001")) | ("consent_required", _) => SignInProblem::Consent,
        ("access_denied", _) => SignInProblem::Cancelled,
        ("interaction_required" | "login_required", _) => SignInProblem::InteractionRequired,
        ("invalid_grant", _) => SignInProblem::CodeRefused,
        _ => SignInProblem::Other,
    }
}

/// `AADSTS` followed by its digits, from the start of a description.
fn aadsts_code(description: &str) -> Option<String> {
    let start = description.find("AADSTS")?;
    let digits: String = description[start + 6..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| format!("AADSTS{digits}"))
}

/// The description without its code prefix and its trailing ids.
fn clean_description(description: &str) -> Option<String> {
    let text = description.split("Trace ID:").next().unwrap_or_default();
    let text = match text.split_once(": ") {
        Some((code, rest)) if code.starts_with("AADSTS") => rest,
        _ => text,
    };
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// The word after `label` (a GUID in Entra's descriptions).
fn id_after(description: &str, label: &str) -> Option<String> {
    let rest = description.split(label).nth(1)?;
    let id = rest.split_whitespace().next()?;
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REUSED: &str = "AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token. Trace ID: 11111111-aaaa-4bbb-8ccc-000000000001 Correlation ID: 22222222-aaaa-4bbb-8ccc-000000000002 Timestamp: 2026-11-30 23:00:00Z";

    #[test]
    fn a_reused_code_names_the_reason_code_and_ids() {
        let e = SignInError::from_entra("invalid_grant", Some(REUSED));
        assert_eq!(e.problem, SignInProblem::CodeRefused);
        assert!(e.message().contains("already used"), "{}", e.message());
        let details = e.support_details();
        assert!(
            details.starts_with("AADSTS54005 (invalid_grant)"),
            "{details}"
        );
        assert!(details.contains("Trace ID: 11111111-aaaa-4bbb-8ccc-000000000001"));
        assert!(details.contains("Correlation ID: 22222222-aaaa-4bbb-8ccc-000000000002"));
        assert_eq!(
            e.details.description.as_deref(),
            Some("OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.")
        );
    }

    #[test]
    fn entra_errors_map_to_their_problems() {
        let cases = [
            (
                "access_denied",
                "AADSTS65004: User declined to consent.",
                SignInProblem::Cancelled,
            ),
            (
                "consent_required",
                "AADSTS65001: The user or administrator has not consented.",
                SignInProblem::Consent,
            ),
            (
                "invalid_grant",
                "AADSTS65001: no consent",
                SignInProblem::Consent,
            ),
            (
                "invalid_request",
                "AADSTS9002326: Cross-origin token redemption is permitted only for SPA.",
                SignInProblem::NotSpa,
            ),
            (
                "invalid_request",
                "AADSTS9002327: Tokens issued for SPA.",
                SignInProblem::NotSpa,
            ),
            (
                "invalid_grant",
                "AADSTS700084: The refresh token was issued to a single page app.",
                SignInProblem::Ended,
            ),
            (
                "invalid_grant",
                "AADSTS501481: The Code_Verifier does not match.",
                SignInProblem::CodeRefused,
            ),
            (
                "temporarily_unavailable",
                "AADSTS50001: x",
                SignInProblem::Other,
            ),
        ];
        for (error, description, problem) in cases {
            assert_eq!(
                SignInError::from_entra(error, Some(description)).problem,
                problem,
                "{description}"
            );
        }
    }

    #[test]
    fn consent_names_the_missing_permissions() {
        let e = SignInError::from_entra("consent_required", Some("AADSTS65001: no"));
        for p in GRAPH_PERMISSIONS {
            assert!(e.message().contains(p));
        }
    }

    #[test]
    fn consent_names_only_the_permissions_microsoft_names() {
        let e = SignInError::from_entra(
            "consent_required",
            Some("AADSTS65001: not consented. Permissions without consent: User.ReadBasic.All. Trace ID: t"),
        );
        assert!(
            e.message().contains("for: User.ReadBasic.All."),
            "{}",
            e.message()
        );
    }

    #[test]
    fn token_bodies_give_ids_from_their_fields() {
        let body = serde_json::json!({
            "error": "invalid_grant",
            "error_description": "AADSTS70008: expired.",
            "error_codes": [70008],
            "trace_id": "t-1",
            "correlation_id": "c-1"
        });
        let e = SignInError::from_token_body(&body).unwrap();
        assert!(e.message().contains("expired"));
        assert_eq!(
            e.support_details(),
            "AADSTS70008 (invalid_grant) · Trace ID: t-1 · Correlation ID: c-1"
        );
        let codes_only = serde_json::json!({"error": "invalid_request", "error_codes": [9002327]});
        assert_eq!(
            SignInError::from_token_body(&codes_only).unwrap().problem,
            SignInProblem::NotSpa
        );
        assert!(SignInError::from_token_body(&serde_json::json!({"value": []})).is_none());
    }

    #[test]
    fn local_errors_say_what_the_viewer_saw() {
        let e = SignInError::local(SignInProblem::Forgery, "state mismatch");
        assert!(e.message().contains("state mismatch"));
        assert!(e.message().contains("nothing was redeemed"));
        assert_eq!(e.support_details(), "");
        let e = SignInError::local(SignInProblem::Unreachable, "https://login.example");
        assert!(e.message().contains("connect-src https://login.example"));
        assert_eq!(
            SignInError::local(SignInProblem::Ended, "").message(),
            "Your sign-in has ended; sign in again."
        );
    }

    #[test]
    fn a_silent_sign_in_without_a_session_needs_the_admin_not_an_error() {
        for error in ["interaction_required", "login_required"] {
            let e = SignInError::from_entra(
                error,
                Some("AADSTS50058: A silent sign-in request was sent but no user is signed in."),
            );
            assert!(e.needs_interaction(), "{error}");
        }
        assert!(!SignInError::from_entra("consent_required", None).needs_interaction());
        assert!(!SignInError::from_entra("access_denied", None).needs_interaction());
    }
}
