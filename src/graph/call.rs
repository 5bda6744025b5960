//! Which Graph call a request is: the identity a [`GraphError`] carries,
//! so a 403 can name the permissions of the call that failed
//! (`auth::permissions` keeps the table of calls → permissions). The kind
//! is read from the request the client sent (its method and the path the
//! [`paths`](super::endpoints::paths) builders made, or a page link of the
//! same collection), never from an error's words.
//!
//! ```
//! use lifecycle_viewer::graph::call::Call;
//! use lifecycle_viewer::graph::transport::HttpMethod;
//! let url = "https://graph.microsoft.com/v1.0/identityGovernance/lifecycleWorkflows/workflows?$top=5";
//! assert_eq!(Call::of(HttpMethod::Get, url), Call::ListWorkflows);
//! assert_eq!(Call::ListWorkflows.label(), "GET workflows");
//! ```
//!
//! [`GraphError`]: super::error::GraphError

use super::transport::HttpMethod;

/// A kind of Graph call the viewer makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Call {
    /// `GET workflows`: the workflow list.
    ListWorkflows,
    /// `GET workflows/{id}`.
    GetWorkflow,
    /// `GET workflows/{id}/versions[…]`.
    WorkflowVersions,
    /// `GET deletedItems/workflows[/{id}]`.
    DeletedWorkflows,
    /// `GET taskDefinitions`.
    TaskDefinitions,
    /// `GET workflows/{id}/runs` (also a run's `reprocessedRuns`).
    ListRuns,
    /// `GET workflows/{id}/runs/{run}`.
    GetRun,
    /// `GET workflows/{id}/runs/summary(…)`.
    RunSummary,
    /// `GET …/userProcessingResults` (or `subjectProcessingResults`), of a
    /// run or a workflow, one of them, or their summary.
    UserResults,
    /// `GET …/taskProcessingResults`.
    TaskResults,
    /// `GET workflows/{id}/taskReports[…]`, their summary included.
    TaskReports,
    /// `GET insights/…`: the tenant-wide insights functions.
    Insights,
    /// `POST workflows/{id}/activate`.
    Activate,
    /// `POST workflows/{id}/activateWithScope`.
    ActivateWithScope,
    /// `POST workflows/{id}/cancelProcessing`.
    CancelProcessing,
    /// `POST workflows/{id}/clearQuarantine`.
    ClearQuarantine,
    /// `GET users[/{id}]` or `POST directoryObjects/getByIds`: user names.
    Users,
    /// `POST $batch` itself (each sub-request has its own call).
    Batch,
    /// A request of no kind above.
    Other,
}

impl Call {
    /// The call of `method` on `url` (absolute, or relative as inside a
    /// `$batch`); query and fragment are ignored.
    pub fn of(method: HttpMethod, url: &str) -> Call {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let lower: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        if let Some(at) = lower.iter().position(|s| *s == "lifecycleworkflows") {
            return lifecycle_call(method, lower.get(at + 1..).unwrap_or_default());
        }
        match lower
            .iter()
            .rev()
            .find(|s| matches!(**s, "users" | "directoryobjects" | "getbyids" | "$batch"))
        {
            Some(&"$batch") => Call::Batch,
            Some(_) => Call::Users,
            None => Call::Other,
        }
    }

