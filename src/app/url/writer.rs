//! Writing the current screen's query string, so every filter, sort and
//! search lives in the URL. [`QueryWriter`] is a `Copy` handle; screens
//! write through their typed `ScreenWriter` (screen_query.rs).

use crate::app::url::base::strip_base;
use crate::app::url::query::query_string;
use crate::app::RouterBase;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use std::sync::Arc;

/// The router's navigate function, shareable.
type NavigateFn = Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

/// A handle that rewrites the current query string.
#[derive(Clone, Copy)]
pub(crate) struct QueryWriter {
    navigate: StoredValue<NavigateFn>,
    pathname: Memo<String>,
    query: Memo<ParamsMap>,
    base: StoredValue<Option<String>>,
}

impl QueryWriter {
    /// Creates the writer for the current route.
    pub(crate) fn new() -> Self {
        let location = use_location();
        Self {
            navigate: StoredValue::new(Arc::new(use_navigate())),
            pathname: location.pathname,
            query: location.query,
            base: StoredValue::new(use_context::<RouterBase>().and_then(|b| b.0)),
        }
    }

    /// Writes a screen's query: the keys in `owned` become `pairs`
    /// (absent ones leave the URL), the URL's other keys stay.
    pub(crate) fn write_owned(
        &self,
        owned: &[&str],
        pairs: &[(&'static str, String)],
        replace: bool,
    ) {
        let mut updates: Vec<(&str, Option<String>)> = owned.iter().map(|k| (*k, None)).collect();
        for (key, value) in pairs {
            match updates.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = Some(value.clone()),
                None => updates.push((key, Some(value.clone()))),
            }
        }
        self.set(&updates, replace);
    }

    /// Sets (`Some`) or removes (`None`/empty) the given keys, keeping the
    /// others. `replace` avoids a history entry (typing in a search box).
    pub(crate) fn set(&self, updates: &[(&str, Option<String>)], replace: bool) {
        let current = self.query.get_untracked();
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
        crate::model::sorting::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        let borrowed: Vec<(&str, String)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let path = self.pathname.get_untracked();
        let base = self.base.get_value();
        let in_app = strip_base(&path, base.as_deref()).to_string();
        let target = format!("{in_app}{}", query_string(&borrowed));
        let options = NavigateOptions {
            replace,
            scroll: false,
            ..Default::default()
        };
        self.navigate
            .with_value(|navigate| navigate(&target, options));
    }
}

impl Default for QueryWriter {
    fn default() -> Self {
        Self::new()
    }
}
