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
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use columns::{RunColumn, TaskReportColumn, TaskResultColumn, UserResultColumn};
pub use csv::{csv_field, to_csv};
pub use key::SortKey;

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Mutex;

use crate::graph::SortDir;
use crate::model::{GraphUser, ProcessingStatus};

/// Resolved users by id, for name columns and name search.
pub type Names = HashMap<String, GraphUser>;

/// A row type the table can show.
pub trait TableRow {
    /// The columns of this row type.
    type Column: Copy + Eq + std::fmt::Debug + 'static;

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

/// How many full-table sort orders a table keeps (e.g. both directions of
/// two columns).
const CACHED_ORDERS: usize = 4;

/// The order of every row for one sort (column position in
/// [`TableRow::columns`], direction); valid until rows or names change.
#[derive(Debug, Clone)]
struct SortedOrder {
    column: usize,
    dir: SortDir,
    order: Vec<u32>,
}

/// Rows plus their precomputed search keys and cached sort orders.
#[derive(Debug)]
pub struct Table<R: TableRow> {
    rows: Vec<R>,
    keys: Vec<Box<str>>,
    names: Names,
    /// Most recently used first; a view filters a cached order instead of
    /// sorting the filtered rows again.
    sorted: Mutex<Vec<SortedOrder>>,
}

impl<R: TableRow> Default for Table<R> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            keys: Vec::new(),
            names: Names::new(),
            sorted: Mutex::default(),
        }
    }
}

impl<R: TableRow + Clone> Clone for Table<R> {
    fn clone(&self) -> Self {
        let sorted = self.sorted.lock().map(|s| s.clone()).unwrap_or_default();
        Table {
            rows: self.rows.clone(),
            keys: self.keys.clone(),
            names: self.names.clone(),
            sorted: Mutex::new(sorted),
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

    /// Appends a page of rows (paging).
    pub fn push_rows(&mut self, rows: Vec<R>) {
        self.keys.reserve(rows.len());
        for row in &rows {
            self.keys.push(search_key(row, &self.names));
        }
        self.rows.extend(rows);
        self.sorted = Mutex::default();
    }

    /// Sets resolved user names and recomputes search keys.
    pub fn set_names(&mut self, names: Names) {
        self.names = names;
        self.keys = self
            .rows
            .iter()
            .map(|r| search_key(r, &self.names))
            .collect();
        self.sorted = Mutex::default();
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
        let mut indexes = match spec.sort {
            Some((column, dir)) => self.sorted_matching(spec, &terms, column, dir),
            None => self.matching(0..self.upper(), spec, &terms),
        };
        if spec.failed_first {
            indexes.sort_by_key(|&i| !self.get(i).is_some_and(R::is_failure));
        }
        indexes
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
        terms.iter().all(|t| key.contains(t.as_str()))
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
                cache.truncate(CACHED_ORDERS);
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
        let mut keyed: Vec<(SortKey, u32)> = self
            .rows
            .iter()
            .zip(0..self.upper())
            .map(|(row, i)| (row.sort_key(column, &self.names), i))
            .collect();
        keyed.sort_by(|a, b| compare_keys(&a.0, &b.0, dir));
        keyed.into_iter().map(|(_, i)| i).collect()
    }

    /// Sorts `indexes` by `column` (stable, missing values last either way).
    pub fn sort(&self, indexes: &mut Vec<u32>, column: R::Column, dir: SortDir) {
        let mut keyed: Vec<(SortKey, u32)> = indexes
            .iter()
            .map(|&i| {
                let key = self
                    .get(i)
                    .map_or(SortKey::Missing, |r| r.sort_key(column, &self.names));
                (key, i)
            })
            .collect();
        keyed.sort_by(|a, b| compare_keys(&a.0, &b.0, dir));
        *indexes = keyed.into_iter().map(|(_, i)| i).collect();
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

fn compare_keys(a: &SortKey, b: &SortKey, dir: SortDir) -> Ordering {
    match (a.is_missing(), b.is_missing()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => {
            let ord = a.cmp(b);
            match dir {
                SortDir::Asc => ord,
                SortDir::Desc => ord.reverse(),
            }
        }
    }
}
