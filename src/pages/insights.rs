//! Insights: tenant-wide figures for a period (24 h to 90 days or whole UTC
//! days): runs, users and tasks processed with successes and failures, the
//! joiner / mover / leaver split, the top failing workflows and tasks.
//! A top workflow or task links to exactly its failures (`workflow=` /
//! `task=`), and a count that links opens a view of that many rows (a
//! workflow's failed runs, a task's failures). Each panel says where its
//! figures come from: Graph's insights functions, or the runs of every
//! workflow when those answer 403 or are missing.

mod query;
mod trend;

pub(crate) use query::InsightsQuery;
use trend::InsightsTrend;

use super::failures::FailuresQuery;
use super::loaded::loaded;
use super::period_picker::PeriodPicker;
use super::problems::QueryProblems;
use crate::app::browser::page_title::set_title;
use crate::app::load::resource::screen_resource_with_cancel;
use crate::app::load::tenant;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::period::{period_pairs, INSIGHTS, RUNS};
use crate::app::url::query::{paths, query_string};
use crate::app::url::screen_query::{use_screen_query, ScreenState};
use crate::components::cards::{Card, SummaryCards};
use crate::format::count;
use crate::format::summary::rest_words;
use crate::model::insights::{
    Insights, Source, TopTasksInsightsSummary, TopWorkflowsInsightsSummary,
    WorkflowsInsightsByCategory, WorkflowsInsightsSummary,
};
use crate::model::{DateRange, Period, Tone};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::components::A;

/// The insights screen.
#[component]
pub(crate) fn InsightsPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let ScreenState {
        query,
        problems,
        writer,
    } = use_screen_query::<InsightsQuery>();
    let period = Memo::new(move |_| query.with(|q| q.period));
    let pick = Memo::new(move |_| query.with(|q| q.pick));
    let on_period = writer.callback(|q, p| q.period = p);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let data = screen_resource_with_cancel(move |cancel| {
        let range = period.get().range(Utc::now());
        progress.set(None);
        async move {
            let load = tenant::insights_with_runs(session, range, &cancel, move |done, total| {
                progress.try_set(Some((done, total)));
            });
            load.await.map(|d| (d, range))
        }
    });
    Effect::new(move |_| set_title(&["Insights"]));
    view! {
        <div class="page-head">
            <h1>"Insights"</h1>
        </div>
        <QueryProblems problems writer />
        <PeriodPicker period choices=INSIGHTS on_change=on_period />
        {move || {
            let loading = data.get().is_none();
            progress.get().filter(|_| loading).map(|(done, total)| view! {
                <p class="load-progress" role="status">
                    {format!("Loading the runs of every workflow: {done} of {total} workflows loaded")}
                </p>
            })
        }}
        {move || data.with(super::open_by_id::list_denied).then(|| view! { <super::open_by_id::OpenById /> })}
        {loaded(data, 8, move |(d, range): (tenant::InsightsWithRuns, DateRange)| {
            let chart = view! { <InsightsTrend loads=d.runs range pick writer /> };
            panels(d.insights, period, chart)
        })}
    }
}

/// Every panel of a loaded [`Insights`].
fn panels(ins: Insights, period: Memo<Period>, trend: impl IntoView) -> impl IntoView {
    let summary = ins.summary.map(|(s, src)| summary_panel(s, src));
    let categories = ins.by_category.map(|(c, src)| category_panel(c, src));
    let workflows = ins
        .top_workflows
        .map(|(rows, src)| top_workflows_panel(rows, src, period));
    let tasks = ins
        .top_tasks
        .map(|(rows, src)| top_tasks_panel(rows, src, period));
    view! { {summary} {trend} {categories} {workflows} {tasks} }
}

fn source_note(source: &Source) -> impl IntoView {
    let class = match source {
        Source::Insights => "source-note",
        Source::Runs { .. } => "source-note source-computed",
    };
    view! { <p class=class>{source.describe()}</p> }
}

