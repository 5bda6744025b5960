//! The trend chart: one stacked bar per day (or hour), drawn as SVG by the
//! viewer (no chart library). It reads without colour: every outcome has
//! its own fill pattern (solid, hatched, cross-hatched, dotted, lined) and
//! the legend shows the same swatches with their totals. The chart's name
//! states the totals; each bar is a button (one Tab stop, arrows move
//! between bars) whose numbers show in the readout above the chart on
//! hover and focus; a click, Enter or Space calls `on_pick`. "Show as
//! table" adds the same numbers as a table with a totals row.
//!
//! ```ignore
//! view! {
//!     <TrendChart id="insights-trend" heading="Trend" action="list its runs"
//!         trend measure on_measure on_pick selected />
//! }
//! ```

use crate::format::thousands;
use crate::format::trend as words;
use crate::model::trend::{Measure, Outcome, Trend};
use leptos::prelude::*;

/// The drawing's user units: the full height, and the compact one (one
/// line of bars, no values above them) a chart may start with.
const W: f64 = 960.0;
const H_FULL: f64 = 270.0;
const H_COMPACT: f64 = 70.0;
const TOP: f64 = 20.0;
/// The top margin of the compact chart (no values above its bars).
const TOP_COMPACT: f64 = 8.0;
const BOTTOM: f64 = 30.0;
const LEFT: f64 = 44.0;
/// Room for the last day's label, centred under its bar.
const RIGHT: f64 = 26.0;

/// The fill patterns: name, the tone of the ground, what is drawn on it.
const PATTERNS: [(&str, &str); 6] = [
    ("solid", "success"),
    ("hatch", "warning"),
    ("cross", "danger"),
    ("dots", "neutral"),
    ("lines", "info"),
    ("bars", "neutral"),
];

/// A step of 1, 2 or 5 × 10ⁿ giving about four grid lines up to `max`.
pub fn grid_step(max: u32) -> u32 {
    let rough = (max.max(1) as f64 / 4.0).max(1.0);
    let mag = 10f64.powi(rough.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * mag);
    step.max(1.0) as u32
}

/// Which bars carry an axis label: every `wide`-th; those not also a
/// `narrow`-th are hidden on narrow screens.
pub fn label_steps(n: usize) -> (usize, usize) {
    let wide = n.div_ceil(12).max(1);
    let narrow = (n.div_ceil(6).max(1)).div_ceil(wide) * wide;
    (wide, narrow.max(wide))
}

