//! Updates that arrive in bursts, applied together. Items are kept and
//! handed over at most once per interval: the first at once, later ones
//! when the interval has passed (a timer makes sure the last of a burst
//! is not held back), and whatever is left when the caller says the work
//! is done. A screen that hears of fifty workflows finishing (or of a
//! thousand pages arriving) then redraws a handful of times instead of
//! once each, and the loads in flight are not held up by the redraws in
//! between.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

/// Whether a batch may be applied now: `interval_ms` since the last one.
fn due(now_ms: f64, last_ms: Option<f64>, interval_ms: f64) -> bool {
    last_ms.is_none_or(|last| now_ms - last >= interval_ms)
}

/// How long until the next batch may be applied.
fn wait_ms(now_ms: f64, last_ms: Option<f64>, interval_ms: f64) -> u32 {
    let waited = last_ms.map_or(interval_ms, |last| now_ms - last);
    (interval_ms - waited).clamp(0.0, interval_ms) as u32
}

/// The shared state of a [`Batched`].
struct Inner<T> {
    pending: RefCell<Vec<T>>,
    apply: Box<dyn Fn(Vec<T>)>,
    interval_ms: f64,
    last_ms: Cell<Option<f64>>,
    timer: RefCell<Option<gloo_timers::callback::Timeout>>,
}

/// Items applied in batches (a cheap, cloneable handle; single-threaded).
pub(crate) struct Batched<T: 'static> {
    inner: Rc<Inner<T>>,
}

impl<T: 'static> Clone for Batched<T> {
    fn clone(&self) -> Self {
        Batched {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl<T: 'static> Batched<T> {
    /// Batches for `apply`, at most one every `interval`.
    pub(crate) fn new(interval: Duration, apply: impl Fn(Vec<T>) + 'static) -> Self {
        Batched {
            inner: Rc::new(Inner {
                pending: RefCell::new(Vec::new()),
                apply: Box::new(apply),
                interval_ms: interval.as_secs_f64() * 1000.0,
                last_ms: Cell::new(None),
                timer: RefCell::new(None),
            }),
        }
    }

    /// Keeps `item`; applies the batch now if the interval has passed,
    /// otherwise when it has.
    pub(crate) fn push(&self, item: T) {
        let inner = &self.inner;
        inner.pending.borrow_mut().push(item);
        if inner.timer.borrow().is_some() {
            return;
        }
        let now = js_sys::Date::now();
        if due(now, inner.last_ms.get(), inner.interval_ms) {
            self.flush();
            return;
        }
        let weak: Weak<Inner<T>> = Rc::downgrade(inner);
        let ms = wait_ms(now, inner.last_ms.get(), inner.interval_ms);
        let timer = gloo_timers::callback::Timeout::new(ms, move || {
            if let Some(inner) = weak.upgrade() {
                inner.timer.borrow_mut().take();
                Batched { inner }.flush();
            }
        });
        *inner.timer.borrow_mut() = Some(timer);
    }

    /// Applies whatever is kept, now (the work is done, or must show).
    pub(crate) fn flush(&self) {
        let inner = &self.inner;
        if let Some(timer) = inner.timer.borrow_mut().take() {
            timer.cancel();
        }
        let items = std::mem::take(&mut *inner.pending.borrow_mut());
        if items.is_empty() {
            return;
        }
        inner.last_ms.set(Some(js_sys::Date::now()));
        (inner.apply)(items);
    }
}

#[cfg(test)]
mod tests {
    use super::{due, wait_ms};

    #[test]
    fn the_first_batch_is_due_at_once_and_later_ones_after_the_interval() {
        assert!(due(5.0, None, 200.0));
        assert!(!due(150.0, Some(0.0), 200.0));
        assert!(due(200.0, Some(0.0), 200.0));
        assert!(due(900.0, Some(0.0), 200.0));
    }

    #[test]
    fn the_wait_is_what_is_left_of_the_interval() {
        assert_eq!(wait_ms(150.0, Some(0.0), 200.0), 50);
        assert_eq!(wait_ms(0.0, Some(0.0), 200.0), 200);
        assert_eq!(wait_ms(500.0, Some(0.0), 200.0), 0);
        // A clock that went back never waits longer than one interval.
        assert_eq!(wait_ms(-100.0, Some(0.0), 200.0), 200);
        assert_eq!(wait_ms(0.0, None, 200.0), 0);
    }
}
