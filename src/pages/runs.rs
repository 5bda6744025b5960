//! The runs of a workflow: date range (sent to Graph as `$filter`), status
//! and execution-type filters (also server-side), text search, sortable and
//! choosable columns kept in the URL, summary cards from `runs/summary`.

mod advice;
mod cards;
mod clear_quarantine;
mod on_demand;
mod query;
mod running;

pub(crate) use query::RunsQuery;
pub(crate) use running::{workflow_usual, RunDuration};

use super::admin_center::workflow_href;
use super::data_grid::{freshness, paged_error, sort_of, DataGrid, LiveCells};
use super::problems::QueryProblems;
use crate::app::api;
use crate::app::browser::page_title::set_title;
use crate::app::export::download::file_name;
use crate::app::load::live::{live_text, merge_runs, LiveState, Tick};
use crate::app::load::paged::PagedRows;
use crate::app::load::resource::screen_resource;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::period::{period_key, RUNS};
use crate::app::url::query::{paths, SortParam};
use crate::app::url::route::use_route_id;
use crate::app::url::screen_query::{use_screen_query, ScreenState, ScreenWriter, WireEnum};
use crate::components::admin_center_link::AdminCenterLink;
use crate::components::cards::SummaryCards;
use crate::components::feedback::{EmptyState, LoadProgress};
use crate::components::quarantine::QuarantineNotice;
use crate::components::status_filter::StatusFilter;
use crate::components::time::{local_day, local_day_start, local_text, zone_label};
use crate::components::trend_chart::TrendChart;
use crate::model::pace::usual_duration;
use crate::model::trend::{Measure, RunTime, Trend};
use crate::model::{DateRange, ExecutionType, Period, Preset, ProcessingStatus, Run, RunSummary};
use crate::pages::empty::{empty_kind, TableState};
use crate::table::{Rows, Table, ViewSpec};
use advice::runs_advice;
use cards::run_cards;
use chrono::Utc;
use clear_quarantine::ClearQuarantine;
use leptos::prelude::*;
use leptos_router::components::A;
use on_demand::RunOnDemand;
use query::{status_choices, EXECUTION_CHOICES};

/// The Started time opens the run: "Open run of <date>", the date of the
/// run's label (`format::run_when`), or its id.
fn run_link(wf: &str, run: &Run) -> Option<(String, String)> {
    let when = crate::format::run_when(run, local_text).unwrap_or_else(|| run.id.clone());
    Some((
        app_href(&paths::run(wf, &run.id)),
        format!("Open run of {when}"),
    ))
}

/// `<workflow>-runs-<from>-<to>.csv`, the days of `range` (its end is
/// exclusive, so a range ending at midnight names the day before).
pub(crate) fn runs_file_name(workflow: &str, range: DateRange) -> String {
    let last = range.end - chrono::Duration::seconds(1);
    let (from, to) = (
        range.start.format("%Y-%m-%d").to_string(),
        last.max(range.start).format("%Y-%m-%d").to_string(),
    );
    file_name(&[workflow, "runs", &from, &to], "csv")
}

