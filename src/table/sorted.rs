//! A table's sort orders: one order of every row per column and direction
//! used (a view filters it), the opposite direction derived in one pass
//! from a fresh order's ties, and orders computed ahead in idle time a
//! slice of rows at a time.

use super::search::Terms;
use super::{order, row_sort_key, sort_key, Column, SortKey, Table, TableRow, ViewSpec};
use crate::model::SortDir;

/// The order of every row for one sort. An order by a name column stays
/// as it was sorted when names arrive (rows do not move under the reader's
/// eyes): the rows whose names changed since wait in `stale` until
/// [`Table::resort_names`].
#[derive(Debug)]
pub(super) struct SortedOrder<R: 'static> {
    pub(super) column: &'static Column<R>,
    pub(super) dir: SortDir,
    pub(super) order: Vec<u32>,
    /// Which neighbours tie and how many rows are missing the value (the
    /// opposite direction derives from them): known for a fresh sort, and
    /// kept right as pages are inserted and renamed rows moved.
    pub(super) ties: Option<(Vec<bool>, usize)>,
    /// Rows whose sort key changed since they were placed (name orders).
    pub(super) stale: Vec<u32>,
    /// A view has used it (an order computed ahead, in idle time, has not).
    pub(super) shown: bool,
}

impl<R> SortedOrder<R> {
    /// A freshly sorted order (its ties known), not shown yet.
    pub(super) fn fresh(column: &'static Column<R>, dir: SortDir, full: order::FullOrder) -> Self {
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
pub(super) struct Warming<R: 'static> {
    pub(super) column: &'static Column<R>,
    pub(super) keyed: Vec<(SortKey, u32)>,
}

impl<R> Clone for Warming<R> {
    fn clone(&self) -> Self {
        Warming {
            column: self.column,
            keyed: self.keyed.clone(),
        }
    }
}

impl<R: TableRow> Table<R> {
    /// The matching rows sorted by `column`: filters the cached order of all
    /// rows (sorting them once per column and direction), which equals a
    /// stable sort of the filtered rows.
    pub(super) fn sorted_matching(
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
}
