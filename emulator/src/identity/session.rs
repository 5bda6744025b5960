//! The sign-in service's own session, as Entra keeps it in a cookie
//! (`ESTSAUTH`): which demo accounts have signed in in this browser. With
//! it the authorize request honours `prompt` and `login_hint` as Entra
//! does: `prompt=none` answers at once with a code for the hinted (or only)
//! account signed in, else `login_required` (no session) or
//! `interaction_required` (another or several accounts);
//! `prompt=select_account` always shows the account picker; no prompt with
//! a `login_hint` of an account signed in signs it in without a page.
//! The store (`store.rs`) keeps the sessions; this module reads the cookie
//! and decides.

use axum::http::{HeaderMap, HeaderValue};

use super::errors::EntraError;

/// The cookie's name (Entra's).
pub const COOKIE: &str = "ESTSAUTH";

/// The session id the browser sent, if any.
pub fn cookie_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` value that keeps session `id` (a browser session cookie).
pub fn set_cookie(id: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax")).ok()
}

/// What the authorize request gets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The sign-in page; `hint` is the account `login_hint` names.
    Page { hint: Option<usize> },
    /// A code for this account at once (no page).
    Code(usize),
    /// An error back at the redirect URI.
    Error(EntraError),
}

/// Decides from `prompt`, `login_hint`, the accounts signed in (account
/// indexes, latest last) and every account's UPN (by account index).
pub fn decide(
    prompt: Option<&str>,
    login_hint: Option<&str>,
    signed_in: &[usize],
    upns: &[String],
) -> Decision {
    let hint = login_hint.map(str::trim).filter(|h| !h.is_empty());
    let named =
        |a: &usize| hint.is_some_and(|h| upns.get(*a).is_some_and(|u| u.eq_ignore_ascii_case(h)));
    let hint_account = (0..upns.len()).find(named);
    let signed_hinted = signed_in.iter().copied().find(named);
    match prompt.map(str::trim) {
        Some("none") => match (hint, signed_hinted, signed_in) {
            (_, Some(account), _) => Decision::Code(account),
            (_, None, []) => Decision::Error(EntraError::new(
                "login_required",
                50058,
                "A silent sign-in request was sent but no user is signed in.",
            )),
            (None, None, [only]) => Decision::Code(*only),
            (Some(_), None, _) | (None, None, _) => Decision::Error(EntraError::new(
                "interaction_required",
                16000,
                "Either multiple user identities are available for the current request or selected account is not signed in. Use prompt=select_account.",
            )),
        },
        Some("select_account") | Some("login") | Some("consent") => Decision::Page { hint: hint_account },
        _ => match signed_hinted {
            Some(account) => Decision::Code(account),
            None => Decision::Page { hint: hint_account },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upns() -> Vec<String> {
        ["adele@contoso.com", "alex@contoso.com", "megan@contoso.com"]
            .map(String::from)
            .to_vec()
    }

    fn error(d: Decision) -> &'static str {
        match d {
            Decision::Error(e) => e.error,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn prompt_none_signs_in_the_hinted_account_of_the_session_or_says_why_not() {
        assert_eq!(
            decide(Some("none"), Some("ALEX@contoso.com"), &[0, 1], &upns()),
            Decision::Code(1)
        );
        assert_eq!(decide(Some("none"), None, &[2], &upns()), Decision::Code(2));
        assert_eq!(
            error(decide(Some("none"), Some("alex@contoso.com"), &[], &upns())),
            "login_required"
        );
        assert_eq!(
            error(decide(Some("none"), None, &[], &upns())),
            "login_required"
        );
        assert_eq!(
            error(decide(
                Some("none"),
                Some("alex@contoso.com"),
                &[0],
                &upns()
            )),
            "interaction_required"
        );
        assert_eq!(
            error(decide(Some("none"), None, &[0, 1], &upns())),
            "interaction_required"
        );
    }

    #[test]
    fn select_account_always_shows_the_picker_and_no_prompt_uses_the_hint() {
        assert_eq!(
            decide(Some("select_account"), None, &[0], &upns()),
            Decision::Page { hint: None }
        );
        assert_eq!(
            decide(
                Some("select_account"),
                Some("megan@contoso.com"),
                &[0],
                &upns()
            ),
            Decision::Page { hint: Some(2) }
        );
        assert_eq!(
            decide(None, None, &[0], &upns()),
            Decision::Page { hint: None }
        );
        assert_eq!(
            decide(None, Some("adele@contoso.com"), &[0], &upns()),
            Decision::Code(0)
        );
        assert_eq!(
            decide(None, Some("adele@contoso.com"), &[], &upns()),
            Decision::Page { hint: Some(0) }
        );
    }

    #[test]
    fn the_cookie_is_read_among_others_and_written_http_only() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "cookie",
            HeaderValue::from_static("a=1; ESTSAUTH=s-42 ; b=2"),
        );
        assert_eq!(cookie_id(&headers).as_deref(), Some("s-42"));
        assert_eq!(cookie_id(&HeaderMap::new()), None);
        let set = set_cookie("s-42").expect("header");
        let text = set.to_str().expect("text");
        assert!(
            text.starts_with("ESTSAUTH=s-42;")
                && text.contains("HttpOnly")
                && text.contains("SameSite=Lax")
        );
    }
}
