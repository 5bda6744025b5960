//! Tenant-wide loads over every workflow: the insights functions, with the
//! same figures computed from the runs (and task reports) of every workflow
//! when a function answers 403 or is missing. Workflows load a few at a time
//! ([`IN_FLIGHT`]) through the session's one client, so Graph's throttling
//! and its backoff are shared; a workflow that fails is reported with what
//! the others gave. Every load takes its screen's [`CancelFlag`]: once it is
//! cancelled the requests in flight are aborted and no further page or
//! workflow is asked for.

use crate::app::api::ApiResult;
use crate::app::session::context::SessionContext;
use crate::graph::odata::{DateField, ResultQuery};
use crate::graph::{CancelFlag, GraphClient, GraphError};
use crate::model::insights::{
    Insights, Source, TopTasksInsightsSummary, TopWorkflowsInsightsSummary, WorkflowRuns,
    WorkflowsInsightsByCategory, WorkflowsInsightsSummary,
};
use crate::model::{DateRange, ProcessingStatus, Run, TaskReport, UserProcessingResult, Workflow};
use crate::table::failures::FailureRow;
use chrono::Duration;
use futures::StreamExt;
use std::future::Future;

/// Workflows loaded at once: a few requests in flight, within Graph's limits.
pub(crate) const IN_FLIGHT: usize = 3;

/// One workflow's part of a tenant-wide load.
#[derive(Debug, Clone)]
pub(crate) struct WorkflowLoad<T> {
    pub workflow: Workflow,
    pub result: Result<T, GraphError>,
}

/// Runs `load` for every workflow, [`IN_FLIGHT`] at a time, in the list's
/// order; `on_done` hears of each as it finishes. Once `cancel` is
/// cancelled the loads in flight are dropped (their requests aborted), no
/// other workflow starts, and the workflows that did not finish are left
/// out.
pub(crate) async fn per_workflow<T, F, Fut>(
    workflows: Vec<Workflow>,
    cancel: &CancelFlag,
    load: F,
    mut on_done: impl FnMut(&WorkflowLoad<T>),
) -> Vec<WorkflowLoad<T>>
where
    F: Fn(Workflow) -> Fut,
    Fut: Future<Output = Result<T, GraphError>>,
{
    let mut stream = futures::stream::iter(workflows)
        .map(|w| {
            let work = cancel.guard(load(w.clone()));
            async move {
                WorkflowLoad {
                    workflow: w,
                    result: work.await,
                }
            }
        })
        .buffered(IN_FLIGHT);
    let mut out = Vec::new();
    while let Some(done) = stream.next().await {
        if cancel.is_cancelled() {
            break;
        }
        on_done(&done);
        out.push(done);
    }
    out
}

/// `Err(aborted)` once `cancel` is cancelled: a load stops between two
/// lists instead of asking for the next.
fn not_cancelled(cancel: &CancelFlag) -> ApiResult<()> {
    if cancel.is_cancelled() {
        Err(GraphError::aborted())
    } else {
        Ok(())
    }
}

/// Whether an insights function's error means "compute it from the runs":
/// forbidden (a Global Reader), or the function is missing or refused.
pub(crate) fn falls_back(error: &GraphError) -> bool {
    matches!(error.status, Some(400 | 403 | 404 | 405 | 501))
}

/// A run belongs to the period when it started (or, not started, was
/// scheduled) within it, ends included, as the insights functions count.
pub(crate) fn run_in(run: &Run, range: &DateRange) -> bool {
    run.display_date()
        .is_some_and(|t| t >= range.start && t <= range.end)
}

/// The runs of `wf` in `range`: asked for a day either side by schedule,
/// then kept by [`run_in`]; stops with `cancel`.
pub(crate) async fn runs_in(
    client: &GraphClient,
    wf: &str,
    range: DateRange,
    cancel: &CancelFlag,
) -> ApiResult<Vec<Run>> {
    let wide = DateRange::new(
        range.start - Duration::days(1),
        range.end + Duration::days(1),
    );
    let query = ResultQuery {
        range: Some(wide),
        date_field: DateField::Scheduled,
        ..Default::default()
    };
    let mut rows = Vec::new();
    client
        .list_runs(wf, &query, cancel, |page, _| {
            rows.extend(page.into_iter().filter(|r| run_in(r, &range)))
        })
        .await?;
    not_cancelled(cancel)?;
    Ok(rows)
}

