//! Reading the page's CSP back: which Graph endpoints `connect-src` allows,
//! and the sign-in warning for one it blocks.

use lifecycle_viewer::app::site::csp::{allows, blocked_endpoint_warning, connect_sources};

const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' https://graph.microsoft.com https://*.contoso.com http://127.0.0.1:* https://proxy.example:8443";
const PAGE: &str = "https://viewer.contoso.com";

fn allowed(url: &str) -> bool {
    allows(&connect_sources(POLICY).expect("connect-src"), url, PAGE)
}

#[test]
fn host_sources_match_scheme_host_and_port() {
    assert!(allowed(
        "https://graph.microsoft.com/v1.0/identityGovernance"
    ));
    assert!(allowed("https://graph.microsoft.com:443"));
    assert!(!allowed("https://graph.microsoft.us"));
    assert!(
        !allowed("http://graph.microsoft.com"),
        "https source does not allow http"
    );
    assert!(!allowed("https://graph.microsoft.com:8443"));
    assert!(allowed("https://eu.proxy.contoso.com/graph"));
    assert!(!allowed("https://contoso.com"), "*. needs a subdomain");
    assert!(allowed("http://127.0.0.1:8081"));
    assert!(allowed("http://127.0.0.1:39123/v1.0"));
    assert!(!allowed("http://localhost:8081"));
    assert!(allowed("https://proxy.example:8443/"));
    assert!(!allowed("https://proxy.example"));
    assert!(allowed("https://viewer.contoso.com/config.json"), "'self'");
    assert!(!allowed("not a url"));
}

#[test]
fn default_src_applies_without_connect_src_and_keywords() {
    let only_default = connect_sources("default-src 'self' https:").expect("default-src");
    assert!(allows(&only_default, "https://anything.example", PAGE));
    assert!(!allows(&only_default, "http://anything.example", PAGE));
    assert!(connect_sources("script-src 'self'").is_none());
    let star = connect_sources("connect-src *").expect("star");
    assert!(allows(&star, "http://x.example", PAGE));
    assert!(!allows(
        &["'none'".to_string()],
        "https://graph.microsoft.com",
        PAGE
    ));
}

#[test]
fn the_sign_in_warning_names_the_blocked_origin_only() {
    let warning =
        blocked_endpoint_warning(Some(POLICY), "https://graph-proxy.fabrikam.com/v1.0", PAGE)
            .expect("blocked");
    assert!(warning.contains("https://graph-proxy.fabrikam.com"));
    assert!(warning.contains("--connect-src https://graph-proxy.fabrikam.com"));
    assert!(!warning.contains("/v1.0"));
    assert_eq!(
        blocked_endpoint_warning(Some(POLICY), "http://127.0.0.1:8081", PAGE),
        None
    );
    assert_eq!(
        blocked_endpoint_warning(None, "https://x.example", PAGE),
        None,
        "no policy, no warning"
    );
    assert_eq!(
        blocked_endpoint_warning(Some(POLICY), "", PAGE),
        None,
        "nothing typed yet"
    );
}
