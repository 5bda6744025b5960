//! The insights' trend chart: the runs of every workflow in the period per
//! day (or hour), placed as the insights count them (started, else
//! scheduled). Picking a bar writes `day=` / `hour=` into the URL and lists
//! that bucket's runs below the chart, each opening its run; a workflow
//! whose runs could not be loaded is named, the others drawn.

use super::InsightsQuery;
use crate::app::load::tenant::WorkflowLoad;
use crate::app::url::base::app_href;
use crate::app::url::period::period_pairs;
use crate::app::url::query::{paths, query_string};
use crate::app::url::screen_query::ScreenWriter;
use crate::components::status_badge::{BadgeValue, StatusBadge};
use crate::components::time::{local_text, Time, TimeZoneNote};
use crate::components::trend_chart::TrendChart;
use crate::format::count;
use crate::format::trend as words;
use crate::model::trend::{BucketPick, Measure, RunTime, Trend};
use crate::model::{DateRange, Level, Period, Run};
use leptos::prelude::*;
use leptos_router::components::A;

/// A run with its workflow's id and name.
#[derive(Clone, Debug, PartialEq)]
struct WorkflowRun {
    wf: String,
    name: String,
    run: Run,
}

/// The trend panel of the insights screen.
#[component]
pub(crate) fn InsightsTrend(
    /// Every workflow's runs in the period (or its error).
    loads: Vec<WorkflowLoad<Vec<Run>>>,
    /// The period the runs were loaded for.
    range: DateRange,
    /// The bucket in the URL.
    pick: Memo<Option<BucketPick>>,
    writer: ScreenWriter<InsightsQuery>,
) -> impl IntoView {
    let failed: Vec<String> = loads
        .iter()
        .filter_map(|l| {
            let e = l.result.as_ref().err()?;
            Some(format!("{} ({})", l.workflow.name(), e.user_message()))
        })
        .collect();
    let rows: Vec<WorkflowRun> = loads
        .into_iter()
        .flat_map(|l| {
            let (wf, name) = (l.workflow.id.clone(), l.workflow.name().to_string());
            l.result
                .unwrap_or_default()
                .into_iter()
                .map(move |run| WorkflowRun {
                    wf: wf.clone(),
                    name: name.clone(),
                    run,
                })
        })
        .collect();
    let trend = Trend::build(
        rows.iter().map(|r| &r.run),
        range,
        RunTime::StartedElseScheduled,
    );
    let g = trend.granularity;
    let trend = StoredValue::new(trend);
    let rows = StoredValue::new(rows);
    let measure = RwSignal::new(Measure::Runs);
    let selected = Signal::derive(move || {
        let p = pick.get()?;
        trend.with_value(|t| p.index_in(t))
    });
    let on_pick = Callback::new(move |i: usize| {
        let Some(p) = trend.with_value(|t| t.buckets.get(i).map(|b| BucketPick::of(b, g))) else {
            return;
        };
        writer.update(|q| q.pick = Some(p));
    });
    let close = move |_| writer.update(|q| q.pick = None);
    let partial = (!failed.is_empty()).then(|| {
        let n = failed.len();
        view! {
            <p class="banner banner-warning" role="alert">
                {format!(
                    "The trend leaves out {n} workflow{} whose runs could not be loaded: {}.",
                    if n == 1 { "" } else { "s" },
                    failed.join("; ")
                )}
            </p>
        }
    });
    let drill = move || {
        let i = selected.get()?;
        let (label, window) = trend.with_value(|t| {
            t.buckets
                .get(i)
                .map(|b| (words::bucket_label(b, g), (b.start, b.end)))
        })?;
        let mut list: Vec<WorkflowRun> = rows.with_value(|rows| {
            trend.with_value(|t| {
                rows.iter()
                    .filter(|r| t.index_of(&r.run) == Some(i))
                    .cloned()
                    .collect()
            })
        });
        crate::model::sorting::sort_by_key(&mut list, |r| std::cmp::Reverse(r.run.display_date()));
        let n = list.len();
        let window_query = query_string(&period_pairs(&Period::of_window(window.0, window.1)));
        let body = list
            .into_iter()
            .map(|r| {
                let run_href = app_href(&paths::run(&r.wf, &r.run.id));
                let runs_href = app_href(&format!("{}{window_query}", paths::runs(&r.wf)));
                let status = BadgeValue::Processing(r.run.processing_status.clone(), Level::Run);
                let at = r.run.display_date();
                let open = format!(
                    "Open run of {} ({})",
                    at.map(local_text).unwrap_or_else(|| r.run.id.clone()),
                    r.name
                );
                view! {
                    <tr>
                        <th scope="row"><A href=runs_href>{r.name}</A></th>
                        <td><A href=run_href attr:class="status-link" attr:aria-label=open>
                            <StatusBadge value=status />
                        </A></td>
                        <td><Time at /></td>
                        <td class="num">{count(r.run.total_users_count)}</td>
                        <td class="num">{count(r.run.failed_users_count)}</td>
                    </tr>
                }
            })
            .collect_view();
        let caption = format!("Runs of {label}");
        let (name, title) = (
            caption.clone(),
            format!("{caption}: {}", words::count_words(Measure::Runs, n as u32)),
        );
        Some(view! {
            <section class="trend-runs" aria-label=name>
                <div class="trend-head">
                    <h3>{title}</h3>
                    <button type="button" class="btn btn-small" on:click=close>"Close"</button>
                </div>
                <TimeZoneNote />
                <div class="table-wrap">
                    <table class="data compact">
                        <caption class="sr-only">{caption}</caption>
                        <thead><tr>
                            <th scope="col">"Workflow"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Started (or scheduled)"</th>
                            <th scope="col" class="num">"Users"</th>
                            <th scope="col" class="num">"Failed users"</th>
                        </tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            </section>
        })
    };
    view! {
        <TrendChart
            id="insights-trend"
            heading="Trend"
            action="list its runs"
            trend=Signal::derive(move || trend.get_value())
            measure=Signal::derive(move || measure.get())
            on_measure=Callback::new(move |m| measure.set(m))
            on_pick
            selected
        />
        {partial}
        {drill}
    }
}