fn pattern_defs(id: &'static str) -> impl IntoView {
    PATTERNS
        .into_iter()
        .map(|(name, tone)| {
            let pid = format!("{id}-{name}");
            let ground = format!("tp-ground tp-{tone}-{name}");
            let ink = format!("tp-ink tp-ink-{tone}");
            let marks = match name {
                "hatch" => {
                    view! { <path class=ink d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" /> }.into_any()
                }
                "cross" => view! { <path class=ink d="M0,0 l8,8 M8,0 l-8,8" /> }.into_any(),
                "dots" => {
                    view! { <circle class=format!("tp-dot tp-ink-{tone}") cx="4" cy="4" r="1.7" /> }
                        .into_any()
                }
                "lines" => view! { <path class=ink d="M0,2 H8 M0,6 H8" /> }.into_any(),
                "bars" => view! { <path class=ink d="M2,0 V8 M6,0 V8" /> }.into_any(),
                _ => ().into_any(),
            };
            view! {
                <pattern id=pid width="8" height="8" patternUnits="userSpaceOnUse">
                    <rect class=ground width="8" height="8" />
                    {marks}
                </pattern>
            }
        })
        .collect_view()
}

/// A legend swatch filled with an outcome's pattern.
fn swatch(id: &'static str, outcome: Outcome) -> impl IntoView {
    view! {
        <svg class="trend-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <rect class="trend-seg" x="0.5" y="0.5" width="15" height="15" fill=format!("url(#{id}-{})", outcome.pattern()) />
        </svg>
    }
}

/// Moves keyboard focus to bar `i`.
fn focus_bar(id: &'static str, i: usize) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(&format!("{id}-bar-{i}")) {
        // SVG elements have focus() as HTML ones do (HTMLOrSVGElement).
        let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
    }
}

/// The stacked-bar trend chart with its legend, readout and table.
#[component]
pub fn TrendChart(
    /// The figures, bucketed by the page from its runs.
    #[prop(into)]
    trend: Signal<Trend>,
    /// Runs or users.
    #[prop(into)]
    measure: Signal<Measure>,
    /// The Runs / Users switch was changed.
    on_measure: Callback<Measure>,
    /// A bar (or the table's day) was picked: its index in `trend.buckets`.
    on_pick: Callback<usize>,
    /// The bar to mark as picked.
    #[prop(into, optional)]
    selected: Signal<Option<usize>>,
    /// The panel's heading.
    #[prop(into)]
    heading: String,
    /// What picking a bar does, for the hint ("open its runs").
    #[prop(into)]
    action: String,
    /// A prefix for the element ids (patterns, bars, table); unique on the page.
    id: &'static str,
    /// Start as one compact line of bars with an "Expand chart" button
    /// (where the table below matters more than the chart).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let expanded = RwSignal::new(!compact);
    let hovered = RwSignal::new(None::<usize>);
    let focused = RwSignal::new(None::<usize>);
    // The bar that takes the one Tab stop (roving tabindex).
    let active = RwSignal::new(None::<usize>);
    let show_table = RwSignal::new(false);
    let readout = Memo::new(move |_| {
        let shown = focused.get().or(hovered.get());
        trend.with(|t| {
            let m = measure.get();
            shown
                .and_then(|i| t.buckets.get(i))
                .map(|b| words::bucket_words(b, t.granularity, m))
                .unwrap_or_else(|| {
                    format!(
                        "Point at or focus a {} to see its numbers; click it to {action}.",
                        words::granularity_noun(t.granularity)
                    )
                })
        })
    });
    let tab_stop = move |n: usize| {
        active
            .get()
            .or(selected.get())
            .filter(|i| *i < n)
            .unwrap_or(n.saturating_sub(1))
    };
    let chart = move || {
        let t = trend.get();
        let m = measure.get();
        let full = expanded.get();
        let (h, top) = if full {
            (H_FULL, TOP)
        } else {
            (H_COMPACT, TOP_COMPACT)
        };
        let n = t.buckets.len();
        let g = t.granularity;
        let max = t.max(m);
        let step = grid_step(max);
        let top_value = max.div_ceil(step).max(1) * step;
        let plot_h = h - top - BOTTOM;
        let plot_w = W - LEFT - RIGHT;
        let slot_w = plot_w / n.max(1) as f64;
        let bar_w = (slot_w * 0.72).max(1.0);
        let y_of = move |v: u32| top + plot_h - plot_h * f64::from(v) / f64::from(top_value);
        let grid = (0..=top_value / step)
            .map(|k| {
                let v = k * step;
                let y = y_of(v);
                view! {
                    <line class="trend-grid" x1=LEFT x2=W - RIGHT y1=y y2=y />
                    <text class="trend-ylabel" x="0" y=y + 4.0>{thousands(u64::from(v))}</text>
                }
            })
            .collect_view();
        let (wide, narrow) = label_steps(n);
        let outcomes = t.shown_outcomes(m);
        let name = words::trend_words(&t, m);
        let bars = t
            .buckets
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let x = LEFT + slot_w * i as f64;
                let bx = x + (slot_w - bar_w) / 2.0;
                let mut below = 0u32;
                let segments = outcomes
                    .iter()
                    .filter_map(|o| {
                        let c = b.count(*o);
                        if c == 0 {
                            return None;
                        }
                        let (y0, y1) = (y_of(below), y_of(below + c));
                        below += c;
                        Some(view! {
                            <rect class="trend-seg" x=bx y=y1 width=bar_w height=(y0 - y1).max(0.5)
                                fill=format!("url(#{id}-{})", o.pattern()) />
                        })
                    })
                    .collect_view();
                let total = b.total(m);
                let value = (full && n <= 16 && total > 0).then(|| {
                    let class = if n > 8 { "trend-value trend-minor" } else { "trend-value" };
                    view! {
                        <text class=class x=x + slot_w / 2.0 y=y_of(total) - 4.0 text-anchor="middle">{thousands(u64::from(total))}</text>
                    }
                });
                let label = (i % wide == 0).then(|| {
                    let class = if i % narrow == 0 { "trend-xlabel" } else { "trend-xlabel trend-minor" };
                    view! {
                        <text class=class x=x + slot_w / 2.0 y=h - 8.0 text-anchor="middle">{words::axis_label(b, g)}</text>
                    }
                });
                let pick = move || on_pick.run(i);
                let on_key = move |ev: leptos::ev::KeyboardEvent| {
                    let to = match ev.key().as_str() {
                        "Enter" | " " | "Spacebar" => {
                            ev.prevent_default();
                            pick();
                            return;
                        }
                        "ArrowLeft" | "ArrowDown" => i.saturating_sub(1),
                        "ArrowRight" | "ArrowUp" => (i + 1).min(n.saturating_sub(1)),
                        "Home" => 0,
                        "End" => n.saturating_sub(1),
                        _ => return,
                    };
                    ev.prevent_default();
                    active.set(Some(to));
                    focus_bar(id, to);
                };
                let class = move || {
                    let mut c = String::from("trend-bar");
                    if selected.get() == Some(i) {
                        c.push_str(" is-selected");
                    }
                    if hovered.get() == Some(i) || focused.get() == Some(i) {
                        c.push_str(" is-shown");
                    }
                    c
                };
                view! {
                    <g
                        class=class
                        id=format!("{id}-bar-{i}")
                        role="button"
                        tabindex=move || if tab_stop(n) == i { "0" } else { "-1" }
                        aria-label=words::bucket_words(b, g, m)
                        on:click=move |_| pick()
                        on:keydown=on_key
                        on:mouseenter=move |_| hovered.set(Some(i))
                        on:mouseleave=move |_| hovered.set(None)
                        on:focus=move |_| { focused.set(Some(i)); active.set(Some(i)); }
                        on:blur=move |_| focused.set(None)
                    >
                        <rect class="trend-hit" x=x + 1.0 y=top - 2.0 width=(slot_w - 2.0).max(1.0) height=plot_h + 4.0 />
                        {segments}
                        {value}
                        {label}
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg class="trend-svg" viewBox=format!("0 0 {W} {h}") width="100%" role="group" aria-label=name
                preserveAspectRatio="xMidYMid meet">
                <defs>{pattern_defs(id)}</defs>
                {grid}
                <line class="trend-axis" x1=LEFT x2=W - RIGHT y1=y_of(0) y2=y_of(0) />
                {bars}
            </svg>
        }
    };
    let legend = move || {
        let t = trend.get();
        let m = measure.get();
        t.shown_outcomes(m)
            .into_iter()
            .map(|o| {
                view! {
                    <li>
                        {swatch(id, o)}
                        <span>{words::outcome_title(o)}</span>
                        <span class="trend-legend-count">{thousands(u64::from(t.count(o)))}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let table = move || {
        let t = trend.get();
        let m = measure.get();
        let g = t.granularity;
        let outcomes = t.shown_outcomes(m);
        let head = outcomes
            .iter()
            .map(|o| view! { <th scope="col" class="num">{words::outcome_title(*o)}</th> })
            .collect_view();
        let rows = t
            .buckets
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let cells = outcomes
                    .iter()
                    .map(|o| view! { <td class="num">{thousands(u64::from(b.count(*o)))}</td> })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">
                            <button type="button" class="link-button" on:click=move |_| on_pick.run(i)>{words::bucket_label(b, g)}</button>
                        </th>
                        {cells}
                        <td class="num">{thousands(u64::from(b.total(m)))}</td>
                    </tr>
                }
            })
            .collect_view();
        let totals = outcomes
            .iter()
            .map(|o| view! { <td class="num">{thousands(u64::from(t.count(*o)))}</td> })
            .collect_view();
        let first = if g == crate::model::trend::Granularity::Day {
            "Day (UTC)"
        } else {
            "Hour (UTC)"
        };
        view! {
            <div class="table-wrap trend-table">
                <table class="data compact" id=format!("{id}-table")>
                    <caption>{words::caption(m, g)}</caption>
                    <thead><tr>
                        <th scope="col">{first}</th>
                        {head}
                        <th scope="col" class="num">"Total"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr>
                        <th scope="row">"Total"</th>
                        {totals}
                        <td class="num">{thousands(u64::from(t.total(m)))}</td>
                    </tr></tfoot>
                </table>
            </div>
        }
    };
    let unplaced = move || {
        let (n, m) = (trend.with(|t| t.unplaced), measure.get());
        (n > 0).then(|| {
            view! {
                <p class="source-note">{format!(
                    "{} without a time in the period {} not drawn.",
                    words::count_words(Measure::Runs, n),
                    if n == 1 { "is" } else { "are" }
                )}{(m == Measure::Users).then_some(" Their users are not counted either.")}</p>
            }
        })
    };
    let radio_name = format!("{id}-measure");
    let radios = [Measure::Runs, Measure::Users]
        .into_iter()
        .map(|m| {
            let name = radio_name.clone();
            view! {
                <label class="check">
                    <input type="radio" name=name value=words::measure_noun(m)
                        prop:checked=move || measure.get() == m
                        on:change=move |_| on_measure.run(m) />
                    {words::measure_title(m)}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="insights-panel trend" aria-labelledby=format!("{id}-heading")>
            <div class="trend-head">
                <h2 id=format!("{id}-heading")>{heading}</h2>
                <Show when=move || !expanded.get()>
                    <p class="trend-readout trend-readout-inline">{readout}</p>
                </Show>
                <fieldset class="trend-measure">
                    <legend class="sr-only">"Count"</legend>
                    {radios}
                </fieldset>
                {compact.then(|| view! {
                    <button type="button" class="btn btn-small" aria-controls=format!("{id}-plot")
                        aria-expanded=move || expanded.get().to_string()
                        on:click=move |_| expanded.update(|e| *e = !*e)>"Expand chart"</button>
                })}
                <button type="button" class="btn btn-small" aria-controls=format!("{id}-table")
                    aria-pressed=move || show_table.get().to_string()
                    on:click=move |_| show_table.update(|s| *s = !*s)>"Show as table"</button>
            </div>
            <Show when=move || expanded.get()>
                <p class="trend-readout">{readout}</p>
            </Show>
            <div class="trend-plot" id=format!("{id}-plot") class:is-compact=move || !expanded.get() on:mouseleave=move |_| hovered.set(None)>{chart}</div>
            <ul class="trend-legend" aria-label="Legend">{legend}</ul>
            {unplaced}
            <Show when=move || show_table.get()>{table}</Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_steps_are_round() {
        assert_eq!(grid_step(0), 1);
        assert_eq!(grid_step(3), 1);
        assert_eq!(grid_step(8), 2);
        assert_eq!(grid_step(41), 20);
        assert_eq!(grid_step(180), 50);
        assert_eq!(grid_step(1_000), 500);
    }

    #[test]
    fn labels_thin_out_with_more_bars() {
        assert_eq!(label_steps(7), (1, 2));
        assert_eq!(label_steps(31), (3, 6));
        assert_eq!(label_steps(91), (8, 16));
        assert_eq!(label_steps(0), (1, 1));
    }
}
