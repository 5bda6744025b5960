//! The router base path, derived from the document's `<base href>` so the
//! site works when hosted under a sub-path (`trunk build --public-url /sub/`).

/// The path prefix of the site, without a trailing slash; `None` at the root.
pub(crate) fn router_base() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let document = leptos::prelude::document();
        // Without a <base> element, baseURI is the page itself: no prefix.
        document.query_selector("base[href]").ok().flatten()?;
        let base_uri = document.base_uri().ok().flatten()?;
        let origin = leptos::prelude::window().location().origin().ok()?;
        base_path_from(&base_uri, &origin)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

static BASE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();

/// Records the router base once at start, for [`app_href`].
pub(crate) fn remember_base(base: Option<String>) {
    let _ = BASE.set(base);
}

/// The `href` of an in-app path: the router base plus the path. `<A>` and
/// plain `<a>` need it (the router prefixes only `navigate` targets).
pub(crate) fn app_href(path: &str) -> String {
    match BASE.get().and_then(Option::as_deref) {
        Some(base) => format!("{base}{path}"),
        None => path.to_string(),
    }
}

/// Turns a base URI (`https://host/sub/path/`) into a router base (`/sub/path`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
///
/// Returns `None` for the site root or a base URI from another origin.
pub(crate) fn base_path_from(base_uri: &str, origin: &str) -> Option<String> {
    let path = base_uri.strip_prefix(origin)?;
    let path = path.split(['?', '#']).next().unwrap_or_default();
    // A base href names a folder: drop a trailing document name (`index.html`).
    let folder = match path.rfind('/') {
        Some(i) => &path[..i],
        None => "",
    };
    let trimmed = folder.trim_end_matches('/');
    if trimmed.is_empty() {
        None
    } else {
        Some(trimmed.to_string())
    }
}

/// Strips the router base from a browser path, giving the in-app path.
pub(crate) fn strip_base<'a>(path: &'a str, base: Option<&str>) -> &'a str {
    match base {
        Some(b) => match path.strip_prefix(b) {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => path,
        },
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_base_is_none() {
        assert_eq!(base_path_from("http://h:1/", "http://h:1"), None);
    }

    #[test]
    fn sub_path_base_is_kept_without_slash() {
        assert_eq!(
            base_path_from("http://h/sub/path/", "http://h"),
            Some("/sub/path".into())
        );
        assert_eq!(
            base_path_from("http://h/sub/index.html", "http://h"),
            Some("/sub".into())
        );
    }

    #[test]
    fn other_origin_is_ignored() {
        assert_eq!(base_path_from("http://x/sub/", "http://h"), None);
    }

    #[test]
    fn strip_base_keeps_leading_slash() {
        assert_eq!(strip_base("/sub/workflows", Some("/sub")), "/workflows");
        assert_eq!(strip_base("/sub", Some("/sub")), "/");
        assert_eq!(strip_base("/subway", Some("/sub")), "/subway");
        assert_eq!(strip_base("/workflows", None), "/workflows");
    }
}
