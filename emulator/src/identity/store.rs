//! The identity provider's memory: authorization codes (single use, short
//! life) and refresh tokens (rotated on every use, the old one revoked,
//! ending a fixed time after sign-in), the sign-in sessions (the accounts
//! signed in behind each session cookie), the lifetimes in force and counters.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::accounts::Account;
use super::lifetimes::Lifetimes;
use crate::rng::Rng;
use crate::ticks;

/// What an authorization code was issued for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeGrant {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub method: String,
    pub scope: String,
    pub nonce: Option<String>,
    pub account: Account,
    /// Seconds since the epoch.
    pub issued: i64,
}

/// What a refresh token stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefreshGrant {
    pub client_id: String,
    pub scope: String,
    pub account: Account,
    /// When the admin signed in (the 24-hour end counts from here).
    pub signed_in: i64,
}

/// Why a code or refresh token is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    Unknown,
    /// A code already redeemed, or a refresh token already rotated.
    Used,
    Expired,
}

struct Code {
    grant: CodeGrant,
    used: bool,
}

struct Refresh {
    grant: RefreshGrant,
    revoked: bool,
}

struct Inner {
    rng: Rng,
    codes: HashMap<String, Code>,
    refresh: HashMap<String, Refresh>,
    /// Session cookie id → account indexes signed in, latest last.
    sessions: HashMap<String, Vec<usize>>,
    lifetimes: Lifetimes,
    redeemed: u64,
    refreshed: u64,
}

/// The shared store.
pub struct Store(Mutex<Inner>);

/// Seconds since the epoch.
pub fn now_secs() -> i64 {
    ticks::now() / ticks::SECOND
}

impl Store {
    pub fn new(seed: u64) -> Store {
        let salt = ticks::now() as u64;
        Store(Mutex::new(Inner {
            rng: Rng::new(seed ^ salt ^ 0x1D),
            codes: HashMap::new(),
            refresh: HashMap::new(),
            sessions: HashMap::new(),
            lifetimes: Lifetimes::default(),
            redeemed: 0,
            refreshed: 0,
        }))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn lifetimes(&self) -> Lifetimes {
        self.lock().lifetimes
    }

    pub fn set_lifetimes(&self, lifetimes: Lifetimes) {
        self.lock().lifetimes = lifetimes;
    }

    /// `GET /_emulator/tokens`.
    pub fn report(&self) -> serde_json::Value {
        let inner = self.lock();
        inner.lifetimes.json(inner.redeemed, inner.refreshed)
    }

    /// The accounts signed in behind session `id` (none for an unknown id).
    pub fn session_accounts(&self, id: Option<&str>) -> Vec<usize> {
        let inner = self.lock();
        id.and_then(|id| inner.sessions.get(id))
            .cloned()
            .unwrap_or_default()
    }

    /// Records that `account` signed in in session `id` (a new session when
    /// `id` is unknown); the session's id.
    pub fn sign_in_session(&self, id: Option<&str>, account: usize) -> String {
        let mut inner = self.lock();
        let id = match id.filter(|id| inner.sessions.contains_key(*id)) {
            Some(id) => id.to_string(),
            None => secret(&mut inner.rng, "ests"),
        };
        let accounts = inner.sessions.entry(id.clone()).or_default();
        accounts.retain(|&a| a != account);
        accounts.push(account);
        id
    }

    /// Issues a single-use code.
    pub fn issue_code(&self, grant: CodeGrant) -> String {
        let mut inner = self.lock();
        let code = secret(&mut inner.rng, "1.AXcode");
        inner
            .codes
            .insert(code.clone(), Code { grant, used: false });
        code
    }

    /// Redeems a code once: a second time it is `Used`, after its life `Expired`.
    pub fn redeem_code(&self, code: &str) -> Result<CodeGrant, Refused> {
        let mut inner = self.lock();
        let life = inner.lifetimes.code;
        let entry = inner.codes.get_mut(code).ok_or(Refused::Unknown)?;
        if entry.used {
            return Err(Refused::Used);
        }
        entry.used = true;
        if now_secs() >= entry.grant.issued + life {
            return Err(Refused::Expired);
        }
        Ok(entry.grant.clone())
    }

    /// Counts a grant that ended in tokens (a code, or a refresh token).
    pub fn count_issued(&self, from_code: bool) {
        let mut inner = self.lock();
        if from_code {
            inner.redeemed += 1;
        } else {
            inner.refreshed += 1;
        }
    }

    /// Issues a refresh token, with the seconds left before its absolute end.
    pub fn issue_refresh(&self, grant: RefreshGrant) -> (String, i64) {
        let mut inner = self.lock();
        let left = grant.signed_in + inner.lifetimes.refresh - now_secs();
        let token = secret(&mut inner.rng, "1.AXrt");
        inner.refresh.insert(
            token.clone(),
            Refresh {
                grant,
                revoked: false,
            },
        );
        (token, left.max(0))
    }

    /// Rotates a refresh token: the old one is revoked either way once used.
    pub fn redeem_refresh(&self, token: &str) -> Result<RefreshGrant, Refused> {
        let mut inner = self.lock();
        let life = inner.lifetimes.refresh;
        let entry = inner.refresh.get_mut(token).ok_or(Refused::Unknown)?;
        if entry.revoked {
            return Err(Refused::Used);
        }
        entry.revoked = true;
        if now_secs() >= entry.grant.signed_in + life {
            return Err(Refused::Expired);
        }
        Ok(entry.grant.clone())
    }
}

/// An opaque, unguessable-enough secret for a demo identity provider.
fn secret(rng: &mut Rng, prefix: &str) -> String {
    let mut bytes = Vec::with_capacity(48);
    for _ in 0..6 {
        bytes.extend_from_slice(&rng.next_u64().to_le_bytes());
    }
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::super::accounts::ACCOUNTS;
    use super::*;

    fn code_grant() -> CodeGrant {
        CodeGrant {
            client_id: "c".into(),
            redirect_uri: "http://127.0.0.1/".into(),
            challenge: "x".into(),
            method: "S256".into(),
            scope: "openid".into(),
            nonce: None,
            account: ACCOUNTS[0],
            issued: now_secs(),
        }
    }

    #[test]
    fn a_code_redeems_once() {
        let store = Store::new(1);
        let code = store.issue_code(code_grant());
        assert!(store.redeem_code(&code).is_ok());
        assert_eq!(store.redeem_code(&code), Err(Refused::Used));
        assert_eq!(store.redeem_code("nope"), Err(Refused::Unknown));
    }

    #[test]
    fn a_code_past_its_life_is_expired() {
        let store = Store::new(1);
        store.set_lifetimes(Lifetimes {
            code: 0,
            ..Lifetimes::default()
        });
        let code = store.issue_code(code_grant());
        assert_eq!(store.redeem_code(&code), Err(Refused::Expired));
    }

    #[test]
    fn refresh_tokens_rotate_and_end_after_sign_in() {
        let store = Store::new(1);
        let grant = RefreshGrant {
            client_id: "c".into(),
            scope: "openid".into(),
            account: ACCOUNTS[0],
            signed_in: now_secs(),
        };
        let (first, left) = store.issue_refresh(grant.clone());
        assert!(left > 86000);
        assert!(store.redeem_refresh(&first).is_ok());
        assert_eq!(store.redeem_refresh(&first), Err(Refused::Used));
        let old = RefreshGrant {
            signed_in: now_secs() - 24 * 3600,
            ..grant
        };
        let (ended, left) = store.issue_refresh(old);
        assert_eq!(left, 0);
        assert_eq!(store.redeem_refresh(&ended), Err(Refused::Expired));
    }
}