fn card(label: &'static str, value: Option<u32>, tone: Tone, counts: &'static str) -> Card {
    Card {
        label,
        value: value.map(i64::from),
        tone,
        counts,
        filter: None,
    }
}

fn summary_panel(s: WorkflowsInsightsSummary, source: Source) -> impl IntoView {
    let groups = [
        (
            "Runs processed",
            [
                card(
                    "Runs",
                    s.total_runs,
                    Tone::Neutral,
                    "every run in the period",
                ),
                card(
                    "Successful runs",
                    s.successful_runs,
                    Tone::Success,
                    "status Completed",
                ),
                card(
                    "Failed runs",
                    s.failed_runs,
                    Tone::Danger,
                    "Failed or Completed with errors",
                ),
            ],
        ),
        (
            "Users processed",
            [
                card(
                    "Users",
                    s.total_users,
                    Tone::Neutral,
                    "user results of those runs",
                ),
                card(
                    "Successful users",
                    s.successful_users,
                    Tone::Success,
                    "every task completed",
                ),
                card(
                    "Failed users",
                    s.failed_users,
                    Tone::Danger,
                    "a task failed",
                ),
            ],
        ),
        (
            "Tasks processed",
            [
                card(
                    "Tasks",
                    s.total_tasks,
                    Tone::Neutral,
                    "task results of those users",
                ),
                card(
                    "Successful tasks",
                    s.successful_tasks,
                    Tone::Success,
                    "status Completed",
                ),
                card(
                    "Failed tasks",
                    s.failed_tasks,
                    Tone::Danger,
                    "status Failed",
                ),
            ],
        ),
    ];
    let rests = [
        rest_words(
            "runs",
            s.total_runs,
            s.successful_runs,
            s.failed_runs,
            "in progress, queued, canceling, canceled or quarantined",
        ),
        rest_words(
            "users",
            s.total_users,
            s.successful_users,
            s.failed_users,
            "in progress, queued or canceled",
        ),
        rest_words(
            "tasks",
            s.total_tasks,
            s.successful_tasks,
            s.failed_tasks,
            "in progress, queued or canceled",
        ),
    ];
    view! {
        <section class="insights-panel" aria-labelledby="insights-processed">
            <h2 id="insights-processed">"Processed in the period"</h2>
            {source_note(&source)}
            {groups.into_iter().zip(rests).map(|((label, cards), rest)| view! {
                <SummaryCards label=label cards=cards.to_vec() />
                {rest.map(|words| view! { <p class="cards-rest">{words}</p> })}
            }).collect_view()}
        </section>
    }
}

fn category_panel(c: WorkflowsInsightsByCategory, source: Source) -> impl IntoView {
    let rows = c.rows().map(|(cat, (total, ok, failed))| {
        view! {
            <tr>
                <th scope="row">{cat.label().to_string()}</th>
                <td class="num">{count(total)}</td>
                <td class="num">{count(ok)}</td>
                <td class="num">{count(failed)}</td>
            </tr>
        }
    });
    view! {
        <section class="insights-panel" aria-labelledby="insights-categories">
            <h2 id="insights-categories">"Joiner, mover and leaver runs"</h2>
            {source_note(&source)}
            <div class="table-wrap">
                <table class="data compact">
                    <caption class="sr-only">"Runs by workflow category"</caption>
                    <thead><tr>
                        <th scope="col">"Category"</th>
                        <th scope="col" class="num">"Runs"</th>
                        <th scope="col" class="num">"Successful runs"</th>
                        <th scope="col" class="num">"Failed runs"</th>
                    </tr></thead>
                    <tbody>{rows.into_iter().collect_view()}</tbody>
                </table>
            </div>
        </section>
    }
}

/// A count, linking to `href` when it is more than zero.
fn count_link(n: Option<u32>, href: String, label: String) -> AnyView {
    match n {
        Some(n) if n > 0 => view! {
            <A href=href attr:aria-label=label>{count(Some(n))}</A>
        }
        .into_any(),
        n => count(n).into_any(),
    }
}

