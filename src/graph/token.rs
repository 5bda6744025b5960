//! The bearer token a client sends, shared by every clone of the client so a
//! renewed token reaches the loads already in flight, and the hook a client
//! calls once after a 401 to get a fresh token from whoever can give one (the
//! host portal, a refresh token). The graph layer knows nothing of where the
//! token comes from: the app installs the hook.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use super::secret::Secret;

/// Why a fresh token is asked for (the wire names of the embedding contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewReason {
    /// The token ends soon (asked ahead of time).
    Expiring,
    /// Graph answered 401 (the token ended or was revoked).
    Expired,
}

impl RenewReason {
    /// `"expiring"` or `"expired"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RenewReason::Expiring => "expiring",
            RenewReason::Expired => "expired",
        }
    }
}

/// A fresh token, or `None` when none could be had.
pub type RenewFuture = Pin<Box<dyn Future<Output = Option<Secret>>>>;

/// Gets a fresh token without the admin (no form, no reload).
pub trait Renewer: Send + Sync {
    /// Asks for a fresh token; `None` when it cannot be had.
    fn renew(&self, reason: RenewReason) -> RenewFuture;
}

/// The renewer a client calls after a 401 (shared by its clones).
#[derive(Clone)]
pub struct RenewHook(Arc<dyn Renewer>);

impl RenewHook {
    /// Wraps a renewer.
    pub fn new(renewer: impl Renewer + 'static) -> Self {
        RenewHook(Arc::new(renewer))
    }

    /// Asks the renewer for a fresh token.
    pub fn renew(&self, reason: RenewReason) -> RenewFuture {
        self.0.renew(reason)
    }
}

impl fmt::Debug for RenewHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RenewHook")
    }
}

/// The token every clone of a client sends; replacing it reaches them all.
#[derive(Clone, Debug)]
pub struct TokenSlot(Arc<Mutex<Secret>>);

impl TokenSlot {
    /// A slot holding `token`.
    pub fn new(token: Secret) -> Self {
        TokenSlot(Arc::new(Mutex::new(token)))
    }

    /// The token to send now.
    pub fn get(&self) -> Secret {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the token for every clone.
    pub fn set(&self, token: Secret) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = token;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_token_reaches_every_clone() {
        let slot = TokenSlot::new(Secret::new("old"));
        let clone = slot.clone();
        slot.set(Secret::new("new"));
        assert_eq!(clone.get().expose(), "new");
    }

    #[test]
    fn reasons_have_the_contract_names() {
        assert_eq!(RenewReason::Expiring.as_str(), "expiring");
        assert_eq!(RenewReason::Expired.as_str(), "expired");
    }
}