/// The runs screen.
#[component]
pub(crate) fn RunsPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let ScreenState {
        query,
        problems,
        writer,
    } = use_screen_query::<RunsQuery>();
    let wf = use_route_id(|r| &r.wf);
    let key = Memo::new(move |_| query.with(RunsQuery::server_key));
    let workflow = screen_resource(move || api::workflow(session, wf.get()));
    let summary = screen_resource(move || {
        let range = key.with(|k| k.period.range(Utc::now()));
        api::run_summary(session, wf.get(), range)
    });
    let runs = PagedRows::<Run>::new();
    // Kept for the session once complete, by workflow and server-side filter.
    let cache_key = move || {
        let server = key.with_untracked(query::ServerKey::cache_text);
        api::runs_key(&wf.get_untracked(), &server)
    };
    let reload = move || {
        let filter = key.get_untracked().filter(Utc::now());
        let wf_id = wf.get_untracked();
        runs.start_kept(session, cache_key(), move |cancel, sink| {
            api::runs(session, wf_id, filter, cancel, sink)
        });
    };
    Effect::new(move |_| {
        key.track();
        wf.track();
        if !runs.restore(session, cache_key()) {
            reload();
        }
    });
    // Live: while a loaded run is queued or in progress, the list refreshes
    // by itself (in place); with none running nothing is scheduled.
    let live = LiveState::new();
    Effect::new(move |_| {
        key.track();
        wf.track();
        live.stop();
    });
    Effect::new(move |_| {
        let settled =
            runs.finished.get() && !runs.loading.get() && runs.error.with(Option::is_none);
        if settled && runs.rows.with(|t| any_running(t.rows())) {
            live.start(move |cancel| refresh_runs(session, wf, key, runs, cancel));
        }
    });
    let clock = expect_context::<crate::app::browser::clock::Clock>();
    let live_line = move || {
        live.active.get().then(|| {
            let text = live_text(live.paused.get(), live.updated.get(), clock.now());
            view! { <p class="live-line" role="status" aria-label="Live refresh"><span class="live-dot" aria-hidden="true"></span>{text}</p> }
        })
    };
    let order = Memo::new(move |_| {
        let spec = query.with(|q| ViewSpec {
            search: q.q.clone(),
            sort: Some(sort_of(q.sort)),
            ..ViewSpec::default()
        });
        runs.rows.track();
        runs.rows
            .try_update_untracked(|t| t.view(&spec))
            .unwrap_or_default()
    });
    let wf_name = move || match workflow.get() {
        Some(Ok(w)) => w.name().to_string(),
        _ => wf.get(),
    };
    Effect::new(move |_| set_title(&[&format!("Runs of {}", wf_name())]));
    // The trend of the runs the table has (server filters and search), by
    // schedule as the period's $filter: a bar opens exactly its runs.
    let measure = RwSignal::new(Measure::Runs);
    let trend = Memo::new(move |_| {
        let range = query.with(|q| q.period.range(Utc::now()));
        order.with(|o| {
            runs.rows.with(|t| {
                Trend::build(
                    o.iter().filter_map(|i| t.get(*i)),
                    range,
                    RunTime::Scheduled,
                )
            })
        })
    });
    let on_pick = Callback::new(move |i: usize| {
        if let Some((start, end)) =
            trend.with_untracked(|t| t.buckets.get(i).map(|b| (b.start, b.end)))
        {
            writer.update(|q| q.period = Period::of_window(start, end));
        }
    });
    let shown = Memo::new(move |_| query.with(|q| q.columns.clone()));
    // A run still going shows how long so far, against the usual.
    let usual = Memo::new(move |_| runs.rows.with(|t| usual_duration(t.rows().iter())));
    let live_cells: LiveCells<Run> = std::sync::Arc::new(move |key, run: &Run| {
        (key == "duration")
            .then(|| running::live_duration(run, clock, usual.get()))
            .flatten()
    });
    let sort = Signal::derive(move || query.with(|q| q.sort));
    let on_sort = writer.callback(|q, next: SortParam| q.sort = next);
    let on_columns = writer.callback(|q, next: Vec<&'static str>| q.columns = next);
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><A exact=true href=app_href("/workflows")>"Workflows"</A></li>
                <li aria-current="page">{wf_name}</li>
            </ol>
        </nav>
        <div class="page-head">
            <h1>"Runs of " {wf_name}</h1>
            <A href=move || app_href(&paths::workflow(&wf.get()))>"Workflow definition"</A>
            <AdminCenterLink
                href=Signal::derive(move || workflow_href(session, &wf.get(), &wf_name()))
                hint="The workflow's page there: edit, configure, its Workflow history"
            />
            <RunOnDemand wf wf_name=Signal::derive(wf_name) blocked=Signal::derive(move || run_blocked(workflow.get())) />
        </div>
        {move || workflow.get().and_then(|w| w.ok()).and_then(|w| w.quarantine().cloned()).map(|details| {
            let shown = details.clone();
            view! {
                <QuarantineNotice details=shown />
                <ClearQuarantine wf wf_name=Signal::derive(wf_name) details on_cleared=Callback::new(move |_| workflow.refetch()) />
            }
        })}
        <QueryProblems problems writer />
        <RunsFilters query writer />
        <RunCards summary=Signal::derive(move || match summary.get() { Some(Ok(s)) => s, _ => RunSummary::default() }) query writer />
        <Show when=move || runs.rows.with(|t| !t.is_empty())>
            <TrendChart
                id="runs-trend"
                heading="Trend"
                action="list its runs"
                trend=Signal::derive(move || trend.get())
                measure=Signal::derive(move || measure.get())
                on_measure=Callback::new(move |m| measure.set(m))
                on_pick
                compact=true
            />
        </Show>
        {paged_error(runs, session, Callback::new(move |_| reload()))}
        {freshness(runs, "runs", Callback::new(move |_| reload()))}
        {live_line}
        <LoadProgress
            loaded=Signal::derive(move || runs.loaded.get())
            loading=Signal::derive(move || runs.loading.get())
            noun="runs"
            on_stop=Callback::new(move |_| runs.stop())
        />
        {move || {
            let state = TableState {
                loaded: runs.rows.with(Table::len),
                shown: order.with(Vec::len),
                error: runs.error.with(Option::is_some),
                settled: runs.finished.get() && !runs.loading.get(),
            };
            let kind = empty_kind(state)?;
            let a = query.with(|q| runs_advice(kind, q));
            Some({
                let action = a.action.map(|(text, statuses)| view! {
                    <button type="button" class="btn" on:click=move |_| write_statuses(writer, &statuses)>{text}</button>
                });
                view! { <EmptyState title=a.title hint=a.hint>{action}</EmptyState> }
            })
        }}
        <DataGrid
            rows=runs.rows
            order
            shown
            caption="Runs of the workflow"
            noun="runs"
            link=move |run: &Run| run_link(&wf.get_untracked(), run)
            link_column="started"
            open_on_row=true
            live_cells
            sort
            on_sort
            on_columns
            skeleton=Signal::derive(move || runs.first_pending.get() && runs.loading.get())
            file_name=move |_| {
                let name = match workflow.get_untracked() {
                    Some(Ok(w)) => w.name().to_string(),
                    _ => wf.get_untracked(),
                };
                runs_file_name(&name, key.with_untracked(|k| k.period.range(Utc::now())))
            }
        />
    }
}

