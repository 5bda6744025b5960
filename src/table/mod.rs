//! Pure filter / sort / search / export over rows, for 100,000 rows at
//! interactive speed: rows are held once by the [`Table`], views are `u32`
//! index vectors, search keys are lowercased once per row, sorting extracts
//! one key per row then sorts indexes (stable, missing values last).
//!
//! Each row type lists its columns once ([`TableRow::columns`]): URL key,
//! header text, width, priority, whether it is searched, and its typed
//! [`Cell`] value, from which sort keys ([`sort_key`]), search text
//! ([`search_text`]) and CSV text ([`export_text`]) follow.
//!
//! The table is plain data (`Send + Sync`, no locks): [`Table::view`] takes
//! `&mut self` and updates its caches of sorted orders and recent views.
//!
//! ```
//! use lifecycle_viewer::table::{Sort, Table, ViewSpec};
//! use lifecycle_viewer::model::{Run, SortDir};
//! let mut table = Table::new(vec![Run::default()]);
//! let sort = Sort { column: "started", dir: SortDir::Desc };
//! let spec = ViewSpec { sort: Some(sort), ..ViewSpec::default() };
//! let view: Vec<u32> = table.view(&spec);
//! assert_eq!(view, vec![0]);
//! ```

mod column;
mod columns;
mod csv;
pub mod failures;
mod key;
mod order;
pub mod reasons;
mod rows;
mod search;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod text;

pub use column::{Column, Priority, TableRow, Width};
pub use csv::{csv_field, push_line, push_lines, to_csv};
pub use key::SortKey;
pub use rows::Rows;
pub use text::{export_text, search_text, sort_key};

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::{Cell, GraphUser, ProcessingStatus, SortDir};
use search::{byte_mask, narrows, search_key, ByteMask, Terms};

/// Resolved users by id, for name columns and name search.
pub type Names = HashMap<String, GraphUser>;

/// A sort: a column (a key of [`TableRow::columns`]) and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    /// The column's URL key.
    pub column: &'static str,
    /// The direction.
    pub dir: SortDir,
}

/// What the user asked to see.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewSpec {
    /// Words that must all appear (case-insensitive) in a row's search text.
    pub search: String,
    /// Any of these statuses; empty means all.
    pub statuses: Vec<ProcessingStatus>,
    /// Only `failed` and `completedWithErrors`.
    pub only_failures: bool,
    /// Failures before the rest (then the sort column).
    pub failed_first: bool,
    /// Sort column and direction; `None` (or a key the row type does not
    /// have) keeps arrival order.
    pub sort: Option<Sort>,
}

/// How many recent views (spec and result) a table keeps: a Backspace or a
/// longer search then filters a known result instead of every row.
const CACHED_VIEWS: usize = 8;

/// The order of every row for one sort. An order by a name column stays
/// as it was sorted when names arrive (rows do not move under the reader's
/// eyes): the rows whose names changed since wait in `stale` until
/// [`Table::resort_names`].
#[derive(Debug)]
struct SortedOrder<R: 'static> {
    column: &'static Column<R>,
    dir: SortDir,
    order: Vec<u32>,
    /// Which neighbours tie and how many rows are missing the value (the
    /// opposite direction derives from them): known for a fresh sort, and
    /// kept right as pages are inserted and renamed rows moved.
    ties: Option<(Vec<bool>, usize)>,
    /// Rows whose sort key changed since they were placed (name orders).
    stale: Vec<u32>,
    /// A view has used it (an order computed ahead, in idle time, has not).
    shown: bool,
}

impl<R> SortedOrder<R> {
    /// A freshly sorted order (its ties known), not shown yet.
    fn fresh(column: &'static Column<R>, dir: SortDir, full: order::FullOrder) -> Self {
        SortedOrder {
            column,
            dir,
            order: full.order,
            ties: Some((full.ties, full.missing)),
            stale: Vec::new(),
            shown: false,
        }
    }
}

impl<R> Clone for SortedOrder<R> {
    fn clone(&self) -> Self {
        SortedOrder {
            column: self.column,
            dir: self.dir,
            order: self.order.clone(),
            ties: self.ties.clone(),
            stale: self.stale.clone(),
            shown: self.shown,
        }
    }
}

