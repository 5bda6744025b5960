//! A paged load owned by a screen: rows appended to the pure [`Table`] as
//! pages arrive, progress, Stop, and an error that leaves the rows already
//! loaded on screen and can be resumed from the page that failed. The load
//! is tied to its screen: leaving the screen (or starting another load)
//! aborts the request in flight and stops paging; an older load's pages
//! never reach the table.
//!
//! A kept load ([`PagedRows::start_kept`], [`PagedRows::restore`]) goes to
//! the session's [`ResultCache`](crate::app::session::result_cache::ResultCache) when its
//! screen is left, if it completed, with the scroll position; coming back
//! takes it out again instead of asking Graph.

use crate::app::api::{more_pages, ApiResult};
use crate::app::load::batched::Batched;
use crate::app::load::generation::{Generation, Stamp};
use crate::app::load::idle::when_idle;
use crate::app::session::context::SessionContext;
use crate::app::session::result_cache::{CacheKey, Kept};
use crate::graph::{CancelFlag, ErrorKind, GraphError};
use crate::table::{Table, TableRow};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::time::Duration;

/// Least time between two appends to the table while pages arrive.
const FLUSH_EVERY: Duration = Duration::from_millis(400);

/// Callback a fetch calls with each page and the running total.
pub(crate) type PageSink<T> = Box<dyn FnMut(Vec<T>, usize)>;

/// Signals of one paged collection (a `Copy` handle).
pub(crate) struct PagedRows<T: TableRow + Send + Sync + 'static> {
    /// Rows in arrival order (indices are stable while a load runs).
    pub rows: RwSignal<Table<T>>,
    /// Pages are still arriving.
    pub loading: RwSignal<bool>,
    /// The first page has not arrived yet.
    pub first_pending: RwSignal<bool>,
    /// Rows loaded so far.
    pub loaded: RwSignal<usize>,
    /// The last failure, if any (already through the session's checks).
    pub error: RwSignal<Option<GraphError>>,
    /// Loading was stopped by the user before the last page.
    pub stopped: RwSignal<bool>,
    /// After a failed page: its link, to resume loading from there.
    pub resume_from: RwSignal<Option<String>>,
    /// A load has ended (so an empty table means "none", not "not asked").
    pub finished: RwSignal<bool>,
    /// When the rows shown were loaded completely (also when restored).
    pub loaded_at: RwSignal<Option<DateTime<Utc>>>,
    /// The table's scroll position (the table writes it; kept with the rows).
    pub scroll_top: RwSignal<f64>,
    /// The load in flight: the newest one's pages alone reach the table.
    loads: Generation,
    /// Where the load is kept once complete: the session, the key and the
    /// cache generation it was started in.
    kept: StoredValue<Option<(SessionContext, CacheKey, u64)>>,
}

impl<T: TableRow + Send + Sync + 'static> Clone for PagedRows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: TableRow + Send + Sync + 'static> Copy for PagedRows<T> {}