/// Whether any of these runs is queued or in progress.
fn any_running(rows: &Rows<Run>) -> bool {
    rows.iter()
        .any(|r| r.processing_status.as_ref().is_some_and(|s| s.is_running()))
}

/// One live refresh of the list: the runs under the same filter, merged
/// in place; ends when none is running any more. Its paging stops with
/// `cancel` (the live loop's).
async fn refresh_runs(
    session: SessionContext,
    wf: Memo<String>,
    key: Memo<query::ServerKey>,
    runs: PagedRows<Run>,
    cancel: crate::graph::CancelFlag,
) -> Tick {
    let filter = key.get_untracked().filter(Utc::now());
    let mut fresh = Vec::new();
    let loaded = api::runs(
        session,
        wf.get_untracked(),
        filter,
        cancel.clone(),
        |rows, _| fresh.extend(rows),
    )
    .await;
    if loaded.is_err() || cancel.is_cancelled() {
        return Tick::Quiet;
    }
    // A running row the filter no longer returns (it ended into a status
    // not shown): read it alone, so it does not stay "running" here.
    let gone: Vec<String> = runs.rows.with_untracked(|t| {
        t.rows()
            .iter()
            .filter(|r| r.processing_status.as_ref().is_some_and(|s| s.is_running()))
            .filter(|r| !fresh.iter().any(|f: &Run| f.id == r.id))
            .map(|r| r.id.clone())
            .collect()
    });
    for id in gone {
        if let Ok(run) = api::run(session, wf.get_untracked(), id).await {
            fresh.push(run);
        }
    }
    let changed = runs
        .rows
        .try_update(|t| merge_runs(t, fresh))
        .unwrap_or(false);
    match (runs.rows.with_untracked(|t| any_running(t.rows())), changed) {
        (false, _) => Tick::Ended,
        (true, true) => Tick::Changed,
        (true, false) => Tick::Quiet,
    }
}

/// Why the workflow can't run on demand now (disabled, quarantined), if so.
fn run_blocked(
    workflow: Option<Result<crate::model::Workflow, crate::graph::GraphError>>,
) -> Option<String> {
    let w = workflow?.ok()?;
    if w.is_enabled == Some(false) {
        return Some(
            "The workflow is disabled: enable it in the Entra admin center to run it on demand."
                .to_string(),
        );
    }
    w.quarantine()
        .map(|_| "The workflow is quarantined: clear the quarantine first.".to_string())
}

/// Filters the runs to `statuses` alone (no type filter, no search), so the
/// table lists what a summary card counts.
fn write_statuses(writer: ScreenWriter<RunsQuery>, statuses: &[ProcessingStatus]) {
    writer.update(|q| q.only_statuses(statuses.to_vec()));
}

/// The summary cards; the cards that count runs filter the table to them.
#[component]
fn RunCards(
    summary: Signal<RunSummary>,
    query: Memo<RunsQuery>,
    writer: ScreenWriter<RunsQuery>,
) -> impl IntoView {
    move || {
        let cards = query.with(|q| {
            let others = q.execution.is_some() || !q.q.trim().is_empty();
            run_cards(&summary.get(), &q.statuses, others)
        });
        let filters: Vec<_> = cards.iter().map(|c| c.filter.clone()).collect();
        let on_pick = Callback::new(move |i: usize| {
            if let Some(Some(f)) = filters.get(i) {
                write_statuses(writer, &f.statuses());
            }
        });
        view! {
            <SummaryCards
                label="Runs in the period"
                cards=cards.into_iter().map(|c| c.card).collect()
                on_pick
            />
        }
    }
}

/// Which end of a custom period an input sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RangeEnd {
    From,
    To,
}

