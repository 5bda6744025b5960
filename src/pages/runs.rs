//! The runs of a workflow: date range (sent to Graph as `$filter`), status
//! and execution-type filters (also server-side), text search and sortable
//! columns kept in the URL, summary cards from `runs/summary`.

use crate::app::api::{self, RunFilter};
use crate::app::base::app_href;
use crate::app::paged::PagedRows;
use crate::app::query::{paths, split_list, SortState};
use crate::app::session::Session;
use crate::app::url_nav::QueryWriter;
use crate::components::cards::{Card, SummaryCards};
use crate::components::error_banner::ErrorBanner;
use crate::components::feedback::{EmptyState, LoadProgress, SkeletonRows};
use crate::components::sort_header::SortHeader;
use crate::components::status_badge::{BadgeKind, StatusBadge, StatusLevel};
use crate::components::status_filter::StatusFilter;
use crate::components::time::{count_text, duration_words, Time};
use crate::format::thousands;
use crate::graph::SortDir;
use crate::model::{DateRange, ExecutionType, ProcessingStatus, RangePreset, Run};
use crate::table::{Sort, Table, TableRow, ViewSpec};
use chrono::{NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Statuses offered in the status filter.
pub const STATUS_CHOICES: [&str; 6] = [
    "failed",
    "completedWithErrors",
    "completed",
    "inProgress",
    "queued",
    "canceled",
];

/// Execution types offered in the filter.
pub const EXECUTION_CHOICES: [&str; 3] = ["scheduled", "onDemand", "activatedWithScope"];

/// The server-side part of the view: changing it reloads from Graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunsServerKey {
    /// Workflow id.
    pub wf: String,
    /// `24h`, `7d`, `30d` (default), `90d` or `custom`.
    pub range: String,
    /// Custom start date (`YYYY-MM-DD`, UTC).
    pub from: String,
    /// Custom end date, inclusive.
    pub to: String,
    /// Status filter.
    pub statuses: Vec<String>,
    /// Execution type filter.
    pub exec: String,
}

impl RunsServerKey {
    /// The date range at `now`; custom dates are whole UTC days, `to` inclusive.
    pub fn date_range(&self, now: chrono::DateTime<Utc>) -> DateRange {
        if self.range == "custom" {
            let from = NaiveDate::parse_from_str(&self.from, "%Y-%m-%d").ok();
            let to = NaiveDate::parse_from_str(&self.to, "%Y-%m-%d").ok();
            if let (Some(f), Some(t)) = (from, to) {
                let start = f.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
                let end = t
                    .succ_opt()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc());
                if let (Some(s), Some(e)) = (start, end) {
                    return DateRange::new(s, e);
                }
            }
        }
        RangePreset::from_key(&self.range)
            .unwrap_or(RangePreset::Last30Days)
            .range(now)
    }

    /// The Graph filter at `now`.
    pub fn filter(&self, now: chrono::DateTime<Utc>) -> RunFilter {
        RunFilter {
            range: self.date_range(now),
            statuses: self
                .statuses
                .iter()
                .map(|s| ProcessingStatus::from_wire(s))
                .collect(),
            execution: (!self.exec.is_empty()).then(|| ExecutionType::from_wire(&self.exec)),
        }
    }
}

/// The table column key for a URL sort key (`started` by default).
pub fn run_column(key: &str) -> &'static str {
    Run::column(key).map_or("started", |c| c.key)
}

/// The data layer's view spec for the search box and sort of the URL.
/// Status sorts by severity: "descending" puts the worst first.
pub fn run_spec(q: &str, sort: &SortState) -> ViewSpec {
    let column = run_column(&sort.key);
    let worst_first = column == "status";
    let dir = if sort.descending != worst_first {
        SortDir::Desc
    } else {
        SortDir::Asc
    };
    ViewSpec {
        search: q.to_string(),
        sort: Some(Sort { column, dir }),
        ..ViewSpec::default()
    }
}

