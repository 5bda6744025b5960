//! The names a table holds: the resolved users shared with the app, the
//! search keys and unnamed counts that follow them as names arrive, and
//! orders by a name column that keep their rows in place until
//! [`Table::resort_names`] ("Sort again with names").

use super::search::{byte_mask, search_key};
use super::{order, row_sort_key, sort_column, Column, Names, Sort, Table, TableRow, ViewSpec};
use crate::model::Cell;
use std::collections::HashSet;
use std::sync::Arc;

/// How a view sorted by a name column stands against the names known now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NameSort {
    /// Rows without a known name: they sort by their id.
    pub unnamed: usize,
    /// Names arrived since the order was made: [`Table::resort_names`]
    /// would move rows.
    pub stale: bool,
}

impl<R: TableRow> Table<R> {
    /// Sets the resolved users (the app's shared snapshot): recomputes the
    /// search keys of the rows whose user changed (a search matches the new
    /// names at once), drops only the cached views whose rows change, and
    /// marks those rows stale in the cached orders that sort by name (they
    /// keep their place until [`Table::resort_names`]). Returns whether any
    /// row changed.
    pub fn set_names(&mut self, names: Arc<Names>) -> bool {
        if Arc::ptr_eq(&self.names, &names) {
            return false;
        }
        let changed = changed_ids(&self.names, &names);
        let old = std::mem::replace(&mut self.names, names);
        if changed.is_empty() {
            return false;
        }
        let moved = self.refresh_keys(&changed, &old);
        if moved.is_empty() {
            return false;
        }
        if self.warming.as_ref().is_some_and(|w| w.column.uses_names()) {
            self.warming = None;
        }
        self.mark_name_orders_stale(&moved);
        true
    }

    /// Recomputes the search keys (and the unnamed counts) of the rows
    /// whose user is in `changed` (`old`: the names before), drops the
    /// cached views in which such a row would match differently; returns
    /// the rows changed.
    fn refresh_keys(&mut self, changed: &HashSet<String>, old: &Names) -> Vec<u32> {
        let names = &*self.names;
        let unnamed = &mut self.unnamed;
        let quick = QuickIds::new(changed);
        let mut stale = vec![false; self.views.len()];
        let mut moved = Vec::new();
        let per_row = self.keys.iter_mut().zip(self.masks.iter_mut());
        let rows = self.rows.iter().zip(&self.prints);
        for ((i, (row, print)), (key, mask)) in (0u32..).zip(rows).zip(per_row) {
            // The fingerprint first: most rows are never read.
            if !quick.may_hold_print(*print)
                || !row.name_id().is_some_and(|id| changed.contains(id))
            {
                continue;
            }
            tally_unnamed(unnamed, row, old, false);
            tally_unnamed(unnamed, row, names, true);
            let new = search_key(R::columns(), row, names);
            let new_mask = byte_mask(&new);
            for (stale, view) in stale.iter_mut().zip(&self.views) {
                *stale |= view.terms.matches(key, *mask) != view.terms.matches(&new, new_mask);
            }
            *key = new;
            *mask = new_mask;
            moved.push(i);
        }
        if !moved.is_empty() {
            let views = std::mem::take(&mut self.views);
            self.views = views
                .into_iter()
                .zip(stale)
                .filter(|(_, stale)| !stale)
                .map(|(view, _)| view)
                .collect();
        }
        moved
    }

    /// Notes that the rows of `moved` (whose names changed) may belong
    /// elsewhere in every cached order that sorts by name. An order
    /// computed ahead and never shown moves them at once (a first sort uses
    /// the names known; only their neighbours are compared, so it stays
    /// ready for a first click and its opposite direction).
    fn mark_name_orders_stale(&mut self, moved: &[u32]) {
        let (rows, names) = (&self.rows, &*self.names);
        for s in self.sorted.iter_mut().filter(|s| s.column.uses_names()) {
            if s.shown {
                s.stale.extend_from_slice(moved);
                s.stale.sort_unstable();
                s.stale.dedup();
            } else {
                let column = s.column;
                let key = |i: u32| row_sort_key(rows, names, column, i);
                order::reposition(&mut s.order, s.ties.as_mut(), moved, key, s.dir);
            }
        }
    }

    /// Sorts again by the names known now: the stale rows of every cached
    /// order by name go where a fresh sort would put them; the cached views
    /// sorted by name are dropped. Returns whether any order changed.
    pub fn resort_names(&mut self) -> bool {
        let (rows, names) = (&self.rows, &*self.names);
        let mut changed = false;
        for s in self.sorted.iter_mut().filter(|s| !s.stale.is_empty()) {
            let column = s.column;
            let key = |i: u32| row_sort_key(rows, names, column, i);
            let stale = std::mem::take(&mut s.stale);
            order::reposition(&mut s.order, s.ties.as_mut(), &stale, key, s.dir);
            changed = true;
        }
        if changed {
            self.views.retain(|v| !sorts_by_name::<R>(&v.spec));
        }
        changed
    }