    /// The call as the admin reads it, e.g. `GET workflows/{id}/runs`.
    pub fn label(self) -> &'static str {
        match self {
            Call::ListWorkflows => "GET workflows",
            Call::GetWorkflow => "GET workflows/{id}",
            Call::WorkflowVersions => "GET workflows/{id}/versions",
            Call::DeletedWorkflows => "GET deletedItems/workflows",
            Call::TaskDefinitions => "GET taskDefinitions",
            Call::ListRuns => "GET workflows/{id}/runs",
            Call::GetRun => "GET workflows/{id}/runs/{id}",
            Call::RunSummary => "GET workflows/{id}/runs/summary",
            Call::UserResults => "GET …/userProcessingResults",
            Call::TaskResults => "GET …/taskProcessingResults",
            Call::TaskReports => "GET workflows/{id}/taskReports",
            Call::Insights => "GET insights",
            Call::Activate => "POST workflows/{id}/activate",
            Call::ActivateWithScope => "POST workflows/{id}/activateWithScope",
            Call::CancelProcessing => "POST workflows/{id}/cancelProcessing",
            Call::ClearQuarantine => "POST workflows/{id}/clearQuarantine",
            Call::Users => "GET users",
            Call::Batch => "POST $batch",
            Call::Other => "the request",
        }
    }

    /// What the call reads or does, in a few words.
    pub fn purpose(self) -> &'static str {
        match self {
            Call::ListWorkflows => "the workflow list",
            Call::GetWorkflow => "a workflow's details",
            Call::WorkflowVersions => "a workflow's versions",
            Call::DeletedWorkflows => "the deleted workflows",
            Call::TaskDefinitions => "the task definitions",
            Call::ListRuns => "the runs of a workflow",
            Call::GetRun => "a run",
            Call::RunSummary => "the run totals of a workflow",
            Call::UserResults => "the user processing results",
            Call::TaskResults => "the task processing results",
            Call::TaskReports => "the task reports",
            Call::Insights => "the tenant-wide insights",
            Call::Activate => "running a workflow on demand",
            Call::ActivateWithScope => "reprocessing a run",
            Call::CancelProcessing => "cancelling a run",
            Call::ClearQuarantine => "releasing a quarantined workflow",
            Call::Users => "user names",
            Call::Batch => "a batch of requests",
            Call::Other => "this request",
        }
    }
}

/// Collections and actions under a workflow: the deepest one named wins.
fn lifecycle_call(method: HttpMethod, rest: &[&str]) -> Call {
    match rest.first().copied() {
        Some("insights") => return Call::Insights,
        Some("taskdefinitions") => return Call::TaskDefinitions,
        Some("deleteditems") => return Call::DeletedWorkflows,
        Some("workflows") => {}
        _ => return Call::Other,
    }
    // workflows/{id}/collection/{id}/collection/…: names sit at even places.
    let deepest = rest
        .iter()
        .enumerate()
        .rev()
        .find(|(i, s)| *i >= 2 && i % 2 == 0 && is_named(s));
    let Some((at, name)) = deepest else {
        return match rest.len() {
            1 => Call::ListWorkflows,
            2 => Call::GetWorkflow,
            _ => Call::Other,
        };
    };
    let after = rest.get(at + 1).copied();
    match (*name, after) {
        ("runs", None) | ("reprocessedruns", _) => Call::ListRuns,
        ("runs", Some(s)) if s.starts_with("summary(") => Call::RunSummary,
        ("runs", Some(_)) => Call::GetRun,
        ("userprocessingresults" | "subjectprocessingresults", _) => Call::UserResults,
        ("taskprocessingresults", _) => Call::TaskResults,
        ("taskreports", _) => Call::TaskReports,
        ("versions", _) => Call::WorkflowVersions,
        ("activate", _) if method == HttpMethod::Post => Call::Activate,
        ("activatewithscope", _) => Call::ActivateWithScope,
        ("cancelprocessing", _) => Call::CancelProcessing,
        ("clearquarantine", _) => Call::ClearQuarantine,
        _ => Call::Other,
    }
}

