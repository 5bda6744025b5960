//! The pages' door to Graph: one async function per screen need, taking the
//! session context and returning model types or a [`GraphError`]. Every
//! error passes [`SessionContext::checked`] here, so a rejected token ends
//! the session wherever it shows up and views only turn errors into words.
//! No HTTP, JSON or URL building happens here.

use crate::app::session::context::SessionContext;
use crate::app::session::result_cache::CacheKey;
use crate::auth::permissions::WriteAction;
use crate::graph::endpoints::paths;
use crate::graph::odata::{DateField, ODataQuery, ResultQuery};
use crate::graph::{CancelFlag, GraphClient, GraphError};
use crate::model::definition::TaskDefinition;
use crate::model::{
    DateRange, ExecutionType, GraphUser, ProcessingStatus, Run, RunSummary, SortDir,
    TaskProcessingResult, TaskReport, TaskScope, UserProcessingResult, UserScope, Workflow,
};
use std::future::Future;

/// The navigation property that brings a user result's task results along.
const TASK_RESULTS: &str = "taskProcessingResults";

/// Result of a Graph call.
pub(crate) type ApiResult<T> = Result<T, GraphError>;

/// The server-side filter of the runs list.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RunFilter {
    /// Period (sent as a `$filter` on the run dates).
    pub range: DateRange,
    /// Statuses to keep (empty: all).
    pub statuses: Vec<ProcessingStatus>,
    /// Execution type to keep.
    pub execution: Option<ExecutionType>,
}

/// Runs `call` with the session's client; its error goes through
/// [`SessionContext::checked`].
async fn with_client<T, F, Fut>(session: SessionContext, call: F) -> ApiResult<T>
where
    F: FnOnce(GraphClient) -> Fut,
    Fut: Future<Output = ApiResult<T>>,
{
    let client = session.client()?;
    call(client).await.map_err(|e| session.checked(e))
}

/// Every workflow.
pub(crate) async fn workflows(session: SessionContext) -> ApiResult<Vec<Workflow>> {
    with_client(session, |c| async move { c.list_workflows().await }).await
}

/// One workflow.
pub(crate) async fn workflow(session: SessionContext, wf: String) -> ApiResult<Workflow> {
    with_client(session, |c| async move { c.get_workflow(&wf).await }).await
}

/// One workflow's definition: its tasks, who created and last changed it.
pub(crate) async fn workflow_definition(
    session: SessionContext,
    wf: String,
) -> ApiResult<Workflow> {
    with_client(
        session,
        |c| async move { c.get_workflow_definition(&wf).await },
    )
    .await
}

/// Every built-in task definition (their names for a workflow's tasks),
/// paging until done or `cancel` (the screen's load) is cancelled.
pub(crate) async fn task_definitions(
    session: SessionContext,
    cancel: CancelFlag,
) -> ApiResult<Vec<TaskDefinition>> {
    with_client(session, |c| async move {
        let mut all = Vec::new();
        c.list_task_definitions(&cancel, |rows, _| all.extend(rows))
            .await?;
        Ok(all)
    })
    .await
}

/// Runs of a workflow, page by page into `on_page(rows, loaded so far)`.
pub(crate) async fn runs(
    session: SessionContext,
    wf: String,
    filter: RunFilter,
    cancel: CancelFlag,
    mut on_page: impl FnMut(Vec<Run>, usize),
) -> ApiResult<()> {
    let query = ResultQuery {
        range: Some(filter.range),
        date_field: DateField::Scheduled,
        statuses: filter.statuses,
        execution_type: filter.execution,
        order_by: Some((DateField::Scheduled, SortDir::Desc)),
        ..Default::default()
    };
    with_client(session, |c| async move {
        c.list_runs(&wf, &query, &cancel, |rows, p| on_page(rows, p.loaded))
            .await
            .map(|_| ())
    })
    .await
}

/// `runs/summary(...)` for the period.
pub(crate) async fn run_summary(
    session: SessionContext,
    wf: String,
    range: DateRange,
) -> ApiResult<RunSummary> {
    with_client(session, |c| async move {
        c.run_summary(&wf, range.start, range.end).await
    })
    .await
}

/// One run.
pub(crate) async fn run(session: SessionContext, wf: String, run: String) -> ApiResult<Run> {
    with_client(session, |c| async move { c.get_run(&wf, &run).await }).await
}

