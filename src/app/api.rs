//! The pages' door to the data layer: one async function per screen need,
//! taking the session's [`Connection`] and returning model types or a
//! [`GraphError`]. No HTTP, JSON or URL building happens here: every call is
//! forwarded to the data layer's typed Graph client.

use super::session::{Connection, Session};
use crate::auth::{Secret, TokenInfo};
use crate::components::error_banner::ErrorDetails;
use crate::graph::odata::{DateField, ODataQuery, ResultQuery, SortDir};
use crate::graph::{ApiVersion, CancelFlag, ErrorKind, GraphBase, GraphClient, GraphError};
use crate::model::{
    DateRange, ExecutionType, GraphUser, ProcessingStatus, Run, RunSummary, TaskProcessingResult,
    TaskReport, UserProcessingResult, Workflow,
};
use leptos::prelude::*;

/// Result of a Graph call.
pub type ApiResult<T> = Result<T, GraphError>;

/// The server-side filter of the runs list.
#[derive(Clone, Debug, PartialEq)]
pub struct RunFilter {
    /// Period (sent as a `$filter` on the run dates).
    pub range: DateRange,
    /// Statuses to keep (empty: all).
    pub statuses: Vec<ProcessingStatus>,
    /// Execution type to keep.
    pub execution: Option<ExecutionType>,
}

impl From<&GraphError> for ErrorDetails {
    fn from(e: &GraphError) -> Self {
        ErrorDetails {
            message: e.user_message(),
            status: e.status,
            code: e.code.as_deref().map(String::from),
            request_id: e.request_id.as_deref().map(String::from),
        }
    }
}

/// Turns an error into banner details; a rejected token (401) ends the
/// session so the guard returns to sign-in and back here afterwards.
pub fn handle_error(session: &Session, error: &GraphError) -> ErrorDetails {
    if error.needs_sign_in() {
        session.expire(error.user_message());
    }
    let mut details = ErrorDetails::from(error);
    if error.kind == ErrorKind::Forbidden {
        let token = session.connection_untracked().map(|c| c.token);
        details.message.push(' ');
        details
            .message
            .push_str(&granted_permissions(token.as_deref()));
    }
    details
}

/// Which permissions the token carries, for a 403 message (read from the
/// token's own claims; the token itself is never shown).
pub fn granted_permissions(token: Option<&str>) -> String {
    let Some(info) = token.and_then(|t| TokenInfo::from_token(t).ok()) else {
        return "The token's permissions could not be read from it.".to_string();
    };
    let granted: Vec<&str> = info.permissions().collect();
    if granted.is_empty() {
        "This token carries no permissions (no scp or roles claim).".to_string()
    } else {
        format!("This token has: {}.", granted.join(", "))
    }
}

thread_local! {
    /// One client per session epoch, so its user-name cache is shared.
    static CLIENT: std::cell::RefCell<Option<(u64, Connection, GraphClient)>> =
        const { std::cell::RefCell::new(None) };
}

/// The Graph client of the current session (created on first use).
pub fn client(session: &Session, conn: &Connection) -> GraphClient {
    let epoch = session.epoch.get_untracked();
    CLIENT.with(|cell| {
        let mut slot = cell.borrow_mut();
        if let Some((e, c, client)) = slot.as_ref() {
            if *e == epoch && c == conn {
                return client.clone();
            }
        }
        let version = ApiVersion::parse(&conn.api_version).unwrap_or(ApiVersion::V1);
        let client = GraphClient::new(
            GraphBase::new(&conn.graph_base, version),
            Secret::new(&conn.token),
        );
        *slot = Some((epoch, conn.clone(), client.clone()));
        client
    })
}

/// Drops the cached client (sign out).
pub fn forget_client() {
    CLIENT.with(|cell| cell.borrow_mut().take());
}

/// The session's connection and client, or a 401-like error without one.
fn current(session: &Session) -> ApiResult<GraphClient> {
    match session.connection_untracked() {
        Some(conn) => Ok(client(session, &conn)),
        None => Err(GraphError::from_response(401, "", None)),
    }
}

/// Every workflow.
pub async fn workflows(session: Session) -> ApiResult<Vec<Workflow>> {
    current(&session)?.list_workflows().await
}

/// One workflow.
pub async fn workflow(session: Session, wf: String) -> ApiResult<Workflow> {
    current(&session)?.get_workflow(&wf).await
}

/// Runs of a workflow, page by page into `on_page(rows, loaded so far)`.
pub async fn runs(
    session: Session,
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
    current(&session)?
        .list_runs(&wf, &query, &cancel, |rows, p| on_page(rows, p.loaded))
        .await
        .map(|_| ())
}

/// `runs/summary(...)` for the period.
pub async fn run_summary(session: Session, wf: String, range: DateRange) -> ApiResult<RunSummary> {
    current(&session)?
        .run_summary(&wf, range.start, range.end)
        .await
}

/// One run.
pub async fn run(session: Session, wf: String, run: String) -> ApiResult<Run> {
    current(&session)?.get_run(&wf, &run).await
}

/// User results of a run within `range`, page by page.
pub async fn user_results(
    session: Session,
    wf: String,
    run: String,
    range: DateRange,
    cancel: CancelFlag,
    mut on_page: impl FnMut(Vec<UserProcessingResult>, usize),
) -> ApiResult<()> {
    let query = ResultQuery {
        range: Some(range),
        date_field: DateField::Scheduled,
        ..Default::default()
    };
    current(&session)?
        .list_user_results(&wf, Some(&run), &query, &cancel, |rows, p| {
            on_page(rows, p.loaded)
        })
        .await
        .map(|_| ())
}

/// Continues a paged load from the page link where it failed, page by page.
pub async fn more_pages<T: serde::de::DeserializeOwned>(
    session: Session,
    from: String,
    cancel: CancelFlag,
    mut on_page: impl FnMut(Vec<T>, usize),
) -> ApiResult<()> {
    current(&session)?
        .get_pages(from, &cancel, |rows, p| on_page(rows, p.loaded))
        .await
        .map(|_| ())
}

/// One user result of a run.
pub async fn user_result(
    session: Session,
    wf: String,
    run: String,
    upr: String,
) -> ApiResult<UserProcessingResult> {
    current(&session)?
        .get_user_result(&wf, Some(&run), &upr)
        .await
}

/// Task results of one user result.
pub async fn task_results(
    session: Session,
    wf: String,
    run: String,
    upr: String,
) -> ApiResult<Vec<TaskProcessingResult>> {
    current(&session)?
        .list_task_results(&wf, Some(&run), &upr)
        .await
}

/// Task reports of a run (the workflow's reports filtered to `run`).
pub async fn task_reports(session: Session, wf: String, run: String) -> ApiResult<Vec<TaskReport>> {
    let mut rows = Vec::new();
    current(&session)?
        .list_task_reports(&wf, &ODataQuery::new(), &CancelFlag::new(), |page, _| {
            rows.extend(
                page.into_iter()
                    .filter(|r: &TaskReport| r.run_id.as_deref() == Some(run.as_str())),
            )
        })
        .await?;
    Ok(rows)
}

/// Names of users by id (`$batch`es of 20, cached by the client).
pub async fn users_by_id(session: Session, ids: Vec<String>) -> ApiResult<Vec<GraphUser>> {
    current(&session)?.resolve_users(&ids).await
}
