//! Debouncing: run an action once input pauses, for search boxes whose text
//! reaches the URL only after typing stops (each history write costs the
//! browser a frame).

use leptos::prelude::*;
use std::time::Duration;

/// Calls `action` with the latest value once `delay` passes without a
/// newer call. The handle is `Copy`; calls after the screen is gone do
/// nothing.
pub(crate) struct Debounced<T: Send + Sync + 'static> {
    latest: StoredValue<u64>,
    action: StoredValue<Box<dyn Fn(T) + Send + Sync>>,
    delay: Duration,
}

impl<T: Send + Sync + 'static> Clone for Debounced<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Debounced<T> {}

impl<T: Send + Sync + 'static> Debounced<T> {
    /// A debounced `action`.
    pub(crate) fn new(delay: Duration, action: impl Fn(T) + Send + Sync + 'static) -> Self {
        Self {
            latest: StoredValue::new(0),
            action: StoredValue::new(Box::new(action)),
            delay,
        }
    }

    /// Schedules `value`; an earlier pending value is dropped.
    pub(crate) fn call(&self, value: T) {
        let latest = self.latest;
        let action = self.action;
        let Some(mine) = latest.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        set_timeout(
            move || {
                if latest.try_get_value() == Some(mine) {
                    action.try_with_value(|f| f(value));
                }
            },
            self.delay,
        );
    }
}