/// The session cache's key of a run's user results: the run's endpoint
/// (its period is derived from the run, so the run says it all).
pub(crate) fn user_results_key(wf: &str, run: &str) -> CacheKey {
    CacheKey::new(paths::run_user_results(wf, run), "")
}

/// The session cache's key of a workflow's runs under a server-side filter
/// (`server`: the screen's description of it, e.g. a relative period, so a
/// "last 7 days" list is found again a minute later).
pub(crate) fn runs_key(wf: &str, server: &str) -> CacheKey {
    CacheKey::new(paths::runs(wf), server)
}

/// User results of a run within `range`, page by page, each with its task
/// results (`$expand`: the failed task and reason come in the same pages,
/// so a 100,000-user run costs no request more).
pub(crate) async fn user_results(
    session: SessionContext,
    wf: String,
    run: String,
    range: DateRange,
    cancel: CancelFlag,
    mut on_page: impl FnMut(Vec<UserProcessingResult>, usize),
) -> ApiResult<()> {
    let query = ResultQuery {
        range: Some(range),
        date_field: DateField::Scheduled,
        expand: Some(TASK_RESULTS),
        ..Default::default()
    };
    with_client(session, |c| async move {
        c.list_user_results(&wf, Some(&run), &query, &cancel, |rows, p| {
            on_page(rows, p.loaded)
        })
        .await
        .map(|_| ())
    })
    .await
}

/// The first `limit` users of a run that failed or completed with errors,
/// each with its task results (the reasons), for the Reprocess dialog: no
/// page is asked for once `limit` are in.
pub(crate) async fn failed_users(
    session: SessionContext,
    wf: String,
    run: String,
    range: DateRange,
    limit: usize,
) -> ApiResult<Vec<UserProcessingResult>> {
    let query = ResultQuery {
        range: Some(range),
        date_field: DateField::Scheduled,
        statuses: vec![
            ProcessingStatus::Failed,
            ProcessingStatus::CompletedWithErrors,
        ],
        top: u32::try_from(limit).ok(),
        expand: Some(TASK_RESULTS),
        ..Default::default()
    };
    with_client(session, |c| async move {
        let cancel = CancelFlag::new();
        let mut rows = Vec::new();
        c.list_user_results(&wf, Some(&run), &query, &cancel, |page, _| {
            rows.extend(page);
            if rows.len() >= limit {
                cancel.cancel();
            }
        })
        .await?;
        rows.truncate(limit);
        Ok(rows)
    })
    .await
}

/// Continues a paged load from the page link where it failed, page by page.
pub(crate) async fn more_pages<T: serde::de::DeserializeOwned + 'static>(
    session: SessionContext,
    from: String,
    cancel: CancelFlag,
    mut on_page: impl FnMut(Vec<T>, usize),
) -> ApiResult<()> {
    with_client(session, |c| async move {
        c.get_pages(from, &cancel, |rows, p| on_page(rows, p.loaded))
            .await
            .map(|_| ())
    })
    .await
}

/// One user result of a run.
pub(crate) async fn user_result(
    session: SessionContext,
    wf: String,
    run: String,
    upr: String,
) -> ApiResult<UserProcessingResult> {
    with_client(session, |c| async move {
        c.get_user_result(&wf, Some(&run), &upr).await
    })
    .await
}

/// Task results of one user result.
pub(crate) async fn task_results(
    session: SessionContext,
    wf: String,
    run: String,
    upr: String,
) -> ApiResult<Vec<TaskProcessingResult>> {
    with_client(session, |c| async move {
        c.list_task_results(&wf, Some(&run), &upr).await
    })
    .await
}

/// Task reports of a run (the workflow's reports filtered to `run`).
pub(crate) async fn task_reports(
    session: SessionContext,
    wf: String,
    run: String,
) -> ApiResult<Vec<TaskReport>> {
    with_client(session, |c| async move {
        let mut rows = Vec::new();
        c.list_task_reports(&wf, &ODataQuery::new(), &CancelFlag::new(), |page, _| {
            rows.extend(
                page.into_iter()
                    .filter(|r: &TaskReport| r.run_id.as_deref() == Some(run.as_str())),
            )
        })
        .await?;
        Ok(rows)
    })
    .await
}

// ----- writes (issue 15) -------------------------------------------------

/// How long after an `activate` the new run is looked for, and how often.
const FIND_RUN_TRIES: u32 = 12;
const FIND_RUN_EVERY_MS: u32 = 1_000;

