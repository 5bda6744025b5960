//! Pure filter / sort / search / export over rows, for 100,000 rows at
//! interactive speed: rows are held once by the [`Table`], views are `u32`
//! index vectors, search keys are lowercased once per row, sorting extracts
//! one key per row then sorts indexes (stable, missing values last).
//!
//! Each row type lists its columns once ([`TableRow::columns`]): URL key,
//! header text, width, priority, whether it is searched, and its typed
//! [`Cell`] value, from which sort keys ([`sort_key`]), search text
//! ([`search_text`]) and CSV text ([`export_fields`]) follow.
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
pub mod column_set;
mod columns;
mod csv;
mod export;
pub mod failures;
mod key;
mod names;
mod order;
pub mod reason_groups;
pub mod reasons;
mod rows;
mod search;
mod sorted;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod text;
mod view;

pub use column::{Column, Priority, TableRow, Width};
pub use column_set::{
    column_choices, columns_param, default_columns, parse_columns, shown_columns, table_sort,
    toggle_column, ColumnState, ParsedColumns,
};
pub use csv::{csv_field, push_line, push_lines, to_csv};
pub use key::SortKey;
pub use names::NameSort;
pub use rows::Rows;
pub use text::{export_fields, export_text, search_text, sort_key};

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Cell, GraphUser, ProcessingStatus, SortDir};
use names::{fingerprint, tally_unnamed};
use search::{byte_mask, search_key, ByteMask};
use sorted::{SortedOrder, Warming};
use view::CachedView;

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

    /// One past the last row index.
    fn upper(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
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
}
