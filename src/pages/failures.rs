//! Failures: every failed or canceled user result of every workflow in a
//! period, one row per failed task (workflow, run, user, task, reason,
//! time), with search, sort, columns and export; or the same failures
//! grouped by reason pattern across tasks and workflows (or by task and
//! reason pattern), each group with its counts, tasks, workflows, first
//! and last seen and one full example, sortable and exported like every
//! table, a group opening its failures. Workflows load a few at a time
//! with progress per workflow; one that fails is named in a banner and the
//! others' rows stay.

mod filters;
mod query;

use filters::FilterChips;
pub(crate) use query::{FailuresQuery, FailuresView};

use super::data_grid::{sort_of, DataGrid};
use super::loaded::error_details;
use super::period_picker::PeriodPicker;
use super::problems::QueryProblems;
use crate::app::browser::page_title::set_title;
use crate::app::export::download::file_name;
use crate::app::load::batched::Batched;
use crate::app::load::generation::Generation;
use crate::app::load::tenant;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::period::INSIGHTS;
use crate::app::url::query::{paths, SortParam};
use crate::app::url::screen_query::{use_screen_query, ScreenState, ScreenWriter};
use crate::components::error_banner::ErrorBanner;
use crate::format::thousands;
use crate::graph::GraphError;
use crate::table::failures::{failures_of, FailureRow};
use crate::table::reasons::{group_failures, FailureGroup};
use crate::table::{Table, ViewSpec};
use chrono::Utc;
use leptos::prelude::*;
use std::time::Duration;

/// Where one workflow's load is.
#[derive(Clone, Debug, PartialEq)]
enum WorkflowState {
    Loading,
    Done(usize),
    Failed(String),
}

/// A workflow's name and the state of its load.
type Progress = Vec<(String, WorkflowState)>;

/// How often the table and progress redraw while workflows finish.
const REDRAW_EVERY: Duration = Duration::from_millis(250);

/// One workflow's load, finished: its name, state and failure rows.
struct Finished {
    name: String,
    state: WorkflowState,
    rows: Vec<FailureRow>,
}

impl Finished {
    fn of(load: &tenant::WorkflowLoad<Vec<FailureRow>>) -> Self {
        let (state, rows) = match &load.result {
            Ok(found) => (WorkflowState::Done(found.len()), found.clone()),
            Err(e) => (WorkflowState::Failed(e.user_message()), Vec::new()),
        };
        Finished {
            name: load.workflow.name().to_string(),
            state,
            rows,
        }
    }
}

/// Adds the rows of workflows that finished and marks them in the progress.
fn apply_finished(
    rows: RwSignal<Table<FailureRow>>,
    progress: RwSignal<Progress>,
    done: Vec<Finished>,
) {
    let mut found = Vec::new();
    let mut states = Vec::with_capacity(done.len());
    for f in done {
        found.extend(f.rows);
        states.push((f.name, f.state));
    }
    if !found.is_empty() {
        rows.try_update(|t| t.push_rows(found));
    }
    progress.try_update(|p| {
        for (name, state) in states {
            if let Some(slot) = p
                .iter_mut()
                .find(|(n, s)| *n == name && *s == WorkflowState::Loading)
            {
                slot.1 = state;
            }
        }
    });
}

/// The user result page of a failure: "Open failure of <user>".
fn failure_link(row: &FailureRow) -> Option<(String, String)> {
    let who = row
        .user_result
        .subject
        .as_ref()
        .and_then(|s| s.display_name.clone())
        .unwrap_or_else(|| row.user_id().to_string());
    Some((
        app_href(&paths::user_result(
            &row.workflow_id,
            &row.run_id,
            &row.user_result.id,
        )),
        format!("Open failure of {who}"),
    ))
}

