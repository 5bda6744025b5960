//! Search over precomputed, lowercased row keys: terms, matching, and
//! whether a cached view can answer a narrower search.

use super::{Cell, Column, Names, ViewSpec};

/// The lowercased words of a search.
pub(super) fn search_terms(search: &str) -> Vec<String> {
    search.split_whitespace().map(str::to_lowercase).collect()
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

/// Whether every term occurs in `key`.
pub(super) fn has_terms(key: &str, terms: &[String]) -> bool {
    terms.iter().all(|t| contains(key, t))
}

/// Whether `needle` occurs in `hay`: a byte scan for the first byte, then a
/// compare (no per-call searcher set-up; keys are short, needles shorter).
fn contains(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    hay.iter()
        .take(last_start + 1)
        .enumerate()
        .any(|(i, &b)| b == first && hay.get(i + 1..i + needle.len()) == Some(rest))
}

/// Whether `spec` (with `terms`) shows a subset of `wider`'s rows in the
/// same order: same filters and sort, and every term of `wider` is part of
/// a term of `spec`.
pub(super) fn narrows(
    wider: &ViewSpec,
    wider_terms: &[String],
    spec: &ViewSpec,
    terms: &[String],
) -> bool {
    wider.statuses == spec.statuses
        && wider.only_failures == spec.only_failures
        && wider.failed_first == spec.failed_first
        && wider.sort == spec.sort
        && wider_terms
            .iter()
            .all(|w| terms.iter().any(|t| t.contains(w.as_str())))
}
