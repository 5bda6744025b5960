//! Timestamps in the browser's time zone with the UTC value in a tooltip,
//! and durations in words.

use chrono::{DateTime, Duration, Local, Utc};
use leptos::prelude::*;

/// Local date and time, e.g. `2024-05-01 14:03:22`.
// TODO(data-layer): use format.rs once it lands.
pub fn local_text(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// The UTC tooltip, e.g. `2024-05-01 12:03:22 UTC`.
pub fn utc_text(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// "6.5 s", "3 min 20 s", "2 h 5 min", "—" for none.
// TODO(data-layer): use format.rs once it lands.
pub fn duration_words(d: Option<Duration>) -> String {
    let Some(d) = d else { return "—".into() };
    let ms = d.num_milliseconds().max(0);
    if ms < 60_000 {
        let tenths = (ms + 50) / 100;
        if tenths % 10 == 0 {
            format!("{} s", tenths / 10)
        } else {
            format!("{}.{} s", tenths / 10, tenths % 10)
        }
    } else {
        let secs = ms / 1000;
        let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
        match (h, s) {
            (0, 0) => format!("{m} min"),
            (0, _) => format!("{m} min {s} s"),
            _ if m == 0 => format!("{h} h"),
            _ => format!("{h} h {m} min"),
        }
    }
}

/// A `<time>` in local time with the UTC value as tooltip; "—" when absent.
#[component]
pub fn Time(at: Option<DateTime<Utc>>) -> impl IntoView {
    match at {
        Some(at) => view! {
            <time datetime=at.to_rfc3339() title=utc_text(at)>{local_text(at)}</time>
        }
        .into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
}

/// A number or "—".
pub fn count_text(n: Option<u32>) -> String {
    n.map(|v| crate::components::feedback::group_thousands(v as usize))
        .unwrap_or_else(|| "—".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_words() {
        assert_eq!(duration_words(Some(Duration::milliseconds(6500))), "6.5 s");
        assert_eq!(duration_words(Some(Duration::seconds(200))), "3 min 20 s");
        assert_eq!(duration_words(Some(Duration::seconds(7500))), "2 h 5 min");
        assert_eq!(duration_words(Some(Duration::seconds(5))), "5 s");
        assert_eq!(duration_words(None), "—");
    }
}