/// Date range, status, execution type and search controls. A custom
/// range is entered in local days, the zone the table's times are in, and
/// kept in the URL in UTC.
#[component]
fn RunsFilters(query: Memo<RunsQuery>, writer: ScreenWriter<RunsQuery>) -> impl IntoView {
    let write_period = move |p: Period| writer.update(|q| q.period = p);
    // Custom starts as the last 30 local days up to today.
    let on_range = move |ev| {
        let value = event_target_value(&ev);
        let period = match Preset::from_wire(&value) {
            Some(p) => Some(Period::Last(p)),
            None => {
                let today = local_day(Utc::now());
                let from = today - chrono::Duration::days(30);
                Period::of_local_days(from, today, local_day_start)
            }
        };
        if let Some(p) = period {
            write_period(p);
        }
    };
    // One end changed: both are written as the local days on screen; an
    // end moved past the other takes the other along.
    let set_day = move |end: RangeEnd, ev| {
        let Ok(day) = chrono::NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d")
        else {
            return;
        };
        let today = local_day(Utc::now());
        let (from, to) = query
            .with_untracked(|q| q.period.local_days(local_day))
            .unwrap_or((today - chrono::Duration::days(30), today));
        let (from, to) = match end {
            RangeEnd::From => (day, to.max(day)),
            RangeEnd::To => (from.min(day), day),
        };
        if let Some(p) = Period::of_local_days(from, to, local_day_start) {
            write_period(p);
        }
    };
    let on_exec = move |ev| {
        let wire = event_target_value(&ev);
        let exec = (!wire.is_empty()).then(|| ExecutionType::from_wire(&wire));
        writer.update(|q| q.execution = exec);
    };
    let on_q = move |ev| {
        let text = event_target_value(&ev);
        writer.update_replace(|q| q.q = text);
    };
    let on_status = writer.callback(|q, list| q.statuses = list);
    let period_key = move || query.with(|q| period_key(&q.period));
    let shown_day = move |end: RangeEnd| {
        move || {
            query
                .with(|q| q.period.local_days(local_day))
                .map(|(from, to)| if end == RangeEnd::From { from } else { to }.to_string())
                .unwrap_or_default()
        }
    };
    // Said in the zone of the table's times: whole local days, or the
    // exact window when it is not (a trend chart's hour, a UTC-day link).
    let range_note = move || {
        let zone = zone_label(Utc::now());
        query.with(|q| {
            if q.period.is_local_days(local_day, local_day_start) {
                format!("Whole days in {zone}, the zone of the times below.")
            } else {
                let r = q.period.range(Utc::now());
                format!(
                    "Scheduled from {} to {}, times in {zone}.",
                    local_text(r.start),
                    local_text(r.end)
                )
            }
        })
    };
    let ranges = RUNS.options().into_iter();
    view! {
        <div class="toolbar" role="group" aria-label="Filters">
            <div class="field">
                <label for="range">"Date range"</label>
                <select id="range" on:change=on_range>
                    {ranges.map(|(k, l)| view! { <option value=k selected=move || period_key() == k>{l}</option> }).collect_view()}
                </select>
            </div>
            <Show when=move || period_key() == "custom">
                <div class="field">
                    <label for="from">"From"</label>
                    <input id="from" type="date" aria-describedby="range-zone" prop:value=shown_day(RangeEnd::From) on:change=move |ev| set_day(RangeEnd::From, ev) />
                </div>
                <div class="field">
                    <label for="to">"To"</label>
                    <input id="to" type="date" aria-describedby="range-zone" prop:value=shown_day(RangeEnd::To) on:change=move |ev| set_day(RangeEnd::To, ev) />
                </div>
                <p id="range-zone" class="tz-note window-note">{range_note}</p>
            </Show>
            <StatusFilter
                choices=status_choices()
                selected=Signal::derive(move || query.with(|q| q.statuses.clone()))
                on_change=on_status
            />
            <div class="field">
                <label for="exec">"Execution type"</label>
                <select id="exec" on:change=on_exec>
                    <option value="" selected=move || query.with(|q| q.execution.is_none())>"All types"</option>
                    {EXECUTION_CHOICES.into_iter().map(|e| {
                        let wire = e.as_str().to_string();
                        let label = e.label().to_string();
                        view! { <option value=wire selected=move || query.with(|q| q.execution.as_ref() == Some(&e))>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field search">
                <label for="runs-search">"Search runs"</label>
                <input id="runs-search" type="search" placeholder="Status, type or run id" prop:value=move || query.with(|q| q.q.clone()) on:input=on_q />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_runs_export_is_named_by_workflow_and_days() {
        let range = DateRange::new(
            Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        );
        assert_eq!(
            runs_file_name("Onboard new hire", range),
            "Onboard-new-hire-runs-2026-11-01-2026-11-30.csv"
        );
    }
}
