//! A once-a-second clock for live countdowns (token expiry, "updated 12 s
//! ago"). Its interval stops while the tab is hidden (nothing to show) and
//! when its owner is cleaned up; shown again, it reads the time at once.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The current time, updated every second while the app runs and shows.
#[derive(Clone, Copy)]
pub(crate) struct Clock(pub RwSignal<DateTime<Utc>>);

impl Clock {
    /// Starts the clock (wasm only; natively it stays at creation time).
    pub(crate) fn start() -> Self {
        let now = RwSignal::new(Utc::now());
        #[cfg(target_arch = "wasm32")]
        {
            use crate::app::browser::visibility::{on_visibility_change, tab_hidden};
            let ticking = StoredValue::new(None::<IntervalHandle>);
            let stop = move || {
                if let Some(Some(handle)) = ticking.try_update_value(Option::take) {
                    handle.clear();
                }
            };
            let run = move || {
                stop();
                now.try_set(Utc::now());
                let handle = set_interval_with_handle(
                    move || {
                        now.try_set(Utc::now());
                    },
                    std::time::Duration::from_secs(1),
                );
                ticking.try_set_value(handle.ok());
            };
            if !tab_hidden() {
                run();
            }
            on_visibility_change(move |hidden| if hidden { stop() } else { run() });
            on_cleanup(stop);
        }
        Clock(now)
    }

    /// The current time (tracked).
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

/// "59 min 12 s left" / "expired 3 min ago".
pub(crate) fn countdown(expires: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (expires - now).num_seconds();
    if secs >= 0 {
        format!("{} left", span_words(secs))
    } else {
        format!("expired {} ago", span_words(-secs))
    }
}

fn span_words(secs: i64) -> String {
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    if h > 0 {
        format!("{h} h {m} min")
    } else if m > 0 {
        format!("{m} min {s} s")
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn countdown_words() {
        let now = Utc::now();
        assert_eq!(
            countdown(now + Duration::seconds(3672), now),
            "1 h 1 min left"
        );
        assert_eq!(
            countdown(now + Duration::seconds(200), now),
            "3 min 20 s left"
        );
        assert_eq!(
            countdown(now - Duration::seconds(5), now),
            "expired 5 s ago"
        );
    }
}