impl<T: TableRow + Send + Sync + 'static> PagedRows<T> {
    /// Empty, not loading; its loads stop when the current owner (the
    /// screen) is cleaned up.
    pub(crate) fn new() -> Self {
        let this = Self {
            rows: RwSignal::new(Table::default()),
            loading: RwSignal::new(false),
            first_pending: RwSignal::new(true),
            loaded: RwSignal::new(0),
            error: RwSignal::new(None),
            stopped: RwSignal::new(false),
            resume_from: RwSignal::new(None),
            finished: RwSignal::new(false),
            loaded_at: RwSignal::new(None),
            scroll_top: RwSignal::new(0.0),
            loads: Generation::new(),
            kept: StoredValue::new(None),
        };
        // Runs before the screen's own signals are disposed: the rows are
        // still there to be kept.
        on_cleanup(move || this.leave());
        this
    }

    /// Leaving the screen: stops the load; a complete kept load moves its
    /// rows (no copy) and scroll position into the session's cache.
    fn leave(&self) {
        self.loads.stop();
        let Some(Some((session, key, generation))) = self.kept.try_get_value() else {
            return;
        };
        if !self.is_complete_untracked() {
            return;
        }
        let Some(table) = self.rows.try_update_untracked(std::mem::take) else {
            return;
        };
        let kept = Kept {
            loaded_at: self
                .loaded_at
                .try_get_untracked()
                .flatten()
                .unwrap_or_else(Utc::now),
            scroll_top: self.scroll_top.try_get_untracked().unwrap_or(0.0),
            value: table,
        };
        let rows = kept.value.len();
        session.results.put(generation, key, rows, kept);
    }

    /// Whether the last load ended with its last page (not stopped, not
    /// failed, not running).
    fn is_complete_untracked(&self) -> bool {
        self.finished.try_get_untracked() == Some(true)
            && self.loading.try_get_untracked() == Some(false)
            && self.stopped.try_get_untracked() == Some(false)
            && self.error.try_with_untracked(Option::is_none) == Some(true)
    }

    /// Shows the complete load the session keeps under `key`, if any (no
    /// Graph request), at the scroll position it was left at; it is kept
    /// again when the screen is left. Returns whether it did.
    pub(crate) fn restore(&self, session: SessionContext, key: CacheKey) -> bool {
        let Some(kept) = session.results.take::<Table<T>>(&key) else {
            return false;
        };
        self.loads.stop();
        let mut table = kept.value;
        table.set_names(session.users.snapshot_untracked());
        // The position first: the table scrolls there once the rows show.
        self.scroll_top.set(kept.scroll_top);
        self.loaded.set(table.len());
        self.rows.set(table);
        self.error.set(None);
        self.resume_from.set(None);
        self.stopped.set(false);
        self.loading.set(false);
        self.first_pending.set(false);
        self.finished.set(true);
        self.loaded_at.set(Some(kept.loaded_at));
        self.kept
            .set_value(Some((session, key, session.results.generation())));
        true
    }

    /// Like [`PagedRows::start`], and keeps the load under `key` for the
    /// session once it completes and its screen is left.
    pub(crate) fn start_kept<F, Fut>(&self, session: SessionContext, key: CacheKey, fetch: F)
    where
        F: FnOnce(CancelFlag, PageSink<T>) -> Fut + 'static,
        Fut: Future<Output = ApiResult<()>> + 'static,
    {
        self.start(session, fetch);
        self.kept
            .set_value(Some((session, key, session.results.generation())));
    }

    /// Whether the rows are (or are being) loaded for `key`: a kept load
    /// restored, running or complete; not after a failure or a Stop.
    pub(crate) fn holds(&self, key: &CacheKey) -> bool {
        let same = self
            .kept
            .with_value(|k| k.as_ref().is_some_and(|(_, kept, _)| kept == key));
        same && (self.loading.get_untracked() || self.is_complete_untracked())
    }

    /// Starts a fresh load (cancelling any running one) with `fetch`.
    pub(crate) fn start<F, Fut>(&self, session: SessionContext, fetch: F)
    where
        F: FnOnce(CancelFlag, PageSink<T>) -> Fut + 'static,
        Fut: Future<Output = ApiResult<()>> + 'static,
    {
        self.kept.set_value(None);
        self.loaded_at.set(None);
        let names = session.users.snapshot_untracked();
        self.rows.update(|t| {
            *t = Table::default();
            t.set_names(names);
        });
        self.loaded.set(0);
        self.first_pending.set(true);
        self.load(0, fetch);
    }

    /// Runs `fetch`, appending its pages to the rows already loaded; the
    /// sink's running totals count from `offset`.
    fn load<F, Fut>(&self, offset: usize, fetch: F)
    where
        F: FnOnce(CancelFlag, PageSink<T>) -> Fut + 'static,
        Fut: Future<Output = ApiResult<()>> + 'static,
    {
        let ticket = self.loads.next();
        let stamp = ticket.stamp();
        let is_current = move || stamp.is_current();
        let this = *self;
        self.error.set(None);
        self.resume_from.set(None);
        self.stopped.set(false);
        self.loading.set(true);
        let (sink, batch) = self.buffered_sink(offset, is_current);
        spawn_local(async move {
            let flag = ticket.flag().clone();
            let result = ticket.guard(fetch(flag.clone(), sink)).await;
            if !is_current() {
                return;
            }
            batch.flush();
            this.finish(flag.is_cancelled(), result);
        });
    }

    /// A sink that hands pages to a [`Batched`] appending them at most
    /// every [`FLUSH_EVERY`], so a 100,000-row load does not re-filter and
    /// re-sort the view per page; the batch's `flush` appends what is left.
    /// The count of rows loaded moves with the appends, not with every
    /// page: each change of it is a redraw, and pages arrive faster than
    /// frames.
    fn buffered_sink(
        &self,
        offset: usize,
        is_current: impl Fn() -> bool + Copy + 'static,
    ) -> (PageSink<T>, Batched<(Vec<T>, usize)>) {
        let this = *self;
        let batch = Batched::new(FLUSH_EVERY, move |pages: Vec<(Vec<T>, usize)>| {
            let Some(&(_, loaded)) = pages.last().filter(|_| is_current()) else {
                return;
            };
            let rows: Vec<T> = pages.into_iter().flat_map(|(rows, _)| rows).collect();
            if !rows.is_empty() {
                this.rows.update(|t| t.push_rows(rows));
            }
            this.loaded.set(loaded);
            this.first_pending.set(false);
        });
        let sink: PageSink<T> = {
            let batch = batch.clone();
            Box::new(move |page, total| {
                if is_current() {
                    batch.push((page, offset + total));
                }
            })
        };
        (sink, batch)
    }

    /// Records how a load ended.
    fn finish(&self, stopped: bool, result: ApiResult<()>) {
        self.finished.set(true);
        self.loading.set(false);
        self.first_pending.set(false);
        self.stopped.set(stopped);
        if !stopped && result.is_ok() {
            self.loaded_at.set(Some(Utc::now()));
        }
        let Err(e) = result else { return };
        if e.kind == ErrorKind::Aborted {
            return;
        }
        // Resuming only makes sense once rows are on screen; before that,
        // Retry starts over.
        let has_rows = self.loaded.get_untracked() > 0;
        self.resume_from.set(
            e.resume_from
                .as_deref()
                .filter(|_| has_rows)
                .map(String::from),
        );
        self.error.set(Some(e));
    }

    /// Stops now (the request in flight is aborted); rows loaded so far stay.
    pub(crate) fn stop(&self) {
        self.loads.cancel();
    }

    /// While no page is arriving, computes the sort orders of the `shown`
    /// columns ahead, a slice of rows per idle period, so that the first click
    /// on a header is as quick as a repeated one. Starts over when the rows
    /// or the columns change; stops with the screen.
    pub(crate) fn warm_sorts(&self, shown: Memo<Vec<&'static str>>) {
        let (rows, loading) = (self.rows, self.loading);
        let rounds = Generation::new();
        Effect::new(move |_| {
            rows.track();
            let columns = shown.get();
            let round = rounds.next().stamp();
            if !loading.get() {
                warm_next(rows, columns, round);
            }
        });
    }
}

