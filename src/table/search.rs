//! Search over precomputed, lowercased row keys: terms (with substring
//! finders built once per search, `memchr::memmem`), matching, and
//! whether a cached view can answer a narrower search.

use memchr::memmem::Finder;

use super::{Cell, Column, Names, ViewSpec};

/// The lowercased words of a search, each with its substring finder built
/// once per search (a keystroke scans every row's key with them).
#[derive(Debug, Clone)]
pub(super) struct Terms {
    words: Vec<String>,
    finders: Vec<Finder<'static>>,
}

impl Terms {
    /// The terms of `search`: its whitespace-separated words, lowercased.
    pub(super) fn new(search: &str) -> Terms {
        let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
        let finders = words
            .iter()
            .map(|w| Finder::new(w.as_bytes()).into_owned())
            .collect();
        Terms { words, finders }
    }

    /// Whether there is no term (everything matches).
    pub(super) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every term occurs in `key`.
    pub(super) fn matches(&self, key: &str) -> bool {
        self.finders
            .iter()
            .all(|f| f.find(key.as_bytes()).is_some())
    }
}

/// The lowercased search text of a row: the search text of its searched
/// columns, one part per line.
pub(super) fn search_key<R>(columns: &[Column<R>], row: &R, names: &Names) -> Box<str> {
    let mut text = String::new();
    for column in columns.iter().filter(|c| c.search) {
        let cell: Cell = column.cell(row, names);
        super::search_text(&cell, &mut text);
    }
    text.to_lowercase().into_boxed_str()
}

/// Whether `spec` (with `terms`) shows a subset of `wider`'s rows in the
/// same order: same filters and sort, and every term of `wider` is part of
/// a term of `spec`.
pub(super) fn narrows(
    wider: &ViewSpec,
    wider_terms: &Terms,
    spec: &ViewSpec,
    terms: &Terms,
) -> bool {
    wider.statuses == spec.statuses
        && wider.only_failures == spec.only_failures
        && wider.failed_first == spec.failed_first
        && wider.sort == spec.sort
        && wider_terms
            .words
            .iter()
            .all(|w| terms.words.iter().any(|t| t.contains(w.as_str())))
}
