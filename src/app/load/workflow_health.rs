//! Where to look first, per workflow, for the workflows screen: the last
//! run (status and time) and the failed runs and users of a period, from
//! three GETs per workflow (the newest run, `runs/summary(...)` and
//! `userProcessingResults/summary(...)`) sent through `$batch`, 20 at a
//! time, so fifty workflows cost eight requests. A workflow whose answers
//! failed keeps its error; the others still show.

use std::collections::HashMap;

use serde_json::Value;

use crate::app::api::ApiResult;
use crate::app::session::context::SessionContext;
use crate::graph::endpoints::paths;
use crate::graph::odata::ODataQuery;
use crate::graph::{CancelFlag, GraphError};
use crate::model::{from_value, DateRange, Run, RunSummary, SortDir, UserSummary};

/// One workflow's health over a period.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct WorkflowHealth {
    /// The newest run (by scheduled time); `None` when it never ran.
    pub last_run: Option<Run>,
    /// `runs/summary(...)` of the period.
    pub runs: Option<RunSummary>,
    /// `userProcessingResults/summary(...)` of the period.
    pub users: Option<UserSummary>,
    /// Why some figures are missing (the first error met).
    pub problem: Option<String>,
}

impl WorkflowHealth {
    /// Failed runs in the period (failed or completed with errors).
    pub(crate) fn failed_runs(&self) -> Option<u32> {
        self.runs.as_ref().and_then(|r| r.failed_runs)
    }

    /// Failed users in the period.
    pub(crate) fn failed_users(&self) -> Option<u32> {
        self.users.as_ref().and_then(|u| u.failed_users)
    }
}

/// The three relative URLs asked for workflow `wf`: newest run, run
/// summary, user summary.
pub(crate) fn health_urls(wf: &str, range: &DateRange) -> [String; 3] {
    let newest = ODataQuery::new()
        .order_by("scheduledDateTime", SortDir::Desc)
        .top(1)
        .to_query_string();
    [
        format!("{}{newest}", paths::runs(wf)),
        paths::run_summary(wf, range.start, range.end),
        paths::user_summary(wf, range.start, range.end),
    ]
}

/// Builds one workflow's health from its three answers (in
/// [`health_urls`]' order); a body of an unexpected shape is a problem,
/// not a crash.
pub(crate) fn from_answers(answers: [Result<Value, GraphError>; 3]) -> WorkflowHealth {
    let [newest, runs, users] = answers;
    let mut health = WorkflowHealth::default();
    let mut note = |e: String| {
        health.problem.get_or_insert(e);
    };
    match newest.map(newest_run) {
        Ok(Ok(run)) => health.last_run = run,
        Ok(Err(e)) => note(e),
        Err(e) => note(e.user_message()),
    }
    let mut summary = |answer: Result<Value, GraphError>| match answer {
        Ok(v) => Some(v),
        Err(e) => {
            note(e.user_message());
            None
        }
    };
    let runs = summary(runs);
    let users = summary(users);
    health.runs = runs.and_then(|v| from_value::<RunSummary>(v).ok());
    health.users = users.and_then(|v| from_value::<UserSummary>(v).ok());
    health
}

/// The first run of a collection page (`{"value": [...]}`).
fn newest_run(page: Value) -> Result<Option<Run>, String> {
    let Some(items) = page.get("value").and_then(Value::as_array) else {
        return Err("The newest run came back without a list of runs.".to_string());
    };
    match items.first() {
        None => Ok(None),
        Some(item) => from_value::<Run>(item.clone())
            .map(Some)
            .map_err(|_| "The newest run could not be read.".to_string()),
    }
}

/// The health of every workflow of `ids` over `range`, by workflow id;
/// once `cancel` is cancelled the `$batch` in flight is aborted and no
/// other is sent.
pub(crate) async fn load(
    session: SessionContext,
    ids: Vec<String>,
    range: DateRange,
    cancel: CancelFlag,
) -> ApiResult<HashMap<String, WorkflowHealth>> {
    let client = session.client()?;
    let urls: Vec<String> = ids.iter().flat_map(|wf| health_urls(wf, &range)).collect();
    let answers = cancel
        .guard(client.get_each(&urls))
        .await
        .map_err(|e| session.checked(e))?;
    let mut answers = answers.into_iter();
    let mut out = HashMap::new();
    for id in ids {
        let mut next = || {
            answers
                .next()
                .unwrap_or_else(|| Err(GraphError::malformed(None, "missing answer".to_string())))
        };
        let three = [next(), next(), next()];
        out.insert(id, from_answers(three));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProcessingStatus;
    use chrono::TimeZone;
    use serde_json::json;

    fn range() -> DateRange {
        DateRange::new(
            chrono::Utc.with_ymd_and_hms(2026, 11, 24, 0, 0, 0).unwrap(),
            chrono::Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        )
    }

    #[test]
    fn three_urls_per_workflow_relative_to_the_version() {
        let [newest, runs, users] = health_urls("wf-1", &range());
        assert!(newest.starts_with("/identityGovernance/lifecycleWorkflows/workflows/wf-1/runs?"));
        assert!(
            newest.contains("$orderby=scheduledDateTime%20desc")
                || newest.contains("$orderby=scheduledDateTime desc")
        );
        assert!(newest.contains("$top=1"));
        assert!(runs.ends_with(
            "/runs/summary(startDateTime=2026-11-24T00:00:00Z,endDateTime=2026-12-01T00:00:00Z)"
        ));
        assert!(users.contains("/userProcessingResults/summary("));
    }

    #[test]
    fn answers_become_figures() {
        let health = from_answers([
            Ok(json!({"value": [{"id": "r1", "processingStatus": "completedWithErrors"}]})),
            Ok(json!({"failedRuns": 2, "totalRuns": 5})),
            Ok(json!({"failedUsers": 7, "totalUsers": 40})),
        ]);
        let run = health.last_run.as_ref().expect("a last run");
        assert_eq!(run.id, "r1");
        assert_eq!(
            run.processing_status,
            Some(ProcessingStatus::CompletedWithErrors)
        );
        assert_eq!(health.failed_runs(), Some(2));
        assert_eq!(health.failed_users(), Some(7));
        assert_eq!(health.problem, None);
    }

    #[test]
    fn a_workflow_that_never_ran_has_no_last_run_and_no_problem() {
        let health = from_answers([
            Ok(json!({"value": []})),
            Ok(json!({"failedRuns": 0})),
            Ok(json!({"failedUsers": 0})),
        ]);
        assert_eq!(health.last_run, None);
        assert_eq!(health.problem, None);
    }

    #[test]
    fn errors_and_odd_bodies_are_problems_not_crashes() {
        let health = from_answers([
            Ok(json!("not a page")),
            Err(GraphError::from_response(403, "", None)),
            Ok(json!({"failedUsers": "many"})),
        ]);
        assert_eq!(health.last_run, None);
        assert!(health.problem.is_some());
        assert_eq!(health.failed_runs(), None);
        assert_eq!(health.failed_users(), None);
    }
}