/// An order being computed ahead a slice of rows at a time (so that idle
/// work never holds the page for long): the column and the keys read so
/// far, in row order.
#[derive(Debug)]
struct Warming<R: 'static> {
    column: &'static Column<R>,
    keyed: Vec<(SortKey, u32)>,
}

impl<R> Clone for Warming<R> {
    fn clone(&self) -> Self {
        Warming {
            column: self.column,
            keyed: self.keyed.clone(),
        }
    }
}

/// How a view sorted by a name column stands against the names known now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NameSort {
    /// Rows without a known name: they sort by their id.
    pub unnamed: usize,
    /// Names arrived since the order was made: [`Table::resort_names`]
    /// would move rows.
    pub stale: bool,
}

/// A view computed earlier: valid until rows or names change.
#[derive(Debug, Clone)]
struct CachedView {
    spec: ViewSpec,
    terms: Terms,
    indexes: Vec<u32>,
}

/// Rows plus their precomputed search keys and cached sort orders.
#[derive(Debug, Clone)]
pub struct Table<R: TableRow> {
    rows: Rows<R>,
    /// Per row: its lowercased search text.
    keys: Vec<Box<str>>,
    /// Per row: which bytes its key holds (a search skips rows lacking a
    /// byte of a term without looking at the key).
    masks: Vec<ByteMask>,
    /// Per row: whether it failed (read in row order when failures go first).
    failed: Vec<bool>,
    /// Per row: the [`fingerprint`] of its user id (names arriving look
    /// for their rows here, without reading every row).
    prints: Vec<u64>,
    /// Per column (as in [`TableRow::columns`]): how many rows have no
    /// known name in it (name columns; 0 for the others), kept up to date
    /// as rows and names arrive, so a sort by name need not count.
    unnamed: Vec<usize>,
    /// The resolved users, shared with the app (a snapshot, not a copy).
    names: Arc<Names>,
    /// One per column and direction used so far, most recent first; a view
    /// filters a cached order instead of sorting the filtered rows again.
    sorted: Vec<SortedOrder<R>>,
    /// Most recent first.
    views: Vec<CachedView>,
    /// The order being computed ahead, if one is under way.
    warming: Option<Warming<R>>,
}

impl<R: TableRow> Default for Table<R> {
    fn default() -> Self {
        Table {
            rows: Rows::default(),
            keys: Vec::new(),
            masks: Vec::new(),
            failed: Vec::new(),
            prints: Vec::new(),
            unnamed: vec![0; R::columns().len()],
            names: Arc::default(),
            sorted: Vec::new(),
            views: Vec::new(),
            warming: None,
        }
    }
}

impl<R: TableRow + PartialEq> PartialEq for Table<R> {
    fn eq(&self, other: &Self) -> bool {
        self.rows == other.rows && self.keys == other.keys && self.names == other.names
    }
}

/// The entry of a per-row vector at row `i`. Every index the table hands
/// out is a row's, so a miss is a bug: asserted in debug builds, and the
/// caller skips the index otherwise.
fn at<T>(per_row: &[T], i: u32) -> Option<&T> {
    let entry = per_row.get(i as usize);
    debug_assert!(entry.is_some(), "row index {i} out of range");
    entry
}

/// The row at `i` of `rows` (a miss is a bug, as with [`at`]).
fn row_at<R>(rows: &Rows<R>, i: u32) -> Option<&R> {
    let row = rows.get(i as usize);
    debug_assert!(row.is_some(), "row index {i} out of range");
    row
}

/// The sort key of `column` for row `i` of `rows`.
fn row_sort_key<R>(rows: &Rows<R>, names: &Names, column: &Column<R>, i: u32) -> SortKey {
    row_at(rows, i).map_or(SortKey::Missing, |row| sort_key(&column.cell(row, names)))
}

/// The column and direction of a spec's sort, if the row type has it.
fn sort_column<R: TableRow>(spec: &ViewSpec) -> Option<(&'static Column<R>, SortDir)> {
    let sort = spec.sort?;
    R::column(sort.column).map(|column| (column, sort.dir))
}

impl<R: TableRow> Table<R> {
    /// A table over `rows` (no names yet).
    pub fn new(rows: Vec<R>) -> Self {
        let mut table = Table::default();
        table.push_rows(rows);
        table
    }

