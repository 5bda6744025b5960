//! A table's views: the indexes of the rows that pass a spec's search,
//! status and failure filters, in the spec's order, and the few recent
//! views kept so that a longer search filters a known result.

use super::search::{narrows, ByteMask, Terms};
use super::{at, order, row_at, sort_column, Table, TableRow, ViewSpec};

/// How many recent views (spec and result) a table keeps: a Backspace or a
/// longer search then filters a known result instead of every row.
const CACHED_VIEWS: usize = 8;

/// A view computed earlier: valid until rows or names change.
#[derive(Debug, Clone)]
pub(super) struct CachedView {
    pub(super) spec: ViewSpec,
    pub(super) terms: Terms,
    pub(super) indexes: Vec<u32>,
}

impl<R: TableRow> Table<R> {
    /// Indexes of the rows matching `spec`, in `spec`'s order; remembers the
    /// sorted order and the view for the next call.
    pub fn view(&mut self, spec: &ViewSpec) -> Vec<u32> {
        let terms = Terms::new(&spec.search);
        if let Some(indexes) = self.reuse_cached_view(spec, &terms) {
            return indexes;
        }
        let mut indexes = match sort_column::<R>(spec) {
            Some((column, dir)) => self.sorted_matching(spec, &terms, column, dir),
            None => self.all_matching(spec, &terms),
        };
        if spec.failed_first {
            indexes = order::failures_first(indexes, &self.failed);
        }
        self.remember_view(spec, terms, &indexes);
        indexes
    }

    /// The view from a cached one: the same spec, or one whose search every
    /// term of `terms` narrows (its rows in its order, filtered again).
    fn reuse_cached_view(&mut self, spec: &ViewSpec, terms: &Terms) -> Option<Vec<u32>> {
        if let Some(hit) = self.views.iter().position(|v| v.spec == *spec) {
            let view = self.views.remove(hit);
            let indexes = view.indexes.clone();
            self.views.insert(0, view);
            return Some(indexes);
        }
        let wider = self
            .views
            .iter()
            .find(|v| narrows(&v.spec, &v.terms, spec, terms))?;
        let indexes = self.matching(wider.indexes.iter().copied(), spec, terms);
        self.remember_view(spec, terms.clone(), &indexes);
        Some(indexes)
    }

    /// Keeps `indexes` as the view of `spec` (most recent first).
    fn remember_view(&mut self, spec: &ViewSpec, terms: Terms, indexes: &[u32]) {
        self.views.retain(|v| v.spec != *spec);
        self.views.insert(
            0,
            CachedView {
                spec: spec.clone(),
                terms,
                indexes: indexes.to_vec(),
            },
        );
        self.views.truncate(CACHED_VIEWS);
    }

    /// Indexes of rows passing the search, status and failure filters, in
    /// arrival order.
    pub fn filter(&self, spec: &ViewSpec) -> Vec<u32> {
        self.all_matching(spec, &Terms::new(&spec.search))
    }

    /// The indexes of all rows that pass `spec`'s filters, in order.
    fn all_matching(&self, spec: &ViewSpec, terms: &Terms) -> Vec<u32> {
        (0u32..)
            .zip(self.rows.iter().zip(self.keys.iter().zip(&self.masks)))
            .filter(|(_, (row, (key, mask)))| passes(*row, key, **mask, spec, terms))
            .map(|(i, _)| i)
            .collect()
    }

    /// The indexes of `candidates` that pass `spec`'s filters, in order.
    fn matching(
        &self,
        candidates: impl Iterator<Item = u32>,
        spec: &ViewSpec,
        terms: &Terms,
    ) -> Vec<u32> {
        candidates
            .filter(
                |&i| match (row_at(&self.rows, i), at(&self.keys, i), at(&self.masks, i)) {
                    (Some(row), Some(key), Some(mask)) => passes(row, key, *mask, spec, terms),
                    _ => false,
                },
            )
            .collect()
    }

    /// The rows of `order` that pass `spec`'s filters, in that order.
    pub(super) fn filter_order(&self, order: &[u32], spec: &ViewSpec, terms: &Terms) -> Vec<u32> {
        if terms.is_empty() && spec.statuses.is_empty() && !spec.only_failures {
            return order.to_vec();
        }
        let mask: Vec<bool> = self
            .rows
            .iter()
            .zip(self.keys.iter().zip(&self.masks))
            .map(|(row, (key, mask))| passes(row, key, *mask, spec, terms))
            .collect();
        order
            .iter()
            .copied()
            .filter(|&i| at(&mask, i) == Some(&true))
            .collect()
    }
}

/// Whether a row (with its search `key` and the key's byte `mask`) passes
/// the search terms, status and failure filters of `spec`.
fn passes<R: TableRow>(row: &R, key: &str, mask: ByteMask, spec: &ViewSpec, terms: &Terms) -> bool {
    if spec.only_failures && !row.is_failure() {
        return false;
    }
    if !spec.statuses.is_empty() && !row.status().is_some_and(|s| spec.statuses.contains(s)) {
        return false;
    }
    terms.matches(key, mask)
}
