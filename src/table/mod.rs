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

pub use columns::{RunColumn, TaskReportColumn, TaskResultColumn, UserResultColumn};
pub use csv::{csv_field, to_csv};
pub use key::SortKey;

use std::cmp::Ordering;
use std::collections::HashMap;

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

/// Rows plus their precomputed search keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<R: TableRow> {
    rows: Vec<R>,
    keys: Vec<Box<str>>,
    names: Names,
}

impl<R: TableRow> Default for Table<R> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            keys: Vec::new(),
            names: Names::new(),
        }
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
    }

    /// Sets resolved user names and recomputes search keys.
    pub fn set_names(&mut self, names: Names) {
        self.names = names;
        self.keys = self
            .rows
            .iter()
            .map(|r| search_key(r, &self.names))
            .collect();
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
        let mut indexes = self.filter(spec);
        if let Some((column, dir)) = spec.sort {
            self.sort(&mut indexes, column, dir);
        }
        if spec.failed_first {
            indexes.sort_by_key(|&i| !self.get(i).is_some_and(R::is_failure));
        }
        indexes
    }

    /// Indexes of rows passing the search, status and failure filters.
    pub fn filter(&self, spec: &ViewSpec<R::Column>) -> Vec<u32> {
        let terms: Vec<String> = spec
            .search
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let upper = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        (0..upper)
            .filter(|&i| {
                let Some(row) = self.get(i) else { return false };
                if spec.only_failures && !row.is_failure() {
                    return false;
                }
                if !spec.statuses.is_empty()
                    && !row.status().is_some_and(|s| spec.statuses.contains(s))
                {
                    return false;
                }
                let key = self.keys.get(i as usize).map(|k| &**k).unwrap_or_default();
                terms.iter().all(|t| key.contains(t.as_str()))
            })
            .collect()
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
