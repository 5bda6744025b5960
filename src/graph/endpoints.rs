//! Typed paths of every endpoint the viewer calls, relative to
//! `{base}/{version}`. Ids are encoded as path segments; summary functions
//! take unquoted timestamps.
//!
//! ```
//! use lifecycle_viewer::graph::endpoints::{paths, ApiVersion, GraphBase};
//! let base = GraphBase::new("https://graph.microsoft.com/", ApiVersion::V1);
//! assert_eq!(
//!     base.url(&paths::run("wf", "r1"), ""),
//!     "https://graph.microsoft.com/v1.0/identityGovernance/lifecycleWorkflows/workflows/wf/runs/r1"
//! );
//! ```

use chrono::{DateTime, SecondsFormat, Utc};

use super::odata::ODataQuery;

/// `v1.0` or `beta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ApiVersion {
    #[default]
    V1,
    Beta,
}

impl ApiVersion {
    /// The path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V1 => "v1.0",
            ApiVersion::Beta => "beta",
        }
    }

    /// Reads `v1.0`, `v1`, `1.0` or `beta` (any case); anything else is `None`.
    pub fn parse(text: &str) -> Option<ApiVersion> {
        match text.trim().to_ascii_lowercase().as_str() {
            "v1.0" | "v1" | "1.0" => Some(ApiVersion::V1),
            "beta" => Some(ApiVersion::Beta),
            _ => None,
        }
    }
}

/// The Graph root (`https://graph.microsoft.com` or a custom endpoint) and version.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GraphBase {
    root: String,
    version: ApiVersion,
}

impl GraphBase {
    /// Trailing slashes and a trailing `/v1.0` or `/beta` are dropped from `root`.
    pub fn new(root: &str, version: ApiVersion) -> Self {
        let mut root = root.trim().trim_end_matches('/').to_string();
        for suffix in ["/v1.0", "/beta"] {
            if root.to_ascii_lowercase().ends_with(suffix) {
                root.truncate(root.len() - suffix.len());
            }
        }
        GraphBase {
            root: root.trim_end_matches('/').to_string(),
            version,
        }
    }

    /// The root without version, e.g. `https://graph.microsoft.com`.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The API version.
    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// `{root}/{version}{path}{query}`; `query` is `""` or starts with `?`.
    pub fn url(&self, path: &str, query: &str) -> String {
        format!("{}/{}{}{}", self.root, self.version.as_str(), path, query)
    }

    /// [`url`](Self::url) with an OData query.
    pub fn url_with(&self, path: &str, query: &ODataQuery) -> String {
        self.url(path, &query.to_query_string())
    }
}

/// Path builders (each starts with `/`).
pub mod paths {
    use super::*;
    use crate::graph::url::encode_path_segment as seg;

    const LW: &str = "/identityGovernance/lifecycleWorkflows";

    /// A summary function's timestamp: `2024-01-01T00:00:00Z`, unquoted.
    pub fn summary_timestamp(at: DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    fn summary(prefix: String, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        format!(
            "{prefix}/summary(startDateTime={},endDateTime={})",
            summary_timestamp(start),
            summary_timestamp(end)
        )
    }

    pub fn workflows() -> String {
        format!("{LW}/workflows")
    }
    pub fn workflow(wf: &str) -> String {
        format!("{LW}/workflows/{}", seg(wf))
    }
    pub fn task_definitions() -> String {
        format!("{LW}/taskDefinitions")
    }
    pub fn deleted_workflows() -> String {
        format!("{LW}/deletedItems/workflows")
    }
    pub fn deleted_workflow(wf: &str) -> String {
        format!("{LW}/deletedItems/workflows/{}", seg(wf))
    }
    pub fn runs(wf: &str) -> String {
        format!("{}/runs", workflow(wf))
    }
    pub fn run(wf: &str, run: &str) -> String {
        format!("{}/runs/{}", workflow(wf), seg(run))
    }
    pub fn run_summary(wf: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        summary(runs(wf), start, end)
    }
    pub fn run_user_results(wf: &str, run_id: &str) -> String {
        format!("{}/userProcessingResults", run(wf, run_id))
    }
    pub fn run_user_result(wf: &str, run_id: &str, upr: &str) -> String {
        format!("{}/{}", run_user_results(wf, run_id), seg(upr))
    }
    pub fn run_user_task_results(wf: &str, run_id: &str, upr: &str) -> String {
        format!("{}/taskProcessingResults", run_user_result(wf, run_id, upr))
    }
    pub fn run_task_results(wf: &str, run_id: &str) -> String {
        format!("{}/taskProcessingResults", run(wf, run_id))
    }
    pub fn workflow_user_results(wf: &str) -> String {
        format!("{}/userProcessingResults", workflow(wf))
    }
    pub fn workflow_user_result(wf: &str, upr: &str) -> String {
        format!("{}/{}", workflow_user_results(wf), seg(upr))
    }
    pub fn workflow_user_task_results(wf: &str, upr: &str) -> String {
        format!("{}/taskProcessingResults", workflow_user_result(wf, upr))
    }
    pub fn user_summary(wf: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        summary(workflow_user_results(wf), start, end)
    }
    pub fn task_reports(wf: &str) -> String {
        format!("{}/taskReports", workflow(wf))
    }
    pub fn task_report(wf: &str, id: &str) -> String {
        format!("{}/{}", task_reports(wf), seg(id))
    }
    pub fn task_report_task_results(wf: &str, id: &str) -> String {
        format!("{}/taskProcessingResults", task_report(wf, id))
    }
    pub fn task_report_summary(wf: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        summary(task_reports(wf), start, end)
    }
    /// A tenant-wide insights function, e.g. `workflowsProcessedSummary`,
    /// with its period (needs `LifecycleWorkflows.Read.All`).
    pub fn insights(function: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        format!(
            "{LW}/insights/{function}(startDateTime={},endDateTime={})",
            summary_timestamp(start),
            summary_timestamp(end)
        )
    }
    /// `POST`: run a workflow on demand (needs `LifecycleWorkflows.ReadWrite.All`).
    pub fn activate(wf: &str) -> String {
        format!("{}/activate", workflow(wf))
    }
    pub fn user(id: &str) -> String {
        format!("/users/{}", seg(id))
    }
    /// `POST` with `{"ids": [...], "types": ["user"]}`.
    pub fn directory_objects_by_ids() -> String {
        "/directoryObjects/getByIds".to_string()
    }
    /// `POST` with up to 20 sub-requests.
    pub fn batch() -> String {
        "/$batch".to_string()
    }
}
