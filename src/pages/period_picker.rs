//! The period select shared by Insights and Failures, with From and To
//! for a custom range in whole UTC days (as the insights count them).

use crate::app::url::period::{period_key, PeriodChoices};
use crate::app::url::screen_query::WireEnum;
use crate::model::{Period, Preset};
use chrono::{Duration, NaiveDate, Utc};
use leptos::prelude::*;

/// The period select, with From/To UTC days for a custom range; a change
/// is the new period.
#[component]
pub(crate) fn PeriodPicker(
    period: Memo<Period>,
    choices: PeriodChoices,
    on_change: Callback<Period>,
) -> impl IntoView {
    // Custom starts as the last 7 UTC days up to today.
    let on_range = move |ev| {
        let value = event_target_value(&ev);
        let next = match Preset::from_wire(&value) {
            Some(p) => Period::Last(p),
            None => {
                let today = Utc::now().date_naive();
                Period::Days {
                    from: today - Duration::days(7),
                    to: today,
                }
            }
        };
        on_change.run(next);
    };
    // One end changed: the other stays (the two swap when crossed).
    let set_day = move |end: bool, ev| {
        let Ok(day) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") else {
            return;
        };
        let (from, to) = period.get_untracked().utc_days(Utc::now());
        let other = if end { from } else { to };
        on_change.run(Period::Days {
            from: day.min(other),
            to: day.max(other),
        });
    };
    let key = move || period.with(period_key);
    let day = move |end: bool| {
        move || {
            let p = period.get();
            if p.is_preset() {
                return String::new();
            }
            let (from, to) = p.utc_days(Utc::now());
            (if end { to } else { from }).to_string()
        }
    };
    let options = choices.options();
    view! {
        <div class="toolbar" role="group" aria-label="Period">
            <div class="field">
                <label for="insights-range">"Date range"</label>
                <select id="insights-range" on:change=on_range>
                    {options.into_iter().map(|(k, l)| view! { <option value=k selected=move || key() == k>{l}</option> }).collect_view()}
                </select>
            </div>
            <Show when=move || key() == "custom">
                <div class="field">
                    <label for="insights-from">"From (UTC)"</label>
                    <input id="insights-from" type="date" prop:value=day(false) on:change=move |ev| set_day(false, ev) />
                </div>
                <div class="field">
                    <label for="insights-to">"To (UTC)"</label>
                    <input id="insights-to" type="date" prop:value=day(true) on:change=move |ev| set_day(true, ev) />
                </div>
                <p class="tz-note window-note">"Whole UTC days, as the insights and the trend count them."</p>
            </Show>
        </div>
    }
}
