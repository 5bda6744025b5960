//! Graph throttling as the page tells it: the client's retry observer
//! records when a throttled request (429) will be tried again, if that is
//! more than a second away, so the page can say "retrying in N s" while it
//! waits instead of looking stuck.

use crate::graph::{ErrorKind, GraphError, RetryObserver};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::time::Duration;

/// Pauses up to this long are not announced.
pub(crate) const QUIET_PAUSE: Duration = Duration::from_secs(1);

/// When the last announced throttled request is tried again (a `Copy` handle).
#[derive(Clone, Copy)]
pub(crate) struct Throttle(RwSignal<Option<DateTime<Utc>>>);

impl Throttle {
    /// No throttling heard of.
    pub(crate) fn new() -> Self {
        Throttle(RwSignal::new(None))
    }

    /// The observer to give the session's client.
    pub(crate) fn observer(self) -> RetryObserver {
        RetryObserver::new(move |error, delay| {
            if let Some(at) = announced_retry(error, delay, Utc::now()) {
                self.0.try_set(Some(at));
            }
        })
    }

    /// When the throttled request is tried again, if one waits (tracked).
    pub(crate) fn retry_at(&self) -> Option<DateTime<Utc>> {
        self.0.get()
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new()
    }
}

/// When a pause of `delay` after `error` ends, if it is to be announced:
/// a throttled request waiting longer than [`QUIET_PAUSE`].
pub(crate) fn announced_retry(
    error: &GraphError,
    delay: Duration,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if error.kind != ErrorKind::Throttled || delay <= QUIET_PAUSE {
        return None;
    }
    let delay = chrono::Duration::from_std(delay).ok()?;
    Some(now + delay)
}

/// Whole seconds left until `at` (rounded up), while any are left.
pub(crate) fn seconds_left(at: DateTime<Utc>, now: DateTime<Utc>) -> Option<i64> {
    let ms = (at - now).num_milliseconds();
    (ms > 0).then(|| (ms + 999) / 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_throttling_longer_than_a_second_is_announced() {
        let now = Utc::now();
        let throttled = GraphError::from_response(429, "", None);
        let unavailable = GraphError::from_response(503, "", None);
        let long = Duration::from_millis(2500);
        let at = announced_retry(&throttled, long, now).expect("announced");
        assert_eq!(seconds_left(at, now), Some(3));
        assert_eq!(
            announced_retry(&throttled, Duration::from_millis(900), now),
            None
        );
        assert_eq!(announced_retry(&unavailable, long, now), None);
        assert_eq!(seconds_left(now, now), None);
        assert_eq!(
            seconds_left(now + chrono::Duration::milliseconds(1001), now),
            Some(2)
        );
    }
}
