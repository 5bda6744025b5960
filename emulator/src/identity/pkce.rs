//! PKCE as Entra checks it (RFC 7636): the verifier's and challenge's form
//! and the S256 transform.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// `BASE64URL(SHA256(ASCII(verifier)))`.
pub fn s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// A verifier (or plain challenge) of 43 to 128 unreserved characters.
pub fn well_formed(value: &str) -> bool {
    (43..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// Whether `verifier` answers `challenge` with `method` (`S256` or `plain`).
pub fn verifies(verifier: &str, challenge: &str, method: &str) -> bool {
    if !well_formed(verifier) {
        return false;
    }
    match method {
        "S256" => s256(verifier) == challenge,
        "plain" => verifier == challenge,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636, appendix B.
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn s256_matches_rfc_7636_appendix_b() {
        assert_eq!(s256(VERIFIER), CHALLENGE);
        assert!(verifies(VERIFIER, CHALLENGE, "S256"));
    }

    #[test]
    fn a_wrong_or_malformed_verifier_fails() {
        let other = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK";
        assert!(!verifies(other, CHALLENGE, "S256"));
        assert!(!verifies("short", &s256("short"), "S256"));
        assert!(!verifies(
            &"a b".repeat(20),
            &s256(&"a b".repeat(20)),
            "S256"
        ));
        assert!(!verifies(VERIFIER, CHALLENGE, "S512"));
        assert!(verifies(VERIFIER, VERIFIER, "plain"));
    }
}
