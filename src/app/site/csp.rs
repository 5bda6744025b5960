//! The page's own Content-Security-Policy, read back so the sign-in screen
//! can say up front when a custom Graph endpoint is not in `connect-src`
//! (the browser would block every call with an unhelpful network error).
//! Matching follows CSP source expressions: `'self'`, `*`, scheme-only
//! (`https:`) and host sources with `*.` host and `:*` port wildcards.

use crate::graph::url::Origin;

/// The sources that govern `fetch` (`connect-src`, else `default-src`);
/// `None` when the policy restricts neither.
pub fn connect_sources(policy: &str) -> Option<Vec<String>> {
    let directive = |name: &str| {
        policy.split(';').find_map(|d| {
            let mut words = d.split_whitespace();
            (words.next()?.eq_ignore_ascii_case(name)).then(|| words.map(String::from).collect())
        })
    };
    directive("connect-src").or_else(|| directive("default-src"))
}

/// Whether `sources` let the page at `page_origin` call `url`.
pub fn allows(sources: &[String], url: &str, page_origin: &str) -> bool {
    let Some(target) = Origin::parse(url) else {
        return false;
    };
    let page = Origin::parse(page_origin);
    sources
        .iter()
        .any(|source| source_matches(source, &target, page.as_ref()))
}

/// A warning for the sign-in screen when the page's policy blocks `url`.
pub fn blocked_endpoint_warning(
    policy: Option<&str>,
    url: &str,
    page_origin: &str,
) -> Option<String> {
    let sources = connect_sources(policy?)?;
    let origin = Origin::parse(url)?;
    if allows(&sources, url, page_origin) {
        return None;
    }
    let shown = origin.text();
    Some(format!(
        "This site's Content-Security-Policy does not allow calls to {shown}, so the browser will block them. Ask whoever hosts the viewer to add it (cargo xtask build --connect-src {shown})."
    ))
}

fn source_matches(source: &str, target: &Origin, page: Option<&Origin>) -> bool {
    let source = source.trim();
    if source.eq_ignore_ascii_case("'self'") {
        return page.is_some_and(|p| same_origin(p, target));
    }
    if source == "*" {
        return matches!(target.scheme.as_str(), "http" | "https" | "ws" | "wss");
    }
    if source.starts_with('\'') {
        return false;
    }
    if let Some(scheme) = source.strip_suffix(':') {
        return scheme.eq_ignore_ascii_case(&target.scheme);
    }
    host_source_matches(source, target, page)
}

fn same_origin(a: &Origin, b: &Origin) -> bool {
    a.same_as(b)
}

fn host_source_matches(source: &str, target: &Origin, page: Option<&Origin>) -> bool {
    let (scheme, rest) = match source.split_once("://") {
        Some((s, r)) => (Some(s.to_ascii_lowercase()), r),
        None => (None, source),
    };
    let authority = rest.split('/').next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
        None => (authority.to_ascii_lowercase(), None),
    };
    let scheme_ok = match scheme {
        Some(s) => s == target.scheme || (s == "http" && target.scheme == "https"),
        None => page.map_or(target.scheme == "https", |p| {
            p.scheme == target.scheme || (p.scheme == "http" && target.scheme == "https")
        }),
    };
    let host_ok = match host.strip_prefix("*.") {
        Some(suffix) => target.host.ends_with(&format!(".{suffix}")),
        None => host == target.host,
    };
    let port_ok = match port {
        Some("*") => true,
        Some(p) => target.effective_port() == Some(p),
        None => {
            let default = match target.scheme.as_str() {
                "https" => "443",
                "http" => "80",
                _ => "",
            };
            target.effective_port() == Some(default)
        }
    };
    scheme_ok && host_ok && port_ok
}

/// The policy of the page's `<meta http-equiv="Content-Security-Policy">`.
#[cfg(target_arch = "wasm32")]
pub fn page_policy() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .ok()??;
    meta.get_attribute("content")
}

/// No page outside the browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn page_policy() -> Option<String> {
    None
}

/// The page's origin, e.g. `https://admin.contoso.com`.
#[cfg(target_arch = "wasm32")]
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// No page outside the browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn page_origin() -> String {
    String::new()
}