    /// Appends a page of rows (paging). The most recently used sort order
    /// takes the new rows in place (the view being watched stays cheap while
    /// pages arrive); the other cached orders and views are dropped.
    pub fn push_rows(&mut self, rows: Vec<R>) {
        let first = self.upper();
        self.keys.reserve(rows.len());
        self.masks.reserve(rows.len());
        self.failed.reserve(rows.len());
        self.prints.reserve(rows.len());
        for row in &rows {
            self.prints.push(row.name_id().map_or(0, fingerprint));
            let key = search_key(R::columns(), row, &self.names);
            self.masks.push(byte_mask(&key));
            self.keys.push(key);
            self.failed.push(row.is_failure());
            tally_unnamed(&mut self.unnamed, row, &self.names, true);
        }
        self.rows.extend(rows);
        self.views.clear();
        self.sorted.truncate(1);
        let new_rows = first..self.upper();
        let (rows, names) = (&self.rows, &*self.names);
        for s in &mut self.sorted {
            let column = s.column;
            let key = |i: u32| row_sort_key(rows, names, column, i);
            order::insert_sorted(&mut s.order, s.ties.as_mut(), new_rows.clone(), key, s.dir);
        }
    }

    /// Replaces row `i` in place (a live refresh brought a newer version):
    /// its search key and failure flag follow; cached views and orders are
    /// dropped, so the next view sorts and filters it like any row.
    pub fn replace_row(&mut self, i: u32, row: R) {
        let i = i as usize;
        if i >= self.rows.len() {
            return;
        }
        self.keys[i] = search_key(R::columns(), &row, &self.names);
        self.masks[i] = byte_mask(&self.keys[i]);
        self.failed[i] = row.is_failure();
        self.prints[i] = row.name_id().map_or(0, fingerprint);
        if let Some(old) = self.rows.get(i) {
            tally_unnamed(&mut self.unnamed, old, &self.names, false);
        }
        tally_unnamed(&mut self.unnamed, &row, &self.names, true);
        self.rows.set(i, row);
        self.views.clear();
        self.sorted.clear();
        self.warming = None;
    }

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

    /// All rows, in arrival order.
    pub fn rows(&self) -> &Rows<R> {
        &self.rows
    }

    /// The row at a view index.
    pub fn get(&self, index: u32) -> Option<&R> {
        self.rows.get(index as usize)
    }

    /// The value of column `key` for the row at `index`.
    pub fn cell(&self, index: u32, key: &str) -> Option<Cell<'_>> {
        let row = self.get(index)?;
        Some(R::column(key)?.cell(row, &self.names))
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

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