/// The failures screen for the period, of exactly the workflow or task the
/// query sets.
fn failures_href(period: Period, exact: impl FnOnce(&mut FailuresQuery)) -> String {
    let mut q = FailuresQuery {
        period,
        ..FailuresQuery::default()
    };
    exact(&mut q);
    app_href(&q.path())
}

/// The runs screen of a workflow, filtered to failed runs of the period.
fn failed_runs_href(wf: &str, period: Period) -> String {
    let mut pairs = period_pairs(&RUNS.fit(period, Utc::now()));
    pairs.push(("status", "failed,completedWithErrors".to_string()));
    app_href(&format!("{}{}", paths::runs(wf), query_string(&pairs)))
}

fn top_workflows_panel(
    rows: Vec<TopWorkflowsInsightsSummary>,
    source: Source,
    period: Memo<Period>,
) -> impl IntoView {
    let empty = rows.is_empty();
    let body = rows
        .into_iter()
        .map(|r| {
            let period = period.get_untracked();
            let runs_href = failed_runs_href(&r.workflow_id, period);
            let id = r.workflow_id.clone();
            let href = failures_href(period, |q| q.workflow = id);
            let name = r.name().to_string();
            let runs_label = format!("{} failed runs of {name}", count(r.failed_runs));
            let category = r.workflow_category.as_ref().map(|c| c.label().to_string());
            view! {
                <tr>
                    <th scope="row"><A href=href attr:title="Failures of this workflow">{name}</A></th>
                    <td>{category.unwrap_or_default()}</td>
                    <td class="num">{count_link(r.failed_runs, runs_href, runs_label)}</td>
                    <td class="num">{count(r.failed_users)}</td>
                    <td class="num">{count(r.total_runs)}</td>
                    <td class="num">{count(r.total_users)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="insights-panel" aria-labelledby="insights-top-workflows">
            <h2 id="insights-top-workflows">"Top failing workflows"</h2>
            {source_note(&source)}
            {empty.then(|| view! { <p class="empty-note">"No workflow ran in the period."</p> })}
            <div class="table-wrap">
                <table class="data compact">
                    <caption class="sr-only">"Top failing workflows"</caption>
                    <thead><tr>
                        <th scope="col">"Workflow"</th>
                        <th scope="col">"Category"</th>
                        <th scope="col" class="num">"Failed runs"</th>
                        <th scope="col" class="num">"Failed users"</th>
                        <th scope="col" class="num">"Runs"</th>
                        <th scope="col" class="num">"Users"</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

fn top_tasks_panel(
    rows: Vec<TopTasksInsightsSummary>,
    source: Source,
    period: Memo<Period>,
) -> impl IntoView {
    let empty = rows.is_empty();
    let body = rows
        .into_iter()
        .map(|r| {
            let name = r.name().to_string();
            let id = Some(r.task_definition_id.clone())
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| name.clone());
            let href = failures_href(period.get_untracked(), |q| q.task = id);
            let label = format!("{} failures of {name}", count(r.failed_tasks));
            view! {
                <tr>
                    <th scope="row"><A href=href.clone() attr:title="Failures of this task">{name}</A></th>
                    <td class="num">{count_link(r.failed_tasks, href, label)}</td>
                    <td class="num">{count(r.successful_tasks)}</td>
                    <td class="num">{count(r.total_tasks)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="insights-panel" aria-labelledby="insights-top-tasks">
            <h2 id="insights-top-tasks">"Top failing tasks"</h2>
            {source_note(&source)}
            {empty.then(|| view! { <p class="empty-note">"No task ran in the period."</p> })}
            <div class="table-wrap">
                <table class="data compact">
                    <caption class="sr-only">"Top failing tasks"</caption>
                    <thead><tr>
                        <th scope="col">"Task"</th>
                        <th scope="col" class="num">"Failed"</th>
                        <th scope="col" class="num">"Successful"</th>
                        <th scope="col" class="num">"Processed"</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
