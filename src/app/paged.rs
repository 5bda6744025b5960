//! A paged load owned by a screen: rows appended to the data layer's
//! [`Table`] as pages arrive (search keys computed once per row), progress,
//! Stop, and an error that leaves the rows already loaded on screen and can
//! be resumed from the page that failed.

use super::api::{handle_error, more_pages, ApiResult};
use super::session::Session;
use crate::components::error_banner::ErrorDetails;
use crate::graph::{CancelFlag, ErrorKind};
use crate::table::{Table, TableRow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

/// Least time between two appends to the table while pages arrive.
const FLUSH_MS: i64 = 400;

/// Callback a fetch calls with each page and the running total.
pub type PageSink<T> = Box<dyn FnMut(Vec<T>, usize)>;

/// Signals of one paged collection.
pub struct PagedRows<T: TableRow + Send + Sync + 'static> {
    /// Rows in arrival order (indices are stable while a load runs).
    pub rows: RwSignal<Table<T>>,
    /// Pages are still arriving.
    pub loading: RwSignal<bool>,
    /// The first page has not arrived yet.
    pub first_pending: RwSignal<bool>,
    /// Rows loaded so far.
    pub loaded: RwSignal<usize>,
    /// The last failure, if any.
    pub error: RwSignal<Option<ErrorDetails>>,
    /// Loading was stopped by the user before the last page.
    pub stopped: RwSignal<bool>,
    /// After a failed page: its link, to resume loading from there.
    pub resume_from: RwSignal<Option<String>>,
    cancel: StoredValue<CancelFlag>,
    generation: StoredValue<u64>,
}

impl<T: TableRow + Send + Sync + 'static> Clone for PagedRows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: TableRow + Send + Sync + 'static> Copy for PagedRows<T> {}

impl<T: TableRow + Send + Sync + 'static> PagedRows<T> {
    /// Empty, not loading.
    pub fn new() -> Self {
        Self {
            rows: RwSignal::new(Table::default()),
            loading: RwSignal::new(false),
            first_pending: RwSignal::new(true),
            loaded: RwSignal::new(0),
            error: RwSignal::new(None),
            stopped: RwSignal::new(false),
            resume_from: RwSignal::new(None),
            cancel: StoredValue::new(CancelFlag::new()),
            generation: StoredValue::new(0),
        }
    }

    /// Starts a fresh load (cancelling any running one) with `fetch`.
    pub fn start<F, Fut>(&self, session: Session, fetch: F)
    where
        F: FnOnce(CancelFlag, PageSink<T>) -> Fut + 'static,
        Fut: Future<Output = ApiResult<()>> + 'static,
    {
        self.rows.update(|t| {
            let names = t.shared_names();
            *t = Table::default();
            t.set_names(names);
        });
        self.loaded.set(0);
        self.first_pending.set(true);
        self.load(session, 0, fetch);
    }

    /// Runs `fetch`, appending its pages to the rows already loaded; the
    /// sink's running totals count from `offset`.
    fn load<F, Fut>(&self, session: Session, offset: usize, fetch: F)
    where
        F: FnOnce(CancelFlag, PageSink<T>) -> Fut + 'static,
        Fut: Future<Output = ApiResult<()>> + 'static,
    {
        self.cancel.with_value(CancelFlag::cancel);
        let flag = CancelFlag::new();
        self.cancel.set_value(flag.clone());
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let this = *self;
        let is_current = move || this.generation.try_get_value() == Some(generation);
        self.error.set(None);
        self.resume_from.set(None);
        self.stopped.set(false);
        self.loading.set(true);
        // Pages are buffered and appended at most every FLUSH_MS, so a
        // 100,000-row load does not re-filter and re-sort the view per page.
        let buffer: Rc<RefCell<Vec<T>>> = Rc::new(RefCell::new(Vec::new()));
        let flush = {
            let buffer = Rc::clone(&buffer);
            move || {
                let rows = std::mem::take(&mut *buffer.borrow_mut());
                if !rows.is_empty() {
                    this.rows.update(|t| t.push_rows(rows));
                }
            }
        };
        let last_flush = Cell::new(0_i64);
        let sink: PageSink<T> = {
            let flush = flush.clone();
            let buffer = Rc::clone(&buffer);
            Box::new(move |page, total| {
                if !is_current() {
                    return;
                }
                buffer.borrow_mut().extend(page);
                this.loaded.set(offset + total);
                let now = chrono::Utc::now().timestamp_millis();
                if now - last_flush.get() >= FLUSH_MS {
                    last_flush.set(now);
                    flush();
                    this.first_pending.set(false);
                }
            })
        };
        spawn_local(async move {
            let result = fetch(flag.clone(), sink).await;
            if !is_current() {
                return;
            }
            flush();
            this.loading.set(false);
            this.first_pending.set(false);
            this.stopped.set(flag.is_cancelled());
            if let Err(e) = result {
                if e.kind != ErrorKind::Aborted {
                    // Resuming only makes sense once rows are on screen;
                    // before that, Retry starts over.
                    let has_rows = this.loaded.get_untracked() > 0;
                    this.resume_from.set(
                        e.resume_from
                            .as_deref()
                            .filter(|_| has_rows)
                            .map(String::from),
                    );
                    this.error.set(Some(handle_error(&session, &e)));
                }
            }
        });
    }

    /// Stops after the request in flight; rows loaded so far stay.
    pub fn stop(&self) {
        self.cancel.with_value(CancelFlag::cancel);
    }
}

impl<T: TableRow + DeserializeOwned + Send + Sync + 'static> PagedRows<T> {
    /// Continues a failed load from the page that failed; the rows already
    /// loaded stay and are not fetched again. Does nothing without a failure.
    pub fn resume(&self, session: Session) {
        let Some(from) = self.resume_from.get_untracked() else {
            return;
        };
        let offset = self.loaded.get_untracked();
        self.load(session, offset, move |cancel, sink| {
            more_pages(session, from, cancel, sink)
        });
    }
}

impl<T: TableRow + Send + Sync + 'static> Default for PagedRows<T> {
    fn default() -> Self {
        Self::new()
    }
}
