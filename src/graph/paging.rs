//! Following `@odata.nextLink` verbatim until it is absent, with progress
//! counts, a shared stop flag, and guards against loops and foreign hosts
//! (the token must never be sent to another origin).

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use super::error::GraphError;
use super::url::origin;
use crate::model::Page;

/// A shared "stop loading" flag; clones share the flag. Cancelling also
/// wakes every future wrapped with [`CancelFlag::guard`], which then drops
/// the work it wraps (the browser transport aborts its request in flight
/// when dropped) and answers [`ErrorKind::Aborted`](super::error::ErrorKind::Aborted).
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<CancelState>);

#[derive(Debug, Default)]
struct CancelState {
    cancelled: AtomicBool,
    wakers: Mutex<Vec<Waker>>,
}

impl CancelFlag {
    /// A flag that is not set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every loop holding this flag to stop, and stops the guarded
    /// futures at once.
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::Relaxed);
        let wakers = match self.0.wakers.lock() {
            Ok(mut w) => std::mem::take(&mut *w),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        };
        wakers.into_iter().for_each(Waker::wake);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::Relaxed)
    }

    /// `work`, stopped (dropped) as soon as this flag is cancelled.
    pub fn guard<F, T>(&self, work: F) -> Guarded<F>
    where
        F: Future<Output = Result<T, GraphError>>,
    {
        Guarded {
            flag: self.clone(),
            work: Box::pin(work),
        }
    }

    fn register(&self, waker: &Waker) {
        if let Ok(mut wakers) = self.0.wakers.lock() {
            if !wakers.iter().any(|w| w.will_wake(waker)) {
                wakers.push(waker.clone());
            }
        }
    }
}

impl PartialEq for CancelFlag {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// A future that ends with [`GraphError::aborted`] once its flag is cancelled.
pub struct Guarded<F> {
    flag: CancelFlag,
    work: Pin<Box<F>>,
}

impl<F, T> Future for Guarded<F>
where
    F: Future<Output = Result<T, GraphError>>,
{
    type Output = Result<T, GraphError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.flag.is_cancelled() {
            return Poll::Ready(Err(GraphError::aborted()));
        }
        self.flag.register(cx.waker());
        self.work.as_mut().poll(cx)
    }
}

/// How far a paged load got.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    /// Rows delivered so far.
    pub loaded: usize,
    /// Pages received so far.
    pub pages: u32,
    /// `@odata.count`, when Graph sent it.
    pub total: Option<u64>,
    /// Rows of the pages that could not be read.
    pub skipped: usize,
    /// The last page arrived (no `@odata.nextLink`).
    pub done: bool,
    /// Stopped by the cancel flag before the last page.
    pub stopped: bool,
}

/// Upper bound of pages one load follows (a safety net against endless links).
pub const MAX_PAGES: u32 = 20_000;

/// The paging state machine: ask [`next_url`](Pager::next_url), fetch it,
/// hand the page to [`record`](Pager::record), repeat.
#[derive(Debug, Clone)]
pub struct Pager {
    next: Option<String>,
    allowed_origin: Option<String>,
    seen: HashSet<String>,
    progress: Progress,
}

impl Pager {
    /// Starts at `first_url`; next links must share its origin.
    pub fn new(first_url: impl Into<String>) -> Self {
        let first = first_url.into();
        Pager {
            allowed_origin: origin(&first),
            seen: HashSet::from([first.clone()]),
            next: Some(first),
            progress: Progress::default(),
        }
    }

    /// The URL to fetch next, `None` when done or stopped (then `progress`
    /// says which).
    pub fn next_url(&mut self, cancel: &CancelFlag) -> Option<String> {
        if self.next.is_some() && cancel.is_cancelled() {
            self.next = None;
            self.progress.stopped = true;
        }
        self.next.clone()
    }