/// The runs screen.
#[component]
pub fn RunsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let params = use_params_map();
    let query = use_query_map();
    let writer = QueryWriter::new();
    let wf = Memo::new(move |_| params.with(|p| p.get("wf").unwrap_or_default()));
    let key = Memo::new(move |_| {
        query.with(|q| RunsServerKey {
            wf: wf.get(),
            range: q.get("range").unwrap_or_else(|| "30d".into()),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
            statuses: split_list(q.get_str("status")),
            exec: q.get("exec").unwrap_or_default(),
        })
    });
    let q = Memo::new(move |_| query.with(|m| m.get("q").unwrap_or_default()));
    let sort = Memo::new(move |_| {
        query.with(|m| {
            SortState::from_params(m.get_str("sort"), m.get_str("dir"), ("started", true))
        })
    });
    let workflow = LocalResource::new(move || api::workflow(session, wf.get()));
    let runs = PagedRows::<Run>::new();
    let summary = RwSignal::new(None::<crate::model::RunSummary>);
    let reload = move || {
        let k = key.get_untracked();
        let filter = k.filter(Utc::now());
        let range = filter.range;
        let wf_id = k.wf.clone();
        runs.start(session, move |cancel, sink| {
            api::runs(session, wf_id, filter, cancel, sink)
        });
        summary.set(None);
        let wf_id = k.wf;
        leptos::task::spawn_local(async move {
            match api::run_summary(session, wf_id, range).await {
                Ok(s) => summary.set(Some(s)),
                // A rejected token ends the session wherever it shows up;
                // other summary failures leave the cards at "—".
                Err(e) if e.needs_sign_in() => {
                    api::handle_error(&session, &e);
                }
                Err(_) => {}
            }
        });
    };
    Effect::new(move |_| {
        key.track();
        reload();
    });
    let order = Memo::new(move |_| {
        let spec = run_spec(&q.get(), &sort.get());
        runs.rows.track();
        runs.rows
            .try_update_untracked(|t| t.view(&spec))
            .unwrap_or_default()
    });
    let on_sort = {
        let writer = writer.clone();
        Callback::new(move |col: &'static str| {
            let next = sort.get_untracked().toggled(col);
            writer.set(
                &[
                    ("sort", Some(next.key.clone())),
                    ("dir", Some(next.dir_param().into())),
                ],
                false,
            );
        })
    };
    let sort_signal = Signal::derive(move || sort.get());
    let wf_name = move || match workflow.get() {
        Some(Ok(w)) => w.name().to_string(),
        _ => wf.get(),
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><A href=app_href("/workflows")>"Workflows"</A></li>
                <li aria-current="page">{wf_name}</li>
            </ol>
        </nav>
        <h1>"Runs of " {wf_name}</h1>
        <RunsFilters key q writer=writer.clone() />
        {move || {
            let s = summary.get().unwrap_or_default();
            view! {
                <SummaryCards
                    label="Runs in the period"
                    cards=vec![
                        Card { label: "Total runs", value: s.total_runs.map(i64::from), tone: "" },
                        Card { label: "Successful runs", value: s.successful_runs.map(i64::from), tone: "success" },
                        Card { label: "Failed runs", value: s.failed_runs.map(i64::from), tone: "danger" },
                        Card { label: "Users", value: s.total_users.map(i64::from), tone: "" },
                        Card { label: "Failed tasks", value: s.failed_tasks.map(i64::from), tone: "danger" },
                    ]
                />
            }
        }}
        {move || runs.error.get().map(|e| {
            let on_resume = runs.resume_from.get().map(|_| Callback::new(move |_| runs.resume(session)));
            view! { <ErrorBanner error=e on_retry=Callback::new(move |_| reload()) on_resume /> }
        })}
        <LoadProgress
            loaded=Signal::derive(move || runs.loaded.get())
            loading=Signal::derive(move || runs.loading.get())
            noun="runs"
            on_stop=Callback::new(move |_| runs.stop())
        />
        {move || {
            let empty = !runs.loading.get() && runs.error.get().is_none() && runs.rows.with(Table::is_empty);
            let filtered_out = !empty && !runs.loading.get() && order.with(Vec::is_empty);
            if empty {
                Some(view! { <EmptyState title="No runs in this period" hint="No run matches the date range and filters. Widen the date range (e.g. Last 90 days) or clear the status and type filters." /> }.into_any())
            } else if filtered_out {
                Some(view! { <EmptyState title="No run matches the search" hint="Clear or change the search text." /> }.into_any())
            } else {
                None
            }
        }}
        <p class="count-line" aria-live="polite">
            {move || format!("{} of {} runs", thousands(order.with(Vec::len) as u64), thousands(runs.rows.with(Table::len) as u64))}
        </p>
        <div class="table-wrap">
            <table class="data">
                <caption class="sr-only">"Runs of the workflow"</caption>
                <thead>
                    <tr>
                        <SortHeader label="Status" key="status" sort=sort_signal on_sort />
                        <SortHeader label="Type" key="type" sort=sort_signal on_sort />
                        <SortHeader label="Scheduled" key="scheduled" sort=sort_signal on_sort />
                        <SortHeader label="Started" key="started" sort=sort_signal on_sort />
                        <SortHeader label="Completed" key="completed" sort=sort_signal on_sort />
                        <SortHeader label="Duration" key="duration" sort=sort_signal on_sort class="num" />
                        <SortHeader label="Users" key="users" sort=sort_signal on_sort class="num" />
                        <SortHeader label="Users succeeded" key="usersOk" sort=sort_signal on_sort class="num" />
                        <SortHeader label="Users failed" key="usersFailed" sort=sort_signal on_sort class="num" />
                        <SortHeader label="Tasks" key="tasks" sort=sort_signal on_sort class="num" />
                        <SortHeader label="Tasks failed" key="tasksFailed" sort=sort_signal on_sort class="num" />
                        <SortHeader label="Tasks unprocessed" key="tasksUnprocessed" sort=sort_signal on_sort class="num" />
                    </tr>
                </thead>
                <tbody>
                    <Show when=move || runs.first_pending.get() && runs.loading.get()>
                        <SkeletonRows columns=12 />
                    </Show>
                    <For
                        each=move || order.get()
                        key=|i| *i
                        children=move |i: u32| {
                            let run = runs.rows.with_untracked(|t| t.get(i).cloned()).unwrap_or_default();
                            view! { <RunRow run wf=wf.get_untracked() /> }
                        }
                    />
                </tbody>
            </table>
        </div>
    }
}

