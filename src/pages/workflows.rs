//! The workflows list, the first screen: name, category, enabled and
//! scheduling state (with the "enabled but scheduling off" trap flagged,
//! and a quarantine's type, date and reason under it),
//! the last run's status and time, the failed users and runs of a period
//! (7 days by default), version and last modified, and the next scheduled
//! run; sortable by name, last run and failures, so the first
//! screen already says where to look. Search, period and sort live in the
//! URL (`workflows/query.rs`).

mod live;
mod query;

pub(crate) use query::{sort_workflows, WorkflowSort, WorkflowsQuery};

use std::collections::HashMap;

use super::loaded::loaded;
use super::problems::QueryProblems;
use crate::app::api;
use crate::app::browser::page_title::set_title;
use crate::app::load::resource::{screen_resource, screen_resource_with_cancel};
use crate::app::load::workflow_health::{self, WorkflowHealth};
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::period::{period_pairs, preset_label, WORKFLOWS};
use crate::app::url::query::{paths, query_string};
use crate::app::url::screen_query::{use_screen_query, ScreenState, ScreenWriter, WireEnum};
use crate::components::feedback::EmptyState;
use crate::components::quarantine::QuarantineNotice;
use crate::components::sort_header::SortHeader;
use crate::components::status_badge::{BadgeValue, StatusBadge};
use crate::components::time::Time;
use crate::components::time::TimeZoneNote;
use crate::format::count;
use crate::graph::{ErrorKind, GraphError};
use crate::model::{Level, Period, Preset, Workflow, WorkflowCategory};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;
use live::HealthLive;

/// What the health columns know: still loading, loaded (per workflow id),
/// or failed as a whole.
#[derive(Clone, Debug, PartialEq)]
enum HealthState {
    Loading,
    Loaded(HashMap<String, WorkflowHealth>),
    Failed(String),
}

/// Workflows whose name, description, category or id contains `q`.
pub(crate) fn matching(workflows: &[Workflow], q: &str) -> Vec<Workflow> {
    let needle = q.trim().to_lowercase();
    workflows
        .iter()
        .filter(|w| {
            needle.is_empty()
                || w.name().to_lowercase().contains(&needle)
                || w.id.to_lowercase().contains(&needle)
                || w.description
                    .as_deref()
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(&needle)
                || w.category
                    .as_ref()
                    .is_some_and(|c| c.as_str().to_lowercase().contains(&needle))
        })
        .cloned()
        .collect()
}

/// The workflows screen.
#[component]
pub(crate) fn WorkflowsPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let data = screen_resource(move || api::workflows(session));
    set_title(&["Workflows"]);
    let ScreenState {
        query,
        problems,
        writer,
    } = use_screen_query::<WorkflowsQuery>();
    let period = Memo::new(move |_| query.with(|q| q.period));
    let live = HealthLive::new();
    let health = health_resource(session, data, period, live);
    follow_shown(session, data, query, health, period, live);
    let on_search = move |ev| {
        let text = event_target_value(&ev);
        writer.update_replace(|q| q.q = text);
    };
    let content = move |all: Vec<Workflow>| {
        move || {
            let q = query.get();
            let mut rows = matching(&all, &q.q);
            let state = health.get();
            if let HealthState::Loaded(h) = &state {
                sort_workflows(&mut rows, h, &q);
            } else {
                sort_workflows(&mut rows, &HashMap::new(), &q);
            }
            if all.is_empty() {
                view! { <EmptyState title="No workflows" hint="This tenant has no lifecycle workflows, or the token cannot list them." /> }.into_any()
            } else if rows.is_empty() {
                view! { <EmptyState title="No workflow matches the search" hint="Clear or change the search text." /> }.into_any()
            } else {
                view! {
                    <div class="table-tools">
                        <p class="count-line">{format!(
                            "{} of {} workflows · failed users and runs in the {}",
                            rows.len(),
                            all.len(),
                            period_words(q.period)
                        )}</p>
                        {live.lines(Callback::new(move |_| data.refetch()))}
                    </div>
                    {health_note(state.clone())}
                    <WorkflowTable rows health=state query=q writer />
                }
                .into_any()
            }
        }
    };
    view! {
        <h1>"Workflows"</h1>
        <QueryProblems problems writer />
        <div class="toolbar">
            <div class="field search">
                <label for="wf-search">"Search workflows"</label>
                <input
                    id="wf-search"
                    type="search"
                    placeholder="Name, category or id"
                    prop:value=move || query.get().q
                    on:input=on_search
                />
            </div>
            <PeriodSelect period writer />
        </div>
        <super::open_by_id::OpenById />
        {loaded(data, 4, content)}
    }
}