    /// One past the last row index.
    fn upper(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
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

    /// The matching rows sorted by `column`: filters the cached order of all
    /// rows (sorting them once per column and direction), which equals a
    /// stable sort of the filtered rows.
    fn sorted_matching(
        &mut self,
        spec: &ViewSpec,
        terms: &Terms,
        column: &'static Column<R>,
        dir: SortDir,
    ) -> Vec<u32> {
        let sorted = self.take_order(column, dir);
        let indexes = self.filter_order(&sorted.order, spec, terms);
        self.sorted.insert(0, sorted);
        self.sorted.truncate(self.cached_orders_limit());
        indexes
    }

    /// The cached order of all rows by `column` (taken out of the cache),
    /// else the opposite of a cached one, else a fresh one.
    fn take_order(&mut self, column: &'static Column<R>, dir: SortDir) -> SortedOrder<R> {
        let hit = self
            .sorted
            .iter()
            .position(|s| s.column.key == column.key && s.dir == dir);
        let mut sorted = match hit {
            Some(hit) => self.sorted.remove(hit),
            None => self
                .opposite_order(column, dir)
                .unwrap_or_else(|| self.fresh_order(column, dir)),
        };
        sorted.shown = true;
        sorted
    }

    /// The order by `column` in `dir` derived from a cached fresh order in
    /// the other direction, in one pass without sort keys.
    fn opposite_order(&self, column: &'static Column<R>, dir: SortDir) -> Option<SortedOrder<R>> {
        let (source, (ties, missing)) = self.sorted.iter().find_map(|s| {
            let usable = s.column.key == column.key && s.dir != dir && s.stale.is_empty();
            usable.then_some(s).zip(s.ties.as_ref())
        })?;
        let full = order::opposite(&source.order, ties, *missing);
        Some(SortedOrder::fresh(column, dir, full))
    }

    /// A fresh order of every row by `column`.
    fn fresh_order(&self, column: &'static Column<R>, dir: SortDir) -> SortedOrder<R> {
        SortedOrder::fresh(column, dir, self.full_order(column, dir))
    }

    /// Computes ahead, for the first of `columns` (URL keys) that has no
    /// cached order yet, its ascending order (the descending one derives
    /// from it), so that a first click on its header is as quick as a
    /// repeated one. Meant for idle time after a load; one column per call.
    /// Returns whether it computed one (call again for the next).
    pub fn warm_order(&mut self, columns: &[&str]) -> bool {
        self.warm_order_slice(columns, usize::MAX)
    }

    /// [`Table::warm_order`] a slice at a time: reads the sort keys of at
    /// most `rows` more rows of the column under way (or of the next cold
    /// one), and sorts once every key is read. Returns whether it did any
    /// work (call again for more). Rows appended meanwhile are read too;
    /// names arriving start an order by name over.
    pub fn warm_order_slice(&mut self, columns: &[&str], rows: usize) -> bool {
        let unwanted = self
            .warming
            .as_ref()
            .is_some_and(|w| !columns.contains(&w.column.key) || self.has_order(w.column.key));
        if unwanted {
            self.warming = None;
        }
        let mut warming = match self.warming.take() {
            Some(w) => w,
            None => {
                let cold = columns
                    .iter()
                    .filter_map(|key| R::column(key))
                    .find(|c| !self.has_order(c.key));
                let Some(column) = cold else {
                    return false;
                };
                Warming {
                    column,
                    keyed: Vec::with_capacity(self.len()),
                }
            }
        };
        let (start, total) = (warming.keyed.len(), self.len());
        let end = start.saturating_add(rows.max(1)).min(total);
        let (table_rows, names, column) = (&self.rows, &*self.names, warming.column);
        warming.keyed.extend(
            (start..end)
                .filter_map(|i| u32::try_from(i).ok())
                .map(|i| (row_sort_key(table_rows, names, column, i), i)),
        );
        if warming.keyed.len() < total {
            self.warming = Some(warming);
            return true;
        }
        let full = order::sort_keyed_with_ties(warming.keyed, SortDir::Asc);
        self.sorted
            .truncate(self.cached_orders_limit().saturating_sub(1));
        self.sorted
            .push(SortedOrder::fresh(column, SortDir::Asc, full));
        true
    }

    /// Whether an order by column `key` (either direction) is cached.
    fn has_order(&self, key: &str) -> bool {
        self.sorted.iter().any(|s| s.column.key == key)
    }

    /// How many sorted orders the table keeps: both directions of every
    /// column.
    fn cached_orders_limit(&self) -> usize {
        R::columns().len() * 2
    }

    /// The rows of `order` that pass `spec`'s filters, in that order.
    fn filter_order(&self, order: &[u32], spec: &ViewSpec, terms: &Terms) -> Vec<u32> {
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

    /// Every row index sorted by `column`: one key per row, stable so ties
    /// stay in row order (the same order as [`Table::sort`] over all rows).
    fn full_order(&self, column: &Column<R>, dir: SortDir) -> order::FullOrder {
        let keyed: Vec<(SortKey, u32)> = self
            .rows
            .iter()
            .zip(0u32..)
            .map(|(row, i)| (sort_key(&column.cell(row, &self.names)), i))
            .collect();
        order::sort_keyed_with_ties(keyed, dir)
    }

    /// Sorts `indexes` by column `key` (stable, missing values last either
    /// way); an unknown key leaves them as they are.
    pub fn sort(&self, indexes: &mut Vec<u32>, key: &str, dir: SortDir) {
        let Some(column) = R::column(key) else {
            return;
        };
        let keyed: Vec<(SortKey, u32)> = indexes
            .iter()
            .map(|&i| (row_sort_key(&self.rows, &self.names, column, i), i))
            .collect();
        *indexes = order::sort_keyed(keyed, dir);
    }

    /// Rows per status (rows without a status are not counted), most
    /// severe first; over `indexes` or all rows.
    pub fn status_counts(&self, indexes: Option<&[u32]>) -> Vec<(ProcessingStatus, usize)> {
        let rows: Box<dyn Iterator<Item = &R>> = match indexes {
            Some(ix) => Box::new(ix.iter().filter_map(|&i| self.get(i))),
            None => Box::new(self.rows.iter()),
        };
        let mut counts: HashMap<&ProcessingStatus, usize> = HashMap::new();
        for status in rows.filter_map(R::status) {
            *counts.entry(status).or_insert(0) += 1;
        }
        let mut out: Vec<(ProcessingStatus, usize)> =
            counts.into_iter().map(|(s, n)| (s.clone(), n)).collect();
        out.sort_by(|a, b| {
            a.0.severity_rank()
                .cmp(&b.0.severity_rank())
                .then_with(|| a.0.as_str().cmp(b.0.as_str()))
        });
        out
    }

    /// Number of failed rows (`failed` or `completedWithErrors`).
    pub fn failure_count(&self) -> usize {
        self.failed.iter().filter(|&&f| f).count()
    }

    /// CSV of the rows at `indexes` with the columns of `keys` (all columns
    /// when empty; unknown keys are left out): headers are the columns'
    /// export titles, cells their export text, formulas defused.
    pub fn to_csv(&self, indexes: &[u32], keys: &[&'static str]) -> String {
        let mut out = self.csv_header(keys);
        out.push_str(&self.csv_lines(indexes, keys));
        out
    }

    /// The CSV header line of the columns of `keys` (see [`to_csv`](Self::to_csv)).
    pub fn csv_header(&self, keys: &[&'static str]) -> String {
        let mut out = String::new();
        push_line(
            &mut out,
            export_columns::<R>(keys).iter().map(|c| c.export_title()),
        );
        out
    }

    /// The CSV lines of the rows at `indexes` (a chunk of an export).
    pub fn csv_lines(&self, indexes: &[u32], keys: &[&'static str]) -> String {
        let columns = export_columns::<R>(keys);
        let mut out = String::new();
        push_lines(
            &mut out,
            indexes.iter().filter_map(|&i| self.get(i)).map(|row| {
                columns
                    .iter()
                    .map(|c| export_text(&c.cell(row, &self.names)))
                    .collect::<Vec<_>>()
            }),
        );
        out
    }
}

/// The columns of `keys` in that order (all columns when empty).
fn export_columns<R: TableRow>(keys: &[&'static str]) -> Vec<&'static Column<R>> {
    if keys.is_empty() {
        R::columns().iter().collect()
    } else {
        keys.iter().filter_map(|k| R::column(k)).collect()
    }
}

impl<R: TableRow + serde::Serialize> Table<R> {
    /// JSON array of the rows at `indexes`, in that order, as the rows'
    /// own (Graph) objects.
    pub fn to_json(&self, indexes: &[u32]) -> String {
        format!("[{}\n]", self.json_items(indexes, true))
    }

    /// The rows at `indexes` as JSON array items, each on its own lines
    /// and preceded by `,` unless `first` holds the array's first item (a
    /// chunk of an export; wrap the chunks in `[` and `\n]`).
    pub fn json_items(&self, indexes: &[u32], first: bool) -> String {
        let mut out = String::new();
        for (n, row) in indexes.iter().filter_map(|&i| self.get(i)).enumerate() {
            if n > 0 || !first {
                out.push(',');
            }
            out.push_str("\n  ");
            let item = serde_json::to_string_pretty(row).unwrap_or_else(|_| "null".into());
            out.push_str(&item.replace('\n', "\n  "));
        }
        out
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

/// Whether `row` has no known name in the name column `column`.
fn is_unnamed<R>(column: &Column<R>, row: &R, names: &Names) -> bool {
    match column.cell(row, names) {
        Cell::User { name, .. } => name.is_none_or(|n| n.is_empty()),
        other => other.is_missing(),
    }
}

/// Adds `row` to (`add`) or takes it from the per-column counts of rows
/// without a known name, with `names`.
fn tally_unnamed<R: TableRow>(counts: &mut [usize], row: &R, names: &Names, add: bool) {
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
struct QuickIds(Vec<u64>);

impl QuickIds {
    fn new(ids: &HashSet<String>) -> QuickIds {
        let mut prints: Vec<u64> = ids.iter().map(|id| fingerprint(id)).collect();
        prints.sort_unstable();
        QuickIds(prints)
    }

    /// `false` when `id` is certainly not one of the set's ids.
    #[cfg(test)]
    fn may_hold(&self, id: &str) -> bool {
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
fn fingerprint(id: &str) -> u64 {
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
