//! Pure filter / sort / search over rows, for 100,000 rows at interactive
//! speed: rows are held once by the [`Table`], views are `u32` index
//! vectors, search keys are lowercased once per row, sorting extracts one
//! key per row then sorts indexes (stable, missing values last).
//!
//! ```
//! use lifecycle_viewer::table::{Table, ViewSpec, RunColumn};
//! use lifecycle_viewer::graph::SortDir;
//! use lifecycle_viewer::model::Run;
//! let table = Table::new(vec![Run::default()]);
//! let spec = ViewSpec { sort: Some((RunColumn::Started, SortDir::Desc)), ..ViewSpec::default() };
//! let view: Vec<u32> = table.view(&spec);
//! assert_eq!(view, vec![0]);
//! ```

mod columns;
mod csv;
mod key;
mod order;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use columns::{RunColumn, TaskReportColumn, TaskResultColumn, UserResultColumn};
pub use csv::{csv_field, to_csv};
pub use key::SortKey;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::graph::SortDir;
use crate::model::{GraphUser, ProcessingStatus};

/// Resolved users by id, for name columns and name search.
pub type Names = HashMap<String, GraphUser>;

/// A row type the table can show.
pub trait TableRow {
    /// The columns of this row type.
    type Column: Copy + Eq + std::fmt::Debug + Send + Sync + 'static;

    /// Every column, in display order.
    fn columns() -> &'static [Self::Column];
    /// A column's header text.
    fn column_title(column: Self::Column) -> &'static str;
    /// Appends the searchable text (names, UPNs, ids, reasons) to `out`.
    fn search_text(&self, names: &Names, out: &mut String);
    /// The row's processing status.
    fn status(&self) -> Option<&ProcessingStatus>;
    /// The value sorted on for `column`.
    fn sort_key(&self, column: Self::Column, names: &Names) -> SortKey;
    /// The plain text of a cell (CSV export).
    fn cell_text(&self, column: Self::Column, names: &Names) -> String;
    /// The user id whose resolved name the row's search text and name
    /// columns use, if any: only these rows change when names arrive.
    fn name_id(&self) -> Option<&str>;
    /// Whether sorting by `column` depends on resolved names.
    fn sorts_by_name(column: Self::Column) -> bool;

    /// Whether the row failed (`failed` or `completedWithErrors`).
    fn is_failure(&self) -> bool {
        self.status().is_some_and(ProcessingStatus::is_failure)
    }
}

/// What the user asked to see.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewSpec<C> {
    /// Words that must all appear (case-insensitive) in a row's search text.
    pub search: String,
    /// Any of these statuses; empty means all.
    pub statuses: Vec<ProcessingStatus>,
    /// Only `failed` and `completedWithErrors`.
    pub only_failures: bool,
    /// Failures before the rest (then the sort column).
    pub failed_first: bool,
    /// Sort column and direction; `None` keeps arrival order.
    pub sort: Option<(C, SortDir)>,
}

impl<C> Default for ViewSpec<C> {
    fn default() -> Self {
        ViewSpec {
            search: String::new(),
            statuses: Vec::new(),
            only_failures: false,
            failed_first: false,
            sort: None,
        }
    }
}

/// How many recent views (spec and result) a table keeps: a Backspace or a
/// longer search then filters a known result instead of every row.
const CACHED_VIEWS: usize = 8;

/// The order of every row for one sort (column position in
/// [`TableRow::columns`], direction); valid until rows or names change.
#[derive(Debug, Clone)]
struct SortedOrder {
    column: usize,
    dir: SortDir,
    order: Vec<u32>,
}

/// A view computed earlier: valid until rows or names change.
#[derive(Debug, Clone)]
struct CachedView<C> {
    spec: ViewSpec<C>,
    terms: Vec<String>,
    indexes: Vec<u32>,
}

/// Rows plus their precomputed search keys and cached sort orders.
#[derive(Debug)]
pub struct Table<R: TableRow> {
    rows: Vec<R>,
    keys: Vec<Box<str>>,
    /// Per row: whether it failed (read in row order when failures go first).
    failed: Vec<bool>,
    names: Names,
    /// One per column and direction used so far; a view filters a cached
    /// order instead of sorting the filtered rows again.
    sorted: Mutex<Vec<SortedOrder>>,
    /// Most recent first.
    views: Mutex<Vec<CachedView<R::Column>>>,
}