/// The health of the listed workflows over the period, loaded once the
/// workflows are (again when the period changes or on Retry), or as the
/// live refresh last found it.
fn health_resource(
    session: SessionContext,
    data: LocalResource<api::ApiResult<Vec<Workflow>>>,
    period: Memo<Preset>,
    live: HealthLive,
) -> Signal<HealthState> {
    let loads = screen_resource_with_cancel(move |cancel| {
        let ids: Vec<String> = data
            .get()
            .and_then(Result::ok)
            .map(|all| all.iter().map(|w| w.id.clone()).collect())
            .unwrap_or_default();
        let range = period.get().range(Utc::now());
        async move {
            if ids.is_empty() {
                return Ok(HashMap::new());
            }
            workflow_health::load(session, ids, range, cancel).await
        }
    });
    Effect::new(move |_| live.loaded(matches!(loads.get(), Some(Ok(_)))));
    let state = Signal::derive(move || match (live.refreshed.get(), loads.get()) {
        (Some(h), _) => HealthState::Loaded(h),
        (None, loads) => health_of(loads),
    });
    provide_context(HealthRetry(loads));
    state
}

/// The state of the health load's answer.
fn health_of(answer: Option<api::ApiResult<HashMap<String, WorkflowHealth>>>) -> HealthState {
    match answer {
        None => HealthState::Loading,
        Some(Err(e)) if e.kind == ErrorKind::Aborted => HealthState::Loading,
        Some(Err(e)) => HealthState::Failed(health_error(&e)),
        Some(Ok(h)) => HealthState::Loaded(h),
    }
}

/// The live refresh follows the workflows the search shows.
fn follow_shown(
    session: SessionContext,
    data: LocalResource<api::ApiResult<Vec<Workflow>>>,
    query: Memo<WorkflowsQuery>,
    health: Signal<HealthState>,
    period: Memo<Preset>,
    live: HealthLive,
) {
    let shown = Memo::new(move |_| {
        let all = data.get().and_then(Result::ok).unwrap_or_default();
        query.with(|q| matching(&all, &q.q).into_iter().map(|w| w.id).collect())
    });
    let loaded = Signal::derive(move || match health.get() {
        HealthState::Loaded(h) => Some(h),
        _ => None,
    });
    live.follow(session, loaded, shown, period);
}

/// Retry of the health load, for the note under the count.
#[derive(Clone, Copy)]
struct HealthRetry(LocalResource<api::ApiResult<HashMap<String, WorkflowHealth>>>);

fn health_error(e: &GraphError) -> String {
    format!(
        "The last runs and failures could not be loaded ({}); the workflows are listed without them.",
        e.user_message()
    )
}

/// "Loading last runs…" or the health load's error with Retry.
fn health_note(state: HealthState) -> impl IntoView {
    let retry = use_context::<HealthRetry>();
    match state {
        HealthState::Loading => Some(
            view! { <p class="muted" role="status">"Loading the last runs and failures…"</p> }
                .into_any(),
        ),
        HealthState::Failed(message) => Some(
            view! {
                <p class="banner banner-warning" role="status">
                    <span>{message}</span>
                    <button type="button" class="btn btn-small"
                        on:click=move |_| { if let Some(HealthRetry(r)) = retry { r.refetch(); } }>
                        "Retry"
                    </button>
                </p>
            }
            .into_any(),
        ),
        HealthState::Loaded(_) => None,
    }
}

