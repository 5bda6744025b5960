//! Token lifetimes, settable so tests see renewal and the 24-hour end in
//! seconds: `POST /_emulator/tokens {"accessTokenSeconds": n,
//! "refreshTokenSeconds": n, "codeSeconds": n}` (any subset), `DELETE`
//! restores Entra's (1 hour, 24 hours for a single-page app, 10 minutes),
//! `GET` shows them with how many codes and refresh tokens were redeemed.

use serde::Deserialize;
use serde_json::{json, Value};

/// How long each kind of grant lives, in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lifetimes {
    pub access: i64,
    /// The absolute end of an SPA's refresh tokens, counted from sign-in.
    pub refresh: i64,
    pub code: i64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Lifetimes {
            access: 3600,
            refresh: 24 * 3600,
            code: 600,
        }
    }
}

/// The body of `POST /_emulator/tokens`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Change {
    access_token_seconds: Option<i64>,
    refresh_token_seconds: Option<i64>,
    code_seconds: Option<i64>,
}

impl Lifetimes {
    /// These lifetimes with the posted changes; every value from 0 to 30 days.
    pub fn changed(self, body: &[u8]) -> Result<Lifetimes, String> {
        let change: Change = serde_json::from_slice(body).map_err(|e| {
            format!(
                "Send {{\"accessTokenSeconds\", \"refreshTokenSeconds\", \"codeSeconds\"}}: {e}"
            )
        })?;
        let check = |v: Option<i64>, old: i64| match v {
            None => Ok(old),
            Some(n) if (0..=30 * 24 * 3600).contains(&n) => Ok(n),
            Some(n) => Err(format!("{n} is not a lifetime from 0 to 2592000 seconds.")),
        };
        Ok(Lifetimes {
            access: check(change.access_token_seconds, self.access)?,
            refresh: check(change.refresh_token_seconds, self.refresh)?,
            code: check(change.code_seconds, self.code)?,
        })
    }

    /// The JSON the emulator endpoint answers.
    pub fn json(&self, redeemed: u64, refreshed: u64) -> Value {
        json!({
            "accessTokenSeconds": self.access,
            "refreshTokenSeconds": self.refresh,
            "codeSeconds": self.code,
            "codesRedeemed": redeemed,
            "refreshTokensRedeemed": refreshed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_only_what_is_sent_and_refuses_bad_values() {
        let l = Lifetimes::default()
            .changed(br#"{"accessTokenSeconds": 20}"#)
            .unwrap();
        assert_eq!((l.access, l.refresh, l.code), (20, 86400, 600));
        assert!(Lifetimes::default()
            .changed(br#"{"accessTokenSeconds": -1}"#)
            .is_err());
        assert!(Lifetimes::default().changed(br#"{"bogus": 1}"#).is_err());
        assert!(Lifetimes::default().changed(b"nope").is_err());
    }
}
