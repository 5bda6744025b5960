//! Reading and writing the current screen's query string, so every filter,
//! sort and search lives in the URL.

use super::base::strip_base;
use super::query::query_string;
use super::RouterBase;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The router's navigate function, shareable.
type NavigateFn = std::sync::Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// A handle that rewrites the current query string.
#[derive(Clone)]
pub struct QueryWriter {
    navigate: NavigateFn,
    location: leptos_router::location::Location,
    base: Option<String>,
}

impl QueryWriter {
    /// Creates the writer for the current route.
    pub fn new() -> Self {
        let navigate = use_navigate();
        Self {
            navigate: std::sync::Arc::new(navigate),
            location: use_location(),
            base: use_context::<RouterBase>().and_then(|b| b.0),
        }
    }

    /// Sets (`Some`) or removes (`None`/empty) the given keys, keeping the
    /// others. `replace` avoids a history entry (typing in a search box).
    pub fn set(&self, updates: &[(&str, Option<String>)], replace: bool) {
        let current = self.location.query.get_untracked();
        let mut pairs: Vec<(String, String)> = current
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .filter(|(k, _)| !updates.iter().any(|(u, _)| u == k))
            .collect();
        for (key, value) in updates {
            if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
                pairs.push((key.to_string(), v.clone()));
            }
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let borrowed: Vec<(&str, String)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let path = self.location.pathname.get_untracked();
        let in_app = strip_base(&path, self.base.as_deref()).to_string();
        let target = format!("{in_app}{}", query_string(&borrowed));
        (self.navigate)(
            &target,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    }
}

impl Default for QueryWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// A query parameter of the current URL (tracked).
pub fn query_param(key: &'static str) -> Memo<Option<String>> {
    let location = use_location();
    Memo::new(move |_| location.query.with(|q| q.get(key)))
}