/// The period of the failure columns.
#[component]
fn PeriodSelect(period: Memo<Preset>, writer: ScreenWriter<WorkflowsQuery>) -> impl IntoView {
    let on_change = move |ev| {
        if let Some(p) = Preset::from_wire(&event_target_value(&ev)) {
            writer.update(|q| q.period = p);
        }
    };
    view! {
        <div class="field">
            <label for="wf-period">"Failures in"</label>
            <select id="wf-period" on:change=on_change>
                {WORKFLOWS.options().into_iter().map(|(k, l)| view! {
                    <option value=k selected=move || period.get().wire() == k>{l}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The table of workflows.
#[component]
fn WorkflowTable(
    rows: Vec<Workflow>,
    health: HealthState,
    query: WorkflowsQuery,
    writer: ScreenWriter<WorkflowsQuery>,
) -> impl IntoView {
    let loading = health == HealthState::Loading;
    let header = |column: WorkflowSort, label: String, class: &'static str| {
        let direction = (query.sort == column).then_some(query.descending);
        let on_sort = Callback::new(move |_| writer.update(|q| q.sort_by(column)));
        view! { <SortHeader label direction=Signal::stored(direction) on_sort class /> }
    };
    let period = query.period;
    view! {
        <TimeZoneNote />
        <div class="table-wrap">
            <table class="data workflows-table">
                <caption class="sr-only">"Lifecycle workflows"</caption>
                <thead>
                    <tr>
                        {header(WorkflowSort::Name, "Name".into(), "")}
                        <th scope="col">"Category"</th>
                        <th scope="col">"State"</th>
                        {header(WorkflowSort::LastRun, "Last run".into(), "")}
                        {header(WorkflowSort::FailedUsers, "Failed users".into(), "num")}
                        {header(WorkflowSort::FailedRuns, "Failed runs".into(), "num")}
                        <th scope="col">"Version, modified"</th>
                        <th scope="col">"Next scheduled run"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|w| {
                        let h = match &health {
                            HealthState::Loaded(all) => Some(all.get(&w.id).cloned().unwrap_or_else(|| WorkflowHealth {
                                problem: Some("Not loaded yet: choose Refresh.".into()),
                                ..WorkflowHealth::default()
                            })),
                            _ => None,
                        };
                        view! { <WorkflowRow w health=h loading period /> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// "last 7 days" for the count line.
fn period_words(period: Preset) -> String {
    preset_label(period).to_lowercase()
}

/// One workflow row.
#[component]
fn WorkflowRow(
    w: Workflow,
    health: Option<WorkflowHealth>,
    loading: bool,
    period: Preset,
) -> impl IntoView {
    let href = app_href(&paths::runs(&w.id));
    let name = w.name().to_string();
    let quarantine = w.quarantine().cloned();
    let failed_href = failed_runs_href(&w.id, period);
    view! {
        <tr>
            <th scope="row"><A href=href>{name}</A></th>
            <td><CategoryBadge category=w.category.clone() /></td>
            <td class="stacked state-cell">
                <SchedulingState enabled=w.is_enabled scheduling=w.is_scheduling_enabled />
                {quarantine.map(|details| view! { <QuarantineNotice details /> })}
            </td>
            {health_cells(&w.id, health, loading, failed_href)}
            <td class="stacked">
                <span>{w.version.map(|v| format!("v{v}")).unwrap_or_else(|| "—".into())}</span>
                <span class="stacked-sub"><Time at=w.last_modified_date_time /></span>
            </td>
            <td><Time at=w.next_schedule_run_date_time /></td>
        </tr>
    }
}

/// Last run, failed users and failed runs of one workflow.
fn health_cells(
    wf: &str,
    health: Option<WorkflowHealth>,
    loading: bool,
    failed_href: String,
) -> AnyView {
    let Some(h) = health else {
        let text = if loading { "…" } else { "—" };
        return view! {
            <td><span class="muted">{text}</span></td>
            <td class="num"><span class="muted">{text}</span></td>
            <td class="num"><span class="muted">{text}</span></td>
        }
        .into_any();
    };
    let problem = h.problem.clone().unwrap_or_default();
    let last_run = match &h.last_run {
        Some(run) => {
            let href = app_href(&paths::run(wf, &run.id));
            let status = BadgeValue::Processing(run.processing_status.clone(), Level::Run);
            let at = run.started_date_time.or(run.scheduled_date_time);
            view! {
                <td class="stacked">
                    <A href=href attr:aria-label=format!("Last run, {}", run.id)><StatusBadge value=status /></A>
                    <span class="stacked-sub"><Time at /></span>
                </td>
            }
            .into_any()
        }
        None if h.problem.is_some() => {
            view! { <td><span class="muted" title=problem.clone()>"—"</span></td> }.into_any()
        }
        None => view! { <td><span class="muted">"Never ran"</span></td> }.into_any(),
    };
    let figure = |n: Option<u32>, href: String| match n {
        Some(0) => view! { <td class="num">"0"</td> }.into_any(),
        Some(n) => view! { <td class="num"><A href=href>{count(Some(n))}</A></td> }.into_any(),
        None => view! { <td class="num"><span class="muted" title=problem.clone()>"—"</span></td> }
            .into_any(),
    };
    view! {
        {last_run}
        {figure(h.failed_users(), failed_href.clone())}
        {figure(h.failed_runs(), failed_href)}
    }
    .into_any()
}

/// The workflow's runs screen for the period, filtered to failed runs.
fn failed_runs_href(wf: &str, period: Preset) -> String {
    let mut pairs = period_pairs(&Period::Last(period));
    pairs.push(("status", "failed,completedWithErrors".to_string()));
    app_href(&format!("{}{}", paths::runs(wf), query_string(&pairs)))
}

/// Joiner / mover / leaver / other badge.
#[component]
pub(crate) fn CategoryBadge(category: Option<WorkflowCategory>) -> impl IntoView {
    let (label, icon, class) = match &category {
        Some(WorkflowCategory::Joiner) => ("Joiner".to_string(), "+", "badge badge-success"),
        Some(WorkflowCategory::Mover) => ("Mover".to_string(), "⇄", "badge badge-info"),
        Some(WorkflowCategory::Leaver) => ("Leaver".to_string(), "−", "badge badge-warning"),
        Some(other) => (other.label().to_string(), "•", "badge badge-neutral"),
        None => ("—".to_string(), "•", "badge badge-neutral"),
    };
    view! {
        <span class=class title="Workflow category"><span aria-hidden="true">{icon}</span>{label}</span>
    }
}

/// Enabled / scheduling state, flagging "enabled but scheduling off".
#[component]
fn SchedulingState(enabled: Option<bool>, scheduling: Option<bool>) -> impl IntoView {
    match (enabled, scheduling) {
        (Some(true), Some(false)) => view! {
            <span class="badge badge-warning" title="The workflow is enabled but its schedule is off: it only runs on demand and will not process new users by itself.">
                <span aria-hidden="true">"⚠"</span>"Enabled, scheduling off"
            </span>
        }.into_any(),
        (Some(true), Some(true)) => view! {
            <span class="badge badge-success" title="Enabled and running on its schedule.">
                <span aria-hidden="true">"✓"</span>"Enabled, scheduled"
            </span>
        }.into_any(),
        (Some(false), _) => view! {
            <span class="badge badge-neutral" title="Disabled: neither scheduled nor on-demand runs are possible.">
                <span aria-hidden="true">"⊘"</span>"Disabled"
            </span>
        }.into_any(),
        _ => view! { <span class="muted">"—"</span> }.into_any(),
    }
}