/// The failures screen.
#[component]
pub(crate) fn FailuresPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let ScreenState {
        query,
        problems,
        writer,
    } = use_screen_query::<FailuresQuery>();
    let period = Memo::new(move |_| query.with(|q| q.period));
    let rows = RwSignal::new(Table::<FailureRow>::new(Vec::new()));
    let progress = RwSignal::new(Progress::new());
    let list_error = RwSignal::new(None::<GraphError>);
    // Every workflow listed: id and name (the workflow chip's name).
    let workflow_names = RwSignal::new(Vec::<(String, String)>::new());
    // Leaving the screen or changing the period stops the load in flight.
    let loads = Generation::new();
    let reload = move || {
        let ticket = loads.next();
        let stamp = ticket.stamp();
        let current = move || stamp.is_current();
        let range = period.get_untracked().range(Utc::now());
        let names = session.users.snapshot_untracked();
        rows.set({
            let mut t = Table::new(Vec::new());
            t.set_names(names);
            t
        });
        progress.set(Vec::new());
        list_error.set(None);
        // Workflows that finish close together are drawn together: the
        // table and the progress list redraw a few times, not once each.
        let batch = Batched::new(REDRAW_EVERY, move |done: Vec<Finished>| {
            if current() {
                apply_finished(rows, progress, done);
            }
        });
        let flag = ticket.flag().clone();
        ticket.spawn(async move {
            let on_start = move |wfs: &[crate::model::Workflow]| {
                if current() {
                    workflow_names.try_set(
                        wfs.iter()
                            .map(|w| (w.id.clone(), w.name().to_string()))
                            .collect(),
                    );
                    progress.try_set(
                        wfs.iter()
                            .map(|w| (w.name().to_string(), WorkflowState::Loading))
                            .collect(),
                    );
                }
            };
            let on_done = {
                let batch = batch.clone();
                move |load: &tenant::WorkflowLoad<Vec<FailureRow>>| {
                    if current() {
                        batch.push(Finished::of(load));
                    }
                }
            };
            let done = tenant::failures(session, range, &flag, on_start, on_done).await;
            batch.flush();
            if let (Err(e), true) = (done, current()) {
                list_error.try_set(Some(e));
            }
        });
    };
    Effect::new(move |_| {
        period.track();
        reload();
    });
    Effect::new(move |_| {
        let names = session.users.snapshot();
        rows.maybe_update(|t| t.set_names(names));
    });
    // The failures the filters and search keep, in the failures' sort
    // (the groups are made of these).
    let kept = Memo::new(move |_| {
        let (spec, exact) = query.with(|q| {
            let spec = ViewSpec {
                search: q.q.clone(),
                sort: Some(sort_of(if q.view == FailuresView::Rows {
                    q.sort
                } else {
                    query::DEFAULT_SORT
                })),
                ..ViewSpec::default()
            };
            let exact = FailuresQuery {
                task: q.task.clone(),
                workflow: q.workflow.clone(),
                ..FailuresQuery::default()
            };
            (spec, exact)
        });
        rows.track();
        let all = rows
            .try_update_untracked(|t| t.view(&spec))
            .unwrap_or_default();
        if exact.task.is_empty() && exact.workflow.is_empty() {
            return all;
        }
        rows.with_untracked(|t| {
            all.into_iter()
                .filter(|&i| t.get(i).is_some_and(|r| filters::keeps(&exact, r)))
                .collect()
        })
    });
    let order = Memo::new(move |_| {
        let all = kept.get();
        match query.with(|q| q.group.clone()) {
            None => all,
            Some(g) => rows.with_untracked(|t| {
                all.into_iter()
                    .filter(|&i| t.get(i).is_some_and(|r| r.in_group(&g.task, &g.pattern)))
                    .collect()
            }),
        }
    });
    let groups = RwSignal::new(Table::<FailureGroup>::new(Vec::new()));
    let group_by = Memo::new(move |_| query.with(|q| q.view.group_by()));
    Effect::new(move |_| {
        let Some(by) = group_by.get() else {
            return;
        };
        let made = kept.with(|kept| {
            rows.with_untracked(|t| {
                let (failures, _) = failures_of(kept.iter().filter_map(|&i| t.get(i)));
                group_failures(&failures, by)
            })
        });
        groups.set(Table::new(made));
    });
    let task_name = Signal::derive(move || {
        let task = query.with(|q| q.task.clone());
        rows.with(|t| filters::task_label(t.rows(), &task))
    });
    let workflow_name = Signal::derive(move || {
        let id = query.with(|q| q.workflow.clone());
        workflow_names
            .with(|w| w.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()))
            .unwrap_or(id)
    });
    Effect::new(move |_| set_title(&["Failures"]));
    let loading = move || progress.with(|p| p.iter().any(|(_, s)| *s == WorkflowState::Loading));
    view! {
        <div class="page-head">
            <h1>"Failures"</h1>
        </div>
        <QueryProblems problems writer />
        <PeriodPicker period choices=INSIGHTS on_change=writer.callback(|q, p| q.period = p) />
        {move || list_error.get().map(|e| view! {
            <ErrorBanner error=error_details(&e) on_retry=Callback::new(move |_| reload()) on_switch=super::loaded::switch_action(&e) />
            {super::open_by_id::is_list_denied(&e).then(|| view! { <super::open_by_id::OpenById /> })}
        })}
        <FailedWorkflows progress on_retry=Callback::new(move |_| reload()) />
        <WorkflowProgress progress />
        <ViewSwitch query writer />
        <FilterChips query writer task_name workflow_name />
        {move || match query.with(|q| q.view) {
            FailuresView::Groups | FailuresView::TaskGroups => view! { <GroupsTable groups query writer loading=Signal::derive(loading) /> }.into_any(),
            FailuresView::Rows => view! { <FailuresTable rows order query writer /> }.into_any(),
        }}
    }
}

