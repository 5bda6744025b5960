//! Timestamps in the browser's time zone with the UTC value in a tooltip,
//! and durations in words.

use crate::format;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use leptos::prelude::*;

/// Minutes east of UTC of the browser's zone at `at` (DST-aware); 0 natively.
/// Remembered per UTC minute (zones change offset on whole minutes): a
/// scrolled table shows the same minutes again and again.
fn browser_offset(at: DateTime<Utc>) -> i32 {
    #[cfg(target_arch = "wasm32")]
    {
        let minute = at.timestamp().div_euclid(60);
        OFFSETS.with(|cache| {
            if let Some(&offset) = cache.borrow().get(&minute) {
                return offset;
            }
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
                at.timestamp_millis() as f64
            ));
            let offset = format::offset_from_js(date.get_timezone_offset());
            let mut cache = cache.borrow_mut();
            if cache.len() >= OFFSET_CACHE_MINUTES {
                cache.clear();
            }
            cache.insert(minute, offset);
            offset
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = at;
        0
    }
}

/// How many minutes' offsets [`browser_offset`] remembers (then it starts
/// over).
#[cfg(target_arch = "wasm32")]
const OFFSET_CACHE_MINUTES: usize = 8192;

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The browser's offset per UTC minute asked so far.
    static OFFSETS: std::cell::RefCell<std::collections::HashMap<i64, i32>> =
        std::cell::RefCell::default();
}

/// The browser's time zone name (IANA, e.g. `Europe/Berlin`), if it says.
fn browser_zone_name() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let format =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        let options = format.resolved_options();
        js_sys::Reflect::get(&options, &wasm_bindgen::JsValue::from_str("timeZone"))
            .ok()?
            .as_string()
            .filter(|name| !name.trim().is_empty())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// The short name of the browser's zone at `at` as English says it
/// ("CET", "CEST", "EST", "UTC"), if Intl knows one: US English first,
/// then British (which names the European zones).
fn browser_zone_short(at: DateTime<Utc>) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"timeZoneName".into(), &"short".into()).ok()?;
        ["en-US", "en-GB"].into_iter().find_map(|locale| {
            let locales = js_sys::Array::of1(&JsValue::from_str(locale));
            let parts =
                js_sys::Intl::DateTimeFormat::new(&locales, &options).format_to_parts(&date);
            let name = parts.iter().find_map(|part| {
                let kind = js_sys::Reflect::get(&part, &"type".into())
                    .ok()?
                    .as_string()?;
                (kind == "timeZoneName")
                    .then(|| {
                        js_sys::Reflect::get(&part, &"value".into())
                            .ok()?
                            .as_string()
                    })
                    .flatten()
            })?;
            name.bytes().all(|b| b.is_ascii_uppercase()).then_some(name)
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = at;
        None
    }
}

/// `at` as export file names say it: the date and minute in the zone the
/// screen shows, and the zone named (`2026-12-02-1431-CET`).
pub fn file_time(at: DateTime<Utc>) -> String {
    format::file_time(at, browser_offset(at), browser_zone_short(at).as_deref())
}

/// "Europe/Berlin (UTC+01:00)", or the offset alone when the zone has no
/// name, for the note above each table.
pub fn zone_label(at: DateTime<Utc>) -> String {
    format::zone_label(browser_zone_name().as_deref(), browser_offset(at))
}

/// "Times in Europe/Berlin (UTC+01:00)": said once per table; each time's
/// tooltip gives its UTC value.
#[component]
pub fn TimeZoneNote() -> impl IntoView {
    let label = zone_label(Utc::now());
    view! {
        <p class="tz-note">
            "Times in " {label} "; point at a time for its UTC value."
        </p>
    }
}

/// Local date and time in the browser's zone, e.g. `2024-05-01 14:03:22`.
pub fn local_text(at: DateTime<Utc>) -> String {
    format::local_text(at, browser_offset(at))
}

/// The day `at` falls on in the browser's zone.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    format::local_day(at, browser_offset)
}

/// The UTC instant the browser's local `day` starts at.
pub fn local_day_start(day: NaiveDate) -> DateTime<Utc> {
    format::local_day_start(day, browser_offset)
}

/// The UTC tooltip, e.g. `UTC: 2024-05-01T12:03:22.000Z`.
pub fn utc_text(at: DateTime<Utc>) -> String {
    let mut text = String::with_capacity(29);
    text.push_str("UTC: ");
    text.push_str(&format::utc_iso(at));
    text
}

/// "6.5 s", "3 min 20 s", "2 h 5 min", "—" for none.
pub fn duration_words(d: Option<Duration>) -> String {
    format::opt_duration(d)
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

/// What a [`Time`] shows, as plain values (pooled rows update these in
/// place): `datetime` and tooltip are `None` when the time is absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimeParts {
    /// RFC 3339 value of the `datetime` attribute.
    pub datetime: Option<String>,
    /// The UTC tooltip.
    pub title: Option<String>,
    /// Local date and time, or "—".
    pub text: String,
}

impl TimeParts {
    /// The parts of `at`.
    pub fn of(at: Option<DateTime<Utc>>) -> Self {
        match at {
            Some(at) => TimeParts {
                datetime: Some(at.to_rfc3339()),
                title: Some(utc_text(at)),
                text: local_text(at),
            },
            None => TimeParts {
                text: "—".into(),
                ..TimeParts::default()
            },
        }
    }
}

/// A `<time>` whose value changes in place; muted "—" when absent.
#[component]
pub fn LiveTime(#[prop(into)] parts: Signal<TimeParts>) -> impl IntoView {
    view! {
        <time
            datetime=move || parts.with(|p| p.datetime.clone())
            title=move || parts.with(|p| p.title.clone())
            class:muted=move || parts.with(|p| p.datetime.is_none())
        >
            {move || parts.with(|p| p.text.clone())}
        </time>
    }
}

/// A number or "—".
pub fn count_text(n: Option<u32>) -> String {
    format::count(n)
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