    /// Records a received page: counts its rows and takes its next link.
    /// Fails (and ends paging) on a link to another origin, a link already
    /// followed, or too many pages.
    pub fn record<T>(&mut self, page: &Page<T>) -> Result<&Progress, GraphError> {
        self.progress.pages = self.progress.pages.saturating_add(1);
        self.progress.loaded = self.progress.loaded.saturating_add(page.value.len());
        self.progress.skipped = self.progress.skipped.saturating_add(page.skipped_rows);
        if page.count.is_some() {
            self.progress.total = page.count;
        }
        self.next = None;
        match &page.next_link {
            None => {
                self.progress.done = true;
                Ok(&self.progress)
            }
            Some(link) => {
                self.check_link(link)?;
                self.seen.insert(link.clone());
                self.next = Some(link.clone());
                Ok(&self.progress)
            }
        }
    }

    fn check_link(&self, link: &str) -> Result<(), GraphError> {
        if self.allowed_origin.is_none() || origin(link) != self.allowed_origin {
            return Err(GraphError::malformed(
                None,
                "The next page link points to another server; paging stopped.",
            ));
        }
        if self.seen.contains(link) {
            return Err(GraphError::malformed(
                None,
                "The next page link repeats an earlier one; paging stopped.",
            ));
        }
        if self.progress.pages >= MAX_PAGES {
            return Err(GraphError::malformed(
                None,
                "Too many pages; paging stopped.",
            ));
        }
        Ok(())
    }

    /// Whether `link` may be asked for ahead of its page's parse: the
    /// checks [`record`](Self::record) makes, without recording.
    pub fn may_follow(&self, link: &str) -> bool {
        self.check_link(link).is_ok()
    }

    /// Progress so far.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }
}

/// The `@odata.nextLink` of a collection body, found without parsing it,
/// so the next page can be asked for while this one is parsed. Looks at
/// the start and the end of the body only (where Graph writes it); `None`
/// when it is not there or is written with JSON escapes. The parsed page
/// has the final say: a link found here is used only when it equals the
/// parsed one.
pub fn peek_next_link(body: &str) -> Option<&str> {
    const KEY: &str = "\"@odata.nextLink\"";
    const WINDOW: usize = 4096;
    let head = body.get(..WINDOW.min(body.len())).unwrap_or_default();
    let (text, at) = match head.find(KEY) {
        Some(at) => (body, at),
        None => {
            let start = body.len().saturating_sub(WINDOW);
            let start = (start..body.len()).find(|&i| body.is_char_boundary(i))?;
            let at = body[start..].rfind(KEY)? + start;
            (body, at)
        }
    };
    let rest = text.get(at + KEY.len()..)?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    let link = &rest[..end];
    (!link.contains('\\') && !link.is_empty()).then_some(link)
}

#[cfg(test)]
mod peek_tests {
    use super::peek_next_link;

    #[test]
    fn the_next_link_is_found_at_either_end() {
        let before = r#"{"@odata.context":"x","@odata.nextLink":"https://g/v1.0/a?$skiptoken=2","value":[{"id":"a"}]}"#;
        assert_eq!(
            peek_next_link(before),
            Some("https://g/v1.0/a?$skiptoken=2")
        );
        let after = format!(
            r#"{{"value":[{}],"@odata.nextLink" : "https://g/v1.0/a?$skiptoken=3"}}"#,
            vec![r#"{"id":"x"}"#; 2000].join(",")
        );
        assert_eq!(
            peek_next_link(&after),
            Some("https://g/v1.0/a?$skiptoken=3")
        );
    }

    #[test]
    fn escaped_missing_or_odd_links_are_not_guessed() {
        assert_eq!(peek_next_link(r#"{"value":[]}"#), None);
        assert_eq!(
            peek_next_link(r#"{"@odata.nextLink":"https:\/\/g\/a"}"#),
            None
        );
        assert_eq!(peek_next_link(r#"{"@odata.nextLink":null}"#), None);
        assert_eq!(peek_next_link(r#"{"@odata.nextLink":""}"#), None);
        assert_eq!(peek_next_link("é".repeat(5000).as_str()), None);
    }
}