/// The banner naming the workflows whose failures could not be loaded.
#[component]
fn FailedWorkflows(progress: RwSignal<Progress>, on_retry: Callback<()>) -> impl IntoView {
    move || {
        let failed: Vec<(String, String)> = progress.with(|p| {
            p.iter()
                .filter_map(|(n, s)| match s {
                    WorkflowState::Failed(e) => Some((n.clone(), e.clone())),
                    _ => None,
                })
                .collect()
        });
        (!failed.is_empty()).then(|| {
            let names: Vec<String> = failed.iter().map(|(n, e)| format!("{n} ({e})")).collect();
            view! {
                <div class="banner banner-danger" role="alert">
                    <p>
                        {format!(
                            "The failures of {} could not be loaded: {}. The failures of the other workflows are listed.",
                            if failed.len() == 1 { "1 workflow".to_string() } else { format!("{} workflows", failed.len()) },
                            names.join("; ")
                        )}
                    </p>
                    <button type="button" class="btn" on:click=move |_| on_retry.run(())>"Retry"</button>
                </div>
            }
        })
    }
}

/// One line per workflow: loading, its failures found, or its error.
#[component]
fn WorkflowProgress(progress: RwSignal<Progress>) -> impl IntoView {
    let summary = move || {
        progress.with(|p| {
            let done = p
                .iter()
                .filter(|(_, s)| *s != WorkflowState::Loading)
                .count();
            format!("{done} of {} workflows loaded", p.len())
        })
    };
    view! {
        <details class="workflow-progress">
            <summary role="status">{summary}</summary>
            <ul aria-label="Progress per workflow">
                {move || progress.get().into_iter().map(|(name, state)| {
                    let text = match state {
                        WorkflowState::Loading => "loading…".to_string(),
                        WorkflowState::Done(n) => format!("{} failures", thousands(n as u64)),
                        WorkflowState::Failed(e) => format!("not loaded: {e}"),
                    };
                    view! { <li><span class="wf-name">{name}</span>": "{text}</li> }
                }).collect_view()}
            </ul>
        </details>
    }
}

/// Failures or groups (by reason, or by task and reason); the search box.
#[component]
fn ViewSwitch(query: Memo<FailuresQuery>, writer: ScreenWriter<FailuresQuery>) -> impl IntoView {
    let on_q = move |ev| {
        let text = event_target_value(&ev);
        writer.update_replace(|q| q.q = text);
    };
    let choice = move |view: FailuresView, label: &'static str| {
        view! {
            <button type="button" class="btn" aria-pressed=move || query.with(|q| q.view == view).to_string()
                on:click=move |_| writer.update(|q| q.show(view))>{label}</button>
        }
    };
    view! {
        <div class="toolbar" role="group" aria-label="View">
            <div class="segmented">
                {choice(FailuresView::Rows, "Failures")}
                {choice(FailuresView::Groups, "Group by reason")}
                {choice(FailuresView::TaskGroups, "By task and reason")}
            </div>
            <div class="field search">
                <label for="failures-search">"Search failures"</label>
                <input id="failures-search" type="search" placeholder="User, workflow, task or reason"
                    prop:value=move || query.with(|q| q.q.clone()) on:input=on_q />
            </div>
        </div>
    }
}

