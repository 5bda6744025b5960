//! A bearer token that never shows up in logs, `Debug` output or errors.

use std::sync::Arc;

/// The access token. `Debug` prints `Secret(***)`; read it only with
/// [`expose`](Secret::expose) where the `Authorization` header is built.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    /// Wraps a token, trimming whitespace and a leading `Bearer `.
    pub fn new(token: &str) -> Self {
        let t = token.trim();
        let t = t
            .get(..7)
            .filter(|p| p.eq_ignore_ascii_case("bearer "))
            .map_or(t, |_| t.get(7..).unwrap_or_default().trim());
        Secret(Arc::from(t))
    }

    /// The token text.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the token is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}