/// Sort keys read per idle period while orders are computed ahead: a
/// slice is a few milliseconds, so a keystroke arriving meanwhile waits
/// for that slice, not for a whole column's sort (a User order of 300,000
/// rows at once held the page for a keystroke's worth of frames); the
/// sort itself runs once the keys are read.
const WARM_ROWS: usize = 20_000;

/// Computes a slice of a column's sort order in the next idle period, then
/// asks for the next slice, until every column has one or a newer round
/// started.
fn warm_next<T: TableRow + Send + Sync + 'static>(
    rows: RwSignal<Table<T>>,
    columns: Vec<&'static str>,
    round: Stamp,
) {
    when_idle(move || {
        if !round.is_current() {
            return;
        }
        let more = rows
            .try_update_untracked(|t| t.warm_order_slice(&columns, WARM_ROWS))
            .unwrap_or(false);
        if more {
            warm_next(rows, columns, round);
        }
    });
}

impl<T: TableRow + DeserializeOwned + Send + Sync + 'static> PagedRows<T> {
    /// Continues a failed load from the page that failed; the rows already
    /// loaded stay and are not fetched again. Does nothing without a failure.
    pub(crate) fn resume(&self, session: SessionContext) {
        let Some(from) = self.resume_from.get_untracked() else {
            return;
        };
        let offset = self.loaded.get_untracked();
        self.load(offset, move |cancel, sink| {
            more_pages(session, from, cancel, sink)
        });
    }
}

impl<T: TableRow + Send + Sync + 'static> Default for PagedRows<T> {
    fn default() -> Self {
        Self::new()
    }
}