/// The failures table, with its count, export and columns menu.
#[component]
fn FailuresTable(
    rows: RwSignal<Table<FailureRow>>,
    order: Memo<Vec<u32>>,
    query: Memo<FailuresQuery>,
    writer: ScreenWriter<FailuresQuery>,
) -> impl IntoView {
    let shown = Memo::new(move |_| query.with(|q| q.columns.clone()));
    let sort = Signal::derive(move || query.with(|q| q.sort));
    let on_sort = writer.callback(|q, next: SortParam| q.sort = next);
    let on_columns = writer.callback(|q, next: Vec<&'static str>| q.columns = next);
    let name = move |ext: &str| {
        let r = query.with_untracked(|q| q.period.range(Utc::now()));
        file_name(
            &[
                "failures",
                &r.start.format("%Y-%m-%d").to_string(),
                &r.end.format("%Y-%m-%d").to_string(),
            ],
            ext,
        )
    };
    let group_note = move || {
        query.with(|q| q.group.clone()).map(|g| {
            let label = if g.task.is_empty() { "any task".to_string() } else { g.task.clone() };
            view! {
                <p class="group-note" role="status">
                    {format!("Failures of the group {label}: {}", g.pattern)}
                    " "
                    <button type="button" class="btn btn-small"
                        on:click=move |_| writer.update(|q| q.group = None)>"Show every failure"</button>
                </p>
            }
        })
    };
    view! {
        {group_note}
        <DataGrid
            rows
            order
            shown
            caption="Failures"
            noun="failures"
            class="data failures"
            link=failure_link
            sort
            on_sort
            on_columns
            file_name=move |_| name("csv")
        />
    }
}

/// "Show the N failures of <reason>": the failures screen of one group.
fn group_link(query: Memo<FailuresQuery>, g: &FailureGroup) -> (String, String) {
    let mut q = query.get_untracked();
    q.open_group(g.task_key().to_string(), g.pattern.clone());
    let of = match g.task_key() {
        "" => g.pattern.clone(),
        task => format!("{task}: {}", g.pattern),
    };
    (
        app_href(&q.path()),
        format!("Show the {} failures of {of}", g.failures),
    )
}

/// Under "Fails again unchanged: Yes", what to fix first.
fn fails_again_fix(key: &'static str, g: &FailureGroup) -> Option<String> {
    (key == "again")
        .then_some(g.fails_again)
        .flatten()
        .map(|f| f.fix().to_string())
}

/// The reason groups (of the failures the search keeps), sorted, with
/// their count, export and columns menu; each opens its failures.
#[component]
fn GroupsTable(
    groups: RwSignal<Table<FailureGroup>>,
    query: Memo<FailuresQuery>,
    writer: ScreenWriter<FailuresQuery>,
    loading: Signal<bool>,
) -> impl IntoView {
    let shown = Memo::new(move |_| query.with(|q| q.columns.clone()));
    let sort = Signal::derive(move || query.with(|q| q.sort));
    let on_sort = writer.callback(|q, next: SortParam| q.sort = next);
    let on_columns = writer.callback(|q, next: Vec<&'static str>| q.columns = next);
    let order = Memo::new(move |_| {
        let spec = ViewSpec {
            sort: Some(sort_of(sort.get())),
            ..ViewSpec::default()
        };
        groups.track();
        groups
            .try_update_untracked(|t| t.view(&spec))
            .unwrap_or_default()
    });
    let name = move |ext: &str| {
        let r = query.with_untracked(|q| q.period.range(Utc::now()));
        file_name(
            &[
                "failure-groups",
                &r.start.format("%Y-%m-%d").to_string(),
                &r.end.format("%Y-%m-%d").to_string(),
            ],
            ext,
        )
    };
    let caption = if query.with_untracked(|q| q.view == FailuresView::TaskGroups) {
        "Failures grouped by task and reason"
    } else {
        "Failures grouped by reason"
    };
    let so_far = view! {
        <span class="muted" role="status">{move || loading.get().then_some("Groups so far: workflows are still loading.")}</span>
    }
    .into_any();
    view! {
        <DataGrid
            rows=groups
            order
            shown
            caption
            noun="groups"
            class="data groups"
            link=move |g: &FailureGroup| Some(group_link(query, g))
            sort
            on_sort
            on_columns
            tools=so_far
            sub_text=fails_again_fix
            file_name=move |_| name("csv")
        />
    }
}