impl<R: TableRow> Default for Table<R> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            keys: Vec::new(),
            failed: Vec::new(),
            names: Names::new(),
            sorted: Mutex::default(),
            views: Mutex::default(),
        }
    }
}

impl<R: TableRow + Clone> Clone for Table<R> {
    fn clone(&self) -> Self {
        let sorted = self.sorted.lock().map(|s| s.clone()).unwrap_or_default();
        let views = self.views.lock().map(|v| v.clone()).unwrap_or_default();
        Table {
            rows: self.rows.clone(),
            keys: self.keys.clone(),
            failed: self.failed.clone(),
            names: self.names.clone(),
            sorted: Mutex::new(sorted),
            views: Mutex::new(views),
        }
    }
}

impl<R: TableRow + PartialEq> PartialEq for Table<R> {
    fn eq(&self, other: &Self) -> bool {
        self.rows == other.rows && self.keys == other.keys && self.names == other.names
    }
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
        for row in &rows {
            self.keys.push(search_key(row, &self.names));
        }
        self.failed.extend(rows.iter().map(R::is_failure));
        self.rows.extend(rows);
        self.views = Mutex::default();
        let Ok(sorted) = self.sorted.get_mut() else {
            self.sorted = Mutex::default();
            return;
        };
        sorted.truncate(1);
        let (table_rows, names, columns) = (&self.rows, &self.names, R::columns());
        let new_rows = first..u32::try_from(table_rows.len()).unwrap_or(u32::MAX);
        sorted.retain_mut(|s| {
            let Some(&column) = columns.get(s.column) else {
                return false;
            };
            let key = |i: u32| {
                table_rows
                    .get(i as usize)
                    .map_or(SortKey::Missing, |r| r.sort_key(column, names))
            };
            order::insert_sorted(&mut s.order, new_rows.clone(), key, s.dir);
            true
        });
    }

    /// Sets resolved user names: recomputes the search keys of the rows
    /// whose name changed, moves those rows within the cached orders that
    /// sort by name, and drops only the cached views whose rows change.
    /// Returns whether any row changed.
    pub fn set_names(&mut self, names: Names) -> bool {
        let changed = changed_ids(&self.names, &names);
        self.names = names;
        if changed.is_empty() {
            return false;
        }
        let moved: Vec<u32> = (0..self.upper())
            .zip(&self.rows)
            .filter(|(_, row)| row.name_id().is_some_and(|id| changed.contains(id)))
            .map(|(i, _)| i)
            .collect();
        if moved.is_empty() {
            return false;
        }
        let new_keys: Vec<Box<str>> = moved
            .iter()
            .filter_map(|&i| self.get(i))
            .map(|row| search_key(row, &self.names))
            .collect();
        self.keep_views_unchanged_by(&moved, &new_keys);
        for (&i, key) in moved.iter().zip(new_keys) {
            if let Some(slot) = self.keys.get_mut(i as usize) {
                *slot = key;
            }
        }
        self.reposition_name_orders(&moved);
        true
    }

    /// Drops the cached views in which a row of `moved` would match
    /// differently with its new search key (or that sort by name).
    fn keep_views_unchanged_by(&mut self, moved: &[u32], new_keys: &[Box<str>]) {
        let Ok(views) = self.views.get_mut() else {
            return;
        };
        let keys = &self.keys;
        views.retain(|v| {
            let by_name = v.spec.sort.is_some_and(|(c, _)| R::sorts_by_name(c));
            !by_name
                && moved.iter().zip(new_keys).all(|(&i, new)| {
                    let old = keys.get(i as usize).map(|k| &**k).unwrap_or_default();
                    has_terms(old, &v.terms) == has_terms(new, &v.terms)
                })
        });
    }

    /// Puts the rows of `moved` back in place in every cached order that
    /// sorts by name (their names, hence their keys, changed).
    fn reposition_name_orders(&mut self, moved: &[u32]) {
        let (rows, names) = (&self.rows, &self.names);
        let columns = R::columns();
        let Ok(sorted) = self.sorted.get_mut() else {
            return;
        };
        for s in sorted.iter_mut() {
            let Some(&column) = columns.get(s.column).filter(|&&c| R::sorts_by_name(c)) else {
                continue;
            };
            let key = |i: u32| {
                rows.get(i as usize)
                    .map_or(SortKey::Missing, |r| r.sort_key(column, names))
            };
            order::reposition(&mut s.order, moved, key, s.dir);
        }
    }

    /// The names in use.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// All rows, in arrival order.
    pub fn rows(&self) -> &[R] {
        &self.rows
    }

    /// The row at a view index.
    pub fn get(&self, index: u32) -> Option<&R> {
        self.rows.get(index as usize)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Indexes of the rows matching `spec`, in `spec`'s order.
    pub fn view(&self, spec: &ViewSpec<R::Column>) -> Vec<u32> {
        let terms = search_terms(&spec.search);
        if let Some(indexes) = self.reuse_cached_view(spec, &terms) {
            return indexes;
        }
        let mut indexes = match spec.sort {
            Some((column, dir)) => self.sorted_matching(spec, &terms, column, dir),
            None => self.matching(0..self.upper(), spec, &terms),
        };
        if spec.failed_first {
            let failed = &self.failed;
            indexes = order::failures_first(indexes, |i| {
                failed.get(i as usize).copied().unwrap_or(false)
            });
        }
        self.remember_view(spec, terms, &indexes);
        indexes
    }

    /// The view from a cached one: the same spec, or one whose search every
    /// term of `terms` narrows (its rows in its order, filtered again).
    fn reuse_cached_view(&self, spec: &ViewSpec<R::Column>, terms: &[String]) -> Option<Vec<u32>> {
        let mut views = self.views.lock().ok()?;
        let exact = views.iter().position(|v| v.spec == *spec);
        if let Some(hit) = exact {
            let view = views.remove(hit);
            let indexes = view.indexes.clone();
            views.insert(0, view);
            return Some(indexes);
        }
        let wider = views
            .iter()
            .find(|v| narrows(&v.spec, &v.terms, spec, terms))?;
        let indexes = self.matching(wider.indexes.iter().copied(), spec, terms);
        drop(views);
        self.remember_view(spec, terms.to_vec(), &indexes);
        Some(indexes)
    }

    /// Keeps `indexes` as the view of `spec` (most recent first).
    fn remember_view(&self, spec: &ViewSpec<R::Column>, terms: Vec<String>, indexes: &[u32]) {
        let Ok(mut views) = self.views.lock() else {
            return;
        };
        views.retain(|v| v.spec != *spec);
        views.insert(
            0,
            CachedView {
                spec: spec.clone(),
                terms,
                indexes: indexes.to_vec(),
            },
        );
        views.truncate(CACHED_VIEWS);
    }

    /// Indexes of rows passing the search, status and failure filters.
    pub fn filter(&self, spec: &ViewSpec<R::Column>) -> Vec<u32> {
        let terms = search_terms(&spec.search);
        self.matching(0..self.upper(), spec, &terms)
    }

    /// One past the last row index.
    fn upper(&self) -> u32 {
        u32::try_from(self.rows.len()).unwrap_or(u32::MAX)
    }

    /// The indexes of `candidates` that pass `spec`'s filters, in order.
    fn matching(
        &self,
        candidates: impl Iterator<Item = u32>,
        spec: &ViewSpec<R::Column>,
        terms: &[String],
    ) -> Vec<u32> {
        candidates
            .filter(|&i| self.matches(i, spec, terms))
            .collect()
    }

    /// Whether row `i` passes the search terms, status and failure filters.
    fn matches(&self, i: u32, spec: &ViewSpec<R::Column>, terms: &[String]) -> bool {
        let Some(row) = self.get(i) else { return false };
        if spec.only_failures && !row.is_failure() {
            return false;
        }
        if !spec.statuses.is_empty() && !row.status().is_some_and(|s| spec.statuses.contains(s)) {
            return false;
        }
        let key = self.keys.get(i as usize).map(|k| &**k).unwrap_or_default();
        has_terms(key, terms)
    }

    /// The matching rows sorted by `column`: filters the cached order of all
    /// rows (sorting them once per column and direction), which equals a
    /// stable sort of the filtered rows.
    fn sorted_matching(
        &self,
        spec: &ViewSpec<R::Column>,
        terms: &[String],
        column: R::Column,
        dir: SortDir,
    ) -> Vec<u32> {
        let slot = R::columns().iter().position(|&c| c == column);
        let (Some(slot), Ok(mut cache)) = (slot, self.sorted.lock()) else {
            let mut indexes = self.matching(0..self.upper(), spec, terms);
            self.sort(&mut indexes, column, dir);
            return indexes;
        };
        match cache.iter().position(|s| s.column == slot && s.dir == dir) {
            Some(hit) => {
                let order = cache.remove(hit);
                cache.insert(0, order);
            }
            None => {
                let order = self.full_order(column, dir);
                cache.insert(
                    0,
                    SortedOrder {
                        column: slot,
                        dir,
                        order,
                    },
                );
                cache.truncate(R::columns().len() * 2);
            }
        }
        let Some(sorted) = cache.first() else {
            return Vec::new();
        };
        if terms.is_empty() && spec.statuses.is_empty() && !spec.only_failures {
            return sorted.order.clone();
        }
        let mask: Vec<bool> = (0..self.upper())
            .map(|i| self.matches(i, spec, terms))
            .collect();
        sorted
            .order
            .iter()
            .copied()
            .filter(|&i| mask.get(i as usize).copied().unwrap_or(false))
            .collect()
    }

    /// Every row index sorted by `column`: one key per row, stable so ties
    /// stay in row order (the same order as [`Table::sort`] over all rows).
    fn full_order(&self, column: R::Column, dir: SortDir) -> Vec<u32> {
        let keyed: Vec<(SortKey, u32)> = self
            .rows
            .iter()
            .zip(0..self.upper())
            .map(|(row, i)| (row.sort_key(column, &self.names), i))
            .collect();
        order::sort_keyed(keyed, dir)
    }

    /// Sorts `indexes` by `column` (stable, missing values last either way).
    pub fn sort(&self, indexes: &mut Vec<u32>, column: R::Column, dir: SortDir) {
        let keyed: Vec<(SortKey, u32)> = indexes
            .iter()
            .map(|&i| {
                let key = self
                    .get(i)
                    .map_or(SortKey::Missing, |r| r.sort_key(column, &self.names));
                (key, i)
            })
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
        self.rows.iter().filter(|r| r.is_failure()).count()
    }

    /// CSV of the rows at `indexes` with `columns` (all columns when empty).
    pub fn to_csv(&self, indexes: &[u32], columns: &[R::Column]) -> String {
        let columns = if columns.is_empty() {
            R::columns()
        } else {
            columns
        };
        to_csv(
            columns.iter().map(|&c| R::column_title(c).to_string()),
            indexes.iter().filter_map(|&i| self.get(i)).map(|row| {
                columns
                    .iter()
                    .map(|&c| row.cell_text(c, &self.names))
                    .collect::<Vec<_>>()
            }),
        )
    }
}

/// The lowercased words of a search.
fn search_terms(search: &str) -> Vec<String> {
    search.split_whitespace().map(str::to_lowercase).collect()
}

fn search_key<R: TableRow>(row: &R, names: &Names) -> Box<str> {
    let mut text = String::new();
    row.search_text(names, &mut text);
    text.to_lowercase().into_boxed_str()
}

/// Whether every term occurs in `key`.
fn has_terms(key: &str, terms: &[String]) -> bool {
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

/// Ids whose resolved user differs between `old` and `new`.
fn changed_ids(old: &Names, new: &Names) -> HashSet<String> {
    let added = new.iter().filter(|(id, user)| old.get(*id) != Some(*user));
    let removed = old.iter().filter(|(id, _)| !new.contains_key(*id));
    added.chain(removed).map(|(id, _)| id.clone()).collect()
}

/// Whether `spec` (with `terms`) shows a subset of `wider`'s rows in the
/// same order: same filters and sort, and every term of `wider` is part of
/// a term of `spec`.
fn narrows<C: PartialEq>(
    wider: &ViewSpec<C>,
    wider_terms: &[String],
    spec: &ViewSpec<C>,
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