    /// For a spec sorted by a name column: how many rows have no known
    /// name (they sort by id) and whether names arrived since the order
    /// was made. `None` for other sorts.
    pub fn name_sort(&self, spec: &ViewSpec) -> Option<NameSort> {
        let sort = spec.sort?;
        Some(NameSort {
            unnamed: self.unnamed_rows(sort.column)?,
            stale: self.name_order_stale(sort),
        })
    }

    /// For a name column: how many rows have no known name (they sort by
    /// id). `None` for other columns. Counted as rows and names arrive, so
    /// asking costs nothing (a first click on the User header asks).
    pub fn unnamed_rows(&self, column: &str) -> Option<usize> {
        let at = R::columns()
            .iter()
            .position(|c| c.key == column && c.uses_names())?;
        self.unnamed.get(at).copied()
    }

    /// Whether names arrived since the order of `sort` (by a name column)
    /// was made, so that sorting again would move rows.
    pub fn name_order_stale(&self, sort: Sort) -> bool {
        self.sorted
            .iter()
            .any(|s| s.column.key == sort.column && s.dir == sort.dir && !s.stale.is_empty())
    }

    /// The user ids of the rows at the first `limit` of `indexes` whose
    /// names are not known yet (each once): what to ask the directory for
    /// so that a search can match those rows by name.
    pub fn unnamed_ids(&self, indexes: &[u32], limit: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for row in indexes.iter().take(limit).filter_map(|&i| self.get(i)) {
            let Some(id) = row.name_id().filter(|id| !id.is_empty()) else {
                continue;
            };
            if !self.names.contains_key(id) && !out.iter().any(|o| o == id) {
                out.push(id.to_string());
            }
        }
        out
    }

    /// The names in use.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// The names in use, shared (to carry them over to a fresh table).
    pub fn shared_names(&self) -> Arc<Names> {
        Arc::clone(&self.names)
    }
}

/// Whether `row` has no known name in the name column `column`.
fn is_unnamed<R>(column: &Column<R>, row: &R, names: &Names) -> bool {
    match column.cell(row, names) {
        Cell::User { name, .. } => name.is_none_or(|n| n.is_empty()),
        other => other.is_missing(),
    }
}

/// Adds `row` to (`add`) or takes it from the per-column counts of rows
/// without a known name, with `names`.
pub(super) fn tally_unnamed<R: TableRow>(counts: &mut [usize], row: &R, names: &Names, add: bool) {
    let columns = R::columns().iter().zip(counts.iter_mut());
    for (column, count) in columns.filter(|(c, _)| c.uses_names()) {
        if is_unnamed(column, row, names) {
            *count = if add {
                *count + 1
            } else {
                count.saturating_sub(1)
            };
        }
    }
}

/// Whether a view's sort column depends on resolved names.
fn sorts_by_name<R: TableRow>(spec: &ViewSpec) -> bool {
    sort_column::<R>(spec).is_some_and(|(column, _)| column.uses_names())
}

/// A quick "certainly not in the set" test for ids: the sorted
/// fingerprints (length and first 8 bytes) of a few ids, so a pass over
/// every row hashes only the ids that may be in the set.
pub(super) struct QuickIds(Vec<u64>);

impl QuickIds {
    pub(super) fn new(ids: &HashSet<String>) -> QuickIds {
        let mut prints: Vec<u64> = ids.iter().map(|id| fingerprint(id)).collect();
        prints.sort_unstable();
        QuickIds(prints)
    }

    /// `false` when `id` is certainly not one of the set's ids.
    #[cfg(test)]
    pub(super) fn may_hold(&self, id: &str) -> bool {
        self.may_hold_print(fingerprint(id))
    }

    /// `false` when an id of fingerprint `print` is certainly not one of
    /// the set's ids.
    fn may_hold_print(&self, print: u64) -> bool {
        self.0.binary_search(&print).is_ok()
    }
}

/// The length of `id` and its first 8 bytes, in one number (equal ids
/// have equal fingerprints).
pub(super) fn fingerprint(id: &str) -> u64 {
    let mut head = [0u8; 8];
    let bytes = id.as_bytes();
    let n = bytes.len().min(8);
    head[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(head) ^ (bytes.len() as u64).rotate_right(8)
}

/// Ids whose resolved user differs between `old` and `new`.
fn changed_ids(old: &Names, new: &Names) -> HashSet<String> {
    let added = new.iter().filter(|(id, user)| old.get(*id) != Some(*user));
    let removed = old.iter().filter(|(id, _)| !new.contains_key(*id));
    added.chain(removed).map(|(id, _)| id.clone()).collect()
}