/// One run row; the status cell links to the run.
#[component]
fn RunRow(run: Run, wf: String) -> impl IntoView {
    let href = app_href(&paths::run(&wf, &run.id));
    let status = run
        .processing_status
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let exec = run
        .workflow_execution_type
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let when = run
        .display_date()
        .map(crate::components::time::local_text)
        .unwrap_or_else(|| run.id.clone());
    let failed_users = run.failed_users_count.unwrap_or(0) > 0;
    view! {
        <tr>
            <th scope="row">
                <A href=href attr:aria-label=format!("Open run of {when}")>
                    <StatusBadge kind=BadgeKind::Processing level=StatusLevel::Run value=status />
                </A>
            </th>
            <td><StatusBadge kind=BadgeKind::ExecutionType value=exec /></td>
            <td><Time at=run.scheduled_date_time /></td>
            <td><Time at=run.started_date_time /></td>
            <td><Time at=run.completed_date_time /></td>
            <td class="num">{duration_words(run.duration())}</td>
            <td class="num">{count_text(run.total_users_count)}</td>
            <td class="num">{count_text(run.successful_users_count)}</td>
            <td class="num" class:failed-count=failed_users>{count_text(run.failed_users_count)}</td>
            <td class="num">{count_text(run.total_tasks())}</td>
            <td class="num">{count_text(run.failed_tasks_count)}</td>
            <td class="num">{count_text(run.total_unprocessed_tasks_count)}</td>
        </tr>
    }
}