/// A collection or action segment below `workflows/{id}` (lowercase).
fn is_named(segment: &str) -> bool {
    matches!(
        segment,
        "runs"
            | "reprocessedruns"
            | "userprocessingresults"
            | "subjectprocessingresults"
            | "taskprocessingresults"
            | "taskreports"
            | "versions"
            | "activate"
            | "activatewithscope"
            | "cancelprocessing"
            | "clearquarantine"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::actions::action_paths;
    use crate::graph::batch::user_lookup_url;
    use crate::graph::endpoints::{paths, ApiVersion, GraphBase};
    use chrono::{TimeZone, Utc};

    const GET: HttpMethod = HttpMethod::Get;
    const POST: HttpMethod = HttpMethod::Post;

    fn absolute(path: &str) -> String {
        GraphBase::new("https://graph.microsoft.com", ApiVersion::Beta).url(path, "?$top=10")
    }

    /// Every path builder's request is the call the permission table keys.
    #[test]
    fn every_path_the_viewer_builds_is_its_call() {
        let (s, e) = (
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 1, 8, 0, 0, 0).unwrap(),
        );
        let cases = [
            (GET, paths::workflows(), Call::ListWorkflows),
            (GET, paths::workflow("wf"), Call::GetWorkflow),
            (GET, paths::deleted_workflows(), Call::DeletedWorkflows),
            (GET, paths::deleted_workflow("wf"), Call::DeletedWorkflows),
            (GET, paths::runs("wf"), Call::ListRuns),
            (GET, paths::run("wf", "r"), Call::GetRun),
            (GET, paths::run_summary("wf", s, e), Call::RunSummary),
            (GET, paths::run_user_results("wf", "r"), Call::UserResults),
            (
                GET,
                paths::run_user_result("wf", "r", "u"),
                Call::UserResults,
            ),
            (
                GET,
                paths::run_user_task_results("wf", "r", "u"),
                Call::TaskResults,
            ),
            (GET, paths::run_task_results("wf", "r"), Call::TaskResults),
            (GET, paths::workflow_user_results("wf"), Call::UserResults),
            (
                GET,
                paths::workflow_user_result("wf", "u"),
                Call::UserResults,
            ),
            (
                GET,
                paths::workflow_user_task_results("wf", "u"),
                Call::TaskResults,
            ),
            (GET, paths::user_summary("wf", s, e), Call::UserResults),
            (GET, paths::task_reports("wf"), Call::TaskReports),
            (GET, paths::task_report("wf", "t"), Call::TaskReports),
            (
                GET,
                paths::task_report_task_results("wf", "t"),
                Call::TaskResults,
            ),
            (
                GET,
                paths::task_report_summary("wf", s, e),
                Call::TaskReports,
            ),
            (
                GET,
                paths::insights("workflowsProcessedSummary", s, e),
                Call::Insights,
            ),
            (POST, paths::activate("wf"), Call::Activate),
            (
                POST,
                action_paths::activate_with_scope("wf"),
                Call::ActivateWithScope,
            ),
            (
                POST,
                action_paths::cancel_processing("wf"),
                Call::CancelProcessing,
            ),
            (
                POST,
                action_paths::clear_quarantine("wf"),
                Call::ClearQuarantine,
            ),
            (
                GET,
                action_paths::reprocessed_runs("wf", "r"),
                Call::ListRuns,
            ),
            (GET, action_paths::users(), Call::Users),
            (GET, paths::user("u"), Call::Users),
            (POST, paths::directory_objects_by_ids(), Call::Users),
            (POST, paths::batch(), Call::Batch),
        ];
        for (method, path, call) in cases {
            assert_eq!(Call::of(method, &absolute(&path)), call, "{path}");
            // Relative, as a $batch sub-request names it.
            assert_eq!(Call::of(method, &path), call, "{path}");
        }
        assert_eq!(Call::of(GET, &user_lookup_url("u")), Call::Users);
    }

    #[test]
    fn ids_that_look_like_collections_do_not_change_the_call() {
        // A workflow whose id is "runs", a run whose id is "summary".
        assert_eq!(Call::of(GET, &paths::workflow("runs")), Call::GetWorkflow);
        assert_eq!(Call::of(GET, &paths::runs("runs")), Call::ListRuns);
        assert_eq!(Call::of(GET, &paths::run("wf", "summary")), Call::GetRun);
    }

    #[test]
    fn a_page_link_is_the_call_of_its_collection() {
        let next = "http://127.0.0.1:8081/v1.0/identityGovernance/lifecycleWorkflows/workflows/wf/runs?$skiptoken=abc%2Fdef";
        assert_eq!(Call::of(GET, next), Call::ListRuns);
        let proxied =
            "https://proxy.contoso.com/graph/v1.0/identityGovernance/LifecycleWorkflows/Workflows";
        assert_eq!(Call::of(GET, proxied), Call::ListWorkflows);
    }

    #[test]
    fn unknown_requests_are_other_and_say_so() {
        assert_eq!(
            Call::of(GET, "https://graph.microsoft.com/v1.0/me"),
            Call::Other
        );
        assert_eq!(
            Call::of(GET, "/identityGovernance/lifecycleWorkflows/settings"),
            Call::Other
        );
        assert_eq!(Call::of(GET, ""), Call::Other);
        assert_eq!(Call::Other.label(), "the request");
        assert_eq!(Call::ListWorkflows.purpose(), "the workflow list");
    }
}