/// Why the signed-in token cannot make `action`, or `None` (tracked).
pub(crate) fn write_denied(session: SessionContext, action: WriteAction) -> Option<String> {
    session
        .with_session(|s| crate::auth::permissions::write_denied(&s.info, action))
        .flatten()
}

/// What to say when a write failed: a 403 names what is needed.
pub(crate) fn write_error_text(action: WriteAction, error: &GraphError) -> String {
    if error.status == Some(403) {
        let says = error
            .message
            .as_deref()
            .map(|m| format!(" Microsoft Graph says: {m}"))
            .unwrap_or_default();
        format!(
            "Graph refused the change (403 Forbidden). {}{says}",
            action.requirement()
        )
    } else {
        error.user_message()
    }
}

/// Users whose name or UPN starts with `text` (at most `top`).
pub(crate) async fn search_users(
    session: SessionContext,
    text: String,
    top: u32,
) -> ApiResult<Vec<GraphUser>> {
    with_client(session, |c| async move { c.search_users(&text, top).await }).await
}

/// Runs `wf` on demand for `users` (one request), then finds the run it
/// started: the newest on-demand run not there before, polled briefly.
/// `Ok(None)`: started, but the run did not show up in time.
pub(crate) async fn run_on_demand(
    session: SessionContext,
    wf: String,
    users: Vec<String>,
) -> ApiResult<Option<Run>> {
    with_client(session, |c| async move {
        let since = chrono::Utc::now() - chrono::Duration::minutes(5);
        let known: Vec<String> = c
            .on_demand_runs_since(&wf, since)
            .await
            .map(|runs| runs.into_iter().map(|r| r.id).collect())
            .unwrap_or_default();
        c.activate(&wf, &users).await?;
        find_new_run(&c, &wf, since, &known).await
    })
    .await
}

/// Polls the on-demand runs since `since` for one not in `known`.
async fn find_new_run(
    c: &GraphClient,
    wf: &str,
    since: chrono::DateTime<chrono::Utc>,
    known: &[String],
) -> ApiResult<Option<Run>> {
    for _ in 0..FIND_RUN_TRIES {
        let runs = c.on_demand_runs_since(wf, since).await?;
        if let Some(run) = crate::graph::actions::newest_unknown(runs, known) {
            return Ok(Some(run));
        }
        gloo_timers::future::TimeoutFuture::new(FIND_RUN_EVERY_MS).await;
    }
    Ok(None)
}

/// Reprocesses `run` (one request), then finds the new run among the
/// run's `reprocessedRuns` (polled briefly); `Ok(None)`: not listed yet.
pub(crate) async fn reprocess(
    session: SessionContext,
    wf: String,
    run: String,
    users: UserScope,
    tasks: TaskScope,
) -> ApiResult<Option<Run>> {
    with_client(session, |c| async move {
        let known: Vec<String> = c
            .reprocessed_runs(&wf, &run)
            .await
            .map(|runs| runs.into_iter().map(|r| r.id).collect())
            .unwrap_or_default();
        c.reprocess(&wf, &run, users, tasks).await?;
        for _ in 0..FIND_RUN_TRIES {
            let runs = c.reprocessed_runs(&wf, &run).await?;
            if let Some(new) = crate::graph::actions::newest_unknown(runs, &known) {
                return Ok(Some(new));
            }
            gloo_timers::future::TimeoutFuture::new(FIND_RUN_EVERY_MS).await;
        }
        Ok(None)
    })
    .await
}

/// Cancels a queued or in-progress run (one request).
pub(crate) async fn cancel_run(session: SessionContext, wf: String, run: String) -> ApiResult<()> {
    with_client(session, |c| async move { c.cancel_run(&wf, &run).await }).await
}

/// The runs that reprocessed `run`.
pub(crate) async fn reprocessed_runs(
    session: SessionContext,
    wf: String,
    run: String,
) -> ApiResult<Vec<Run>> {
    with_client(
        session,
        |c| async move { c.reprocessed_runs(&wf, &run).await },
    )
    .await
}

/// Releases a quarantined workflow (one request); answers the workflow.
pub(crate) async fn clear_quarantine(session: SessionContext, wf: String) -> ApiResult<Workflow> {
    with_client(session, |c| async move { c.clear_quarantine(&wf).await }).await
}