/// Date range, status, execution type and search controls.
#[component]
fn RunsFilters(key: Memo<RunsServerKey>, q: Memo<String>, writer: QueryWriter) -> impl IntoView {
    let w1 = writer.clone();
    let on_range = move |ev| {
        let v = event_target_value(&ev);
        if v == "custom" {
            let today = Utc::now().date_naive();
            let from = today - chrono::Duration::days(30);
            w1.set(
                &[
                    ("range", Some(v)),
                    ("from", Some(from.to_string())),
                    ("to", Some(today.to_string())),
                ],
                false,
            );
        } else {
            w1.set(&[("range", Some(v)), ("from", None), ("to", None)], false);
        }
    };
    let w2 = writer.clone();
    let on_from = move |ev| w2.set(&[("from", Some(event_target_value(&ev)))], false);
    let w3 = writer.clone();
    let on_to = move |ev| w3.set(&[("to", Some(event_target_value(&ev)))], false);
    let w4 = writer.clone();
    let on_exec = move |ev| w4.set(&[("exec", Some(event_target_value(&ev)))], false);
    let w5 = writer.clone();
    let on_q = move |ev| w5.set(&[("q", Some(event_target_value(&ev)))], true);
    let ranges = [
        ("24h", "Last 24 hours"),
        ("7d", "Last 7 days"),
        ("30d", "Last 30 days"),
        ("90d", "Last 90 days"),
        ("custom", "Custom"),
    ];
    view! {
        <div class="toolbar" role="group" aria-label="Filters">
            <div class="field">
                <label for="range">"Date range"</label>
                <select id="range" on:change=on_range>
                    {ranges.into_iter().map(|(k, l)| view! { <option value=k selected=move || key.get().range == k>{l}</option> }).collect_view()}
                </select>
            </div>
            <Show when=move || key.get().range == "custom">
                <div class="field">
                    <label for="from">"From (UTC)"</label>
                    <input id="from" type="date" prop:value=move || key.get().from on:change=on_from.clone() />
                </div>
                <div class="field">
                    <label for="to">"To (UTC)"</label>
                    <input id="to" type="date" prop:value=move || key.get().to on:change=on_to.clone() />
                </div>
            </Show>
            <StatusFilter
                choices=&STATUS_CHOICES
                selected=Signal::derive(move || key.get().statuses)
                on_change={
                    let writer = writer.clone();
                    move |list: Vec<String>| writer.set(&[("status", Some(list.join(",")))], false)
                }
            />
            <div class="field">
                <label for="exec">"Execution type"</label>
                <select id="exec" on:change=on_exec>
                    <option value="" selected=move || key.get().exec.is_empty()>"All types"</option>
                    {EXECUTION_CHOICES.into_iter().map(|e| view! { <option value=e selected=move || key.get().exec == e>{ExecutionType::from_wire(e).label().to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field search">
                <label for="runs-search">"Search runs"</label>
                <input id="runs-search" type="search" placeholder="Status, type or run id" prop:value=move || q.get() on:input=on_q />
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(range: &str, from: &str, to: &str) -> RunsServerKey {
        RunsServerKey {
            wf: "w".into(),
            range: range.into(),
            from: from.into(),
            to: to.into(),
            statuses: vec![],
            exec: String::new(),
        }
    }

    #[test]
    fn default_range_is_thirty_days() {
        let now = Utc::now();
        let r = key("nonsense", "", "").date_range(now);
        assert_eq!((r.end - r.start).num_days(), 30);
    }

    #[test]
    fn custom_range_includes_end_day() {
        let r = key("custom", "2024-01-01", "2024-01-31").date_range(Utc::now());
        assert_eq!(r.start.to_rfc3339(), "2024-01-01T00:00:00+00:00");
        assert_eq!(r.end.to_rfc3339(), "2024-02-01T00:00:00+00:00");
    }

    #[test]
    fn status_descending_is_worst_first() {
        let mut a = Run {
            id: "a".into(),
            ..Default::default()
        };
        a.processing_status = Some(ProcessingStatus::Completed);
        let mut b = Run {
            id: "b".into(),
            ..Default::default()
        };
        b.processing_status = Some(ProcessingStatus::Failed);
        let mut table = Table::new(vec![a, b]);
        let sort = SortState {
            key: "status".into(),
            descending: true,
        };
        assert_eq!(table.view(&run_spec("", &sort)), vec![1, 0]);
    }
}