/// The task reports of `runs` of `wf`; stops with `cancel`.
async fn reports_of(
    client: &GraphClient,
    wf: &str,
    runs: &[Run],
    cancel: &CancelFlag,
) -> ApiResult<Vec<TaskReport>> {
    let ids: std::collections::HashSet<&str> = runs.iter().map(|r| r.id.as_str()).collect();
    let mut rows = Vec::new();
    client
        .list_task_reports(
            wf,
            &crate::graph::odata::ODataQuery::new(),
            cancel,
            |page, _| {
                rows.extend(
                    page.into_iter()
                        .filter(|r| r.run_id.as_deref().is_some_and(|id| ids.contains(id))),
                )
            },
        )
        .await?;
    not_cancelled(cancel)?;
    Ok(rows)
}

/// What the fallback needs of every workflow.
struct FromRuns {
    workflows: Vec<WorkflowRuns>,
    reports: Vec<TaskReport>,
}

/// The user results of `run` that failed, completed with errors or were
/// canceled, each with its task results (`$expand`, no request more);
/// stops with `cancel`.
async fn failed_results(
    client: &GraphClient,
    wf: &str,
    run: &Run,
    cancel: &CancelFlag,
) -> ApiResult<Vec<UserProcessingResult>> {
    let at = run.display_date().unwrap_or_else(chrono::Utc::now);
    let query = ResultQuery {
        range: Some(DateRange::new(
            at - Duration::days(7),
            at + Duration::days(7),
        )),
        date_field: DateField::Scheduled,
        statuses: FAILURE_STATUSES.to_vec(),
        expand: Some("taskProcessingResults"),
        ..Default::default()
    };
    let mut rows = Vec::new();
    client
        .list_user_results(wf, Some(&run.id), &query, cancel, |page, _| {
            rows.extend(page)
        })
        .await?;
    not_cancelled(cancel)?;
    Ok(rows)
}

/// The user statuses the failures screen lists.
pub(crate) const FAILURE_STATUSES: [ProcessingStatus; 3] = [
    ProcessingStatus::Failed,
    ProcessingStatus::CompletedWithErrors,
    ProcessingStatus::Canceled,
];

/// The failure rows of one workflow in `range`: every run in the period,
/// its failed or canceled user results, one row per failed task; stops
/// with `cancel`.
async fn workflow_failures(
    client: &GraphClient,
    workflow: &Workflow,
    range: DateRange,
    cancel: &CancelFlag,
) -> ApiResult<Vec<FailureRow>> {
    let mut rows = Vec::new();
    for run in runs_in(client, &workflow.id, range, cancel).await? {
        for result in failed_results(client, &workflow.id, &run, cancel).await? {
            rows.extend(FailureRow::of(workflow, &run, &result));
        }
    }
    Ok(rows)
}

/// Every failure of every workflow in `range`. `on_start` hears the
/// workflows once listed; `on_done` each workflow's rows (or its error)
/// as it finishes, so one workflow's error keeps the others' rows. Once
/// `cancel` is cancelled nothing more is asked and it answers an aborted
/// error.
pub(crate) async fn failures(
    session: SessionContext,
    range: DateRange,
    cancel: &CancelFlag,
    on_start: impl FnOnce(&[Workflow]),
    on_done: impl FnMut(&WorkflowLoad<Vec<FailureRow>>),
) -> ApiResult<()> {
    let client = session.client()?;
    let workflows = cancel
        .guard(client.list_workflows())
        .await
        .map_err(|e| session.checked(e))?;
    on_start(&workflows);
    let client = &client;
    let loads = per_workflow(
        workflows,
        cancel,
        |w| async move { workflow_failures(client, &w, range, cancel).await },
        on_done,
    )
    .await;
    not_cancelled(cancel)?;
    for load in &loads {
        if let Err(e) = &load.result {
            session.checked(e.clone());
        }
    }
    Ok(())
}

/// `Ok(Ok(..))`: the function's answer; `Ok(Err(status))`: compute it from
/// the runs; `Err`: an error the screen shows.
fn sourced<T>(answer: ApiResult<T>) -> ApiResult<Result<(T, Source), Option<u16>>> {
    match answer {
        Ok(v) => Ok(Ok((v, Source::Insights))),
        Err(e) if falls_back(&e) => Ok(Err(e.status)),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_json;

    #[test]
    fn forbidden_and_missing_functions_fall_back_other_errors_do_not() {
        for s in [400, 403, 404, 405, 501] {
            assert!(falls_back(&GraphError::from_response(s, "", None)), "{s}");
        }
        for s in [401, 429, 500, 503] {
            assert!(!falls_back(&GraphError::from_response(s, "", None)), "{s}");
        }
        assert!(!falls_back(&GraphError::network("offline")));
    }

    #[test]
    fn a_run_counts_by_its_start_else_its_schedule_ends_included() {
        let range = DateRange::new(
            "2026-11-01T00:00:00Z".parse().unwrap(),
            "2026-11-08T00:00:00Z".parse().unwrap(),
        );
        let run = |s: &str| -> Run { parse_json(s).unwrap() };
        assert!(run_in(
            &run(r#"{"id":"a","startedDateTime":"2026-11-08T00:00:00Z"}"#),
            &range
        ));
        assert!(run_in(
            &run(r#"{"id":"b","scheduledDateTime":"2026-11-01T00:00:00Z"}"#),
            &range
        ));
        assert!(!run_in(
            &run(
                r#"{"id":"c","scheduledDateTime":"2026-11-02T00:00:00Z","startedDateTime":"2026-11-09T00:00:00Z"}"#
            ),
            &range
        ));
        assert!(!run_in(&run(r#"{"id":"d"}"#), &range));
    }

    #[test]
    fn a_cancelled_tenant_load_starts_no_other_workflow_and_keeps_no_late_answer() {
        let workflows: Vec<Workflow> = (0..8)
            .map(|i| parse_json(&format!(r#"{{"id":"wf-{i}"}}"#)).unwrap())
            .collect();
        let cancel = CancelFlag::new();
        let started = std::cell::Cell::new(0);
        let heard = std::cell::Cell::new(0);
        let loads = futures::executor::block_on(per_workflow(
            workflows,
            &cancel,
            |w| {
                started.set(started.get() + 1);
                let cancel = cancel.clone();
                async move {
                    // The screen is left while the second workflow loads.
                    if w.id == "wf-1" {
                        cancel.cancel();
                    }
                    Ok::<_, GraphError>(w.id)
                }
            },
            |_| heard.set(heard.get() + 1),
        ));
        let ids: Vec<&str> = loads
            .iter()
            .filter_map(|l| l.result.as_deref().ok())
            .collect();
        assert_eq!(ids, vec!["wf-0"]);
        assert_eq!(heard.get(), 1);
        assert!(started.get() <= 1 + IN_FLIGHT, "{} started", started.get());
        assert_eq!(
            not_cancelled(&cancel).err().map(|e| e.kind),
            Some(crate::graph::ErrorKind::Aborted)
        );
    }
}

/// The insights of [`insights_with_runs`] and the runs of every workflow in
/// the period (for the trend chart), each workflow's own result.
#[derive(Debug, Clone)]
pub(crate) struct InsightsWithRuns {
    pub insights: Insights,
    pub runs: Vec<WorkflowLoad<Vec<Run>>>,
}

/// Every panel of the insights screen for `range` (from the insights
/// functions where they answer, else computed from the runs of every
/// workflow), with those runs, loaded once:
/// the trend chart draws them and the panels the functions refuse are
/// computed from them (no second load). A workflow whose runs fail is
/// kept as its error (the chart names it) unless a panel needs computing,
/// which then fails. `on_progress(done, total)`
/// counts workflows. Once `cancel` is cancelled nothing more is asked and
/// it answers an aborted error.
pub(crate) async fn insights_with_runs(
    session: SessionContext,
    range: DateRange,
    cancel: &CancelFlag,
    mut on_progress: impl FnMut(usize, usize),
) -> ApiResult<InsightsWithRuns> {
    let client = session.client()?;
    let (s, e) = (range.start, range.end);
    let answers = cancel.guard(async {
        Ok(futures::join!(
            client.insights_object::<WorkflowsInsightsSummary>("workflowsProcessedSummary", s, e),
            client.insights_object::<WorkflowsInsightsByCategory>(
                "workflowsProcessedByCategory",
                s,
                e
            ),
            client.insights_list::<TopWorkflowsInsightsSummary>(
                "topWorkflowsProcessedSummary",
                s,
                e
            ),
            client.insights_list::<TopTasksInsightsSummary>("topTasksProcessedSummary", s, e),
            client.list_workflows(),
        ))
    });
    let (summary, by_category, top_workflows, top_tasks, workflows) = answers.await?;
    let checked = |e: GraphError| session.checked(e);
    let summary = sourced(summary).map_err(checked)?;
    let by_category = sourced(by_category).map_err(checked)?;
    let top_workflows = sourced(top_workflows).map_err(checked)?;
    let top_tasks = sourced(top_tasks).map_err(checked)?;
    let workflows = workflows.map_err(checked)?;
    let needs_runs = [
        summary.is_err(),
        by_category.is_err(),
        top_workflows.is_err(),
        top_tasks.is_err(),
    ]
    .contains(&true);
    let with_reports = top_tasks.is_err();
    let total = workflows.len();
    let mut done = 0;
    on_progress(0, total);
    let client = &client;
    let loads = per_workflow(
        workflows,
        cancel,
        |w| async move {
            let runs = runs_in(client, &w.id, range, cancel).await?;
            let reports = if with_reports && !runs.is_empty() {
                reports_of(client, &w.id, &runs, cancel).await?
            } else {
                Vec::new()
            };
            Ok((runs, reports))
        },
        |_| {
            done += 1;
            on_progress(done, total);
        },
    )
    .await;
    not_cancelled(cancel)?;
    let mut computed = FromRuns {
        workflows: Vec::new(),
        reports: Vec::new(),
    };
    let mut runs = Vec::new();
    for load in loads {
        match load.result {
            Ok((r, reports)) => {
                computed.workflows.push((load.workflow.clone(), r.clone()));
                computed.reports.extend(reports);
                runs.push(WorkflowLoad {
                    workflow: load.workflow,
                    result: Ok(r),
                });
            }
            Err(e) => {
                let e = session.checked(e);
                if needs_runs {
                    return Err(e);
                }
                runs.push(WorkflowLoad {
                    workflow: load.workflow,
                    result: Err(e),
                });
            }
        }
    }
    let all_runs = || computed.workflows.iter().flat_map(|(_, r)| r.iter());
    let wf_runs = computed.workflows.as_slice();
    let summary = Some(summary.unwrap_or_else(|status| {
        (
            WorkflowsInsightsSummary::from_runs(all_runs()),
            Source::Runs { status },
        )
    }));
    let by_category = Some(by_category.unwrap_or_else(|status| {
        (
            WorkflowsInsightsByCategory::from_workflows(wf_runs),
            Source::Runs { status },
        )
    }));
    let top_workflows = Some(match top_workflows {
        Ok((mut rows, source)) => {
            crate::model::insights::sort_top_workflows(&mut rows);
            (rows, source)
        }
        Err(status) => (
            TopWorkflowsInsightsSummary::from_workflows(wf_runs),
            Source::Runs { status },
        ),
    });
    let top_tasks = Some(match top_tasks {
        Ok((mut rows, source)) => {
            crate::model::insights::sort_top_tasks(&mut rows);
            (rows, source)
        }
        Err(status) => (
            TopTasksInsightsSummary::from_reports(computed.reports.iter()),
            Source::Runs { status },
        ),
    });
    Ok(InsightsWithRuns {
        insights: Insights {
            summary,
            by_category,
            top_workflows,
            top_tasks,
        },
        runs,
    })
}
