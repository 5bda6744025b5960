//! The writes the viewer makes (each sent once, never retried: see
//! [`GraphClient::send_once`]) and the look-ups around them: finding users
//! to run a workflow for, the run an `activate` started, and the runs that
//! reprocessed a run. Request bodies follow Graph's v1.0 metadata:
//! `activate(subjects)`, `activateWithScope(scope)` with an
//! `activateRunScope`, `cancelProcessing(scope)` with a `cancelRunsScope`,
//! `clearQuarantine()` answering the workflow.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;

use super::client::GraphClient;
use super::endpoints::paths;
use super::error::GraphError;
use super::odata::ODataQuery;
use super::transport::HttpRequest;
use crate::model::{parse_json, GraphUser, Page, Run, TaskScope, UserScope, Workflow};

const NS: &str = "#microsoft.graph.identityGovernance.";

/// Paths of the workflow actions and navigations used here.
pub mod action_paths {
    use super::paths;

    /// `POST`: `activateWithScope`.
    pub fn activate_with_scope(wf: &str) -> String {
        format!("{}/activateWithScope", paths::workflow(wf))
    }
    /// `POST`: `cancelProcessing`.
    pub fn cancel_processing(wf: &str) -> String {
        format!("{}/cancelProcessing", paths::workflow(wf))
    }
    /// `POST`: `clearQuarantine`.
    pub fn clear_quarantine(wf: &str) -> String {
        format!("{}/clearQuarantine", paths::workflow(wf))
    }
    /// `GET`: the runs that reprocessed a run (navigation `reprocessedRuns`).
    pub fn reprocessed_runs(wf: &str, run: &str) -> String {
        format!("{}/reprocessedRuns", paths::run(wf, run))
    }
    /// `GET`: the directory's users.
    pub fn users() -> String {
        "/users".to_string()
    }
}

/// The `activate` body for these user ids.
pub fn activate_body(user_ids: &[String]) -> String {
    let subjects: Vec<_> = user_ids.iter().map(|id| json!({ "id": id })).collect();
    json!({ "subjects": subjects }).to_string()
}

/// The `activateWithScope` body reprocessing `run`.
pub fn reprocess_body(run: &str, users: UserScope, tasks: TaskScope) -> String {
    json!({ "scope": {
        "@odata.type": format!("{NS}activateRunScope"),
        "run": { "id": run },
        "userScope": users.as_str(),
        "taskScope": tasks.as_str(),
    }})
    .to_string()
}

/// The `cancelProcessing` body for one run (Graph takes one per request).
pub fn cancel_body(run: &str) -> String {
    json!({ "scope": {
        "@odata.type": format!("{NS}cancelRunsScope"),
        "runs": [{ "id": run }],
    }})
    .to_string()
}

/// `startswith` on name and UPN for what was typed (quotes doubled), so no
/// `ConsistencyLevel` header is needed.
pub fn user_search_filter(text: &str) -> String {
    let t = text.trim().replace('\'', "''");
    ["displayName", "givenName", "surname", "userPrincipalName"]
        .iter()
        .map(|p| format!("startswith({p},'{t}')"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// On-demand runs scheduled at or after `since`.
pub fn on_demand_since_filter(since: DateTime<Utc>) -> String {
    format!(
        "workflowExecutionType eq 'onDemand' and scheduledDateTime ge {}",
        since.to_rfc3339_opts(SecondsFormat::Secs, true)
    )
}

/// The newest run in `runs` whose id is not in `known`.
pub fn newest_unknown(runs: Vec<Run>, known: &[String]) -> Option<Run> {
    runs.into_iter()
        .filter(|r| !known.contains(&r.id))
        .max_by_key(|r| r.scheduled_date_time)
}

impl GraphClient {
    async fn post_once(&self, path: &str, body: String) -> Result<String, GraphError> {
        let url = self.base().url(path, "");
        Ok(self
            .send_once(&HttpRequest::post_json(url, body))
            .await?
            .body)
    }

    /// `activate`: runs `wf` on demand for these users (204, no run id).
    pub async fn activate(&self, wf: &str, user_ids: &[String]) -> Result<(), GraphError> {
        self.post_once(&paths::activate(wf), activate_body(user_ids))
            .await
            .map(drop)
    }

    /// `activateWithScope`: reprocesses `run`'s users and tasks in scope.
    pub async fn reprocess(
        &self,
        wf: &str,
        run: &str,
        users: UserScope,
        tasks: TaskScope,
    ) -> Result<(), GraphError> {
        let body = reprocess_body(run, users, tasks);
        self.post_once(&action_paths::activate_with_scope(wf), body)
            .await
            .map(drop)
    }

    /// `cancelProcessing` of one queued or in-progress run.
    pub async fn cancel_run(&self, wf: &str, run: &str) -> Result<(), GraphError> {
        self.post_once(&action_paths::cancel_processing(wf), cancel_body(run))
            .await
            .map(drop)
    }

    /// `clearQuarantine`; answers the released workflow.
    pub async fn clear_quarantine(&self, wf: &str) -> Result<Workflow, GraphError> {
        let body = self
            .post_once(&action_paths::clear_quarantine(wf), String::new())
            .await?;
        parse_json(&body).map_err(|e| GraphError::malformed(Some(200), e.0))
    }

    /// Up to `top` users whose name or UPN starts with `text`.
    pub async fn search_users(&self, text: &str, top: u32) -> Result<Vec<GraphUser>, GraphError> {
        let q = ODataQuery::new()
            .filter(user_search_filter(text))
            .select(&["id", "displayName", "userPrincipalName"])
            .top(top);
        let url = self.url(&action_paths::users(), &q);
        let page: Page<GraphUser> = self.get_page(&url).await?;
        Ok(page.value)
    }

    /// Ids of the on-demand runs of `wf` scheduled since `since` (one page).
    pub async fn on_demand_runs_since(
        &self,
        wf: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<Run>, GraphError> {
        let q = ODataQuery::new()
            .filter(on_demand_since_filter(since))
            .top(50);
        let url = self.url(&paths::runs(wf), &q);
        let page: Page<Run> = self.get_page(&url).await?;
        Ok(page.value)
    }

    /// The runs that reprocessed `run`.
    pub async fn reprocessed_runs(&self, wf: &str, run: &str) -> Result<Vec<Run>, GraphError> {
        let url = self.url(&action_paths::reprocessed_runs(wf, run), &ODataQuery::new());
        self.get_all(url).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_follow_the_metadata() {
        let b: serde_json::Value =
            serde_json::from_str(&activate_body(&["a".into(), "b".into()])).unwrap();
        assert_eq!(b, json!({"subjects": [{"id": "a"}, {"id": "b"}]}));
        let b: serde_json::Value = serde_json::from_str(&reprocess_body(
            "r",
            UserScope::FailedUsers,
            TaskScope::AllTasks,
        ))
        .unwrap();
        assert_eq!(
            b["scope"]["@odata.type"],
            "#microsoft.graph.identityGovernance.activateRunScope"
        );
        assert_eq!(b["scope"]["run"]["id"], "r");
        assert_eq!(b["scope"]["userScope"], "failedUsers");
        assert_eq!(b["scope"]["taskScope"], "allTasks");
        let b: serde_json::Value = serde_json::from_str(&cancel_body("r")).unwrap();
        assert_eq!(b["scope"]["runs"], json!([{"id": "r"}]));
    }

    #[test]
    fn user_search_quotes_and_covers_names_and_upn() {
        let f = user_search_filter(" o'neil ");
        assert!(f.starts_with("startswith(displayName,'o''neil')"), "{f}");
        assert!(f.contains("startswith(userPrincipalName,'o''neil')"));
        assert_eq!(f.matches(" or ").count(), 3);
    }

    #[test]
    fn the_new_run_is_the_newest_not_seen_before() {
        let run = |id: &str, min: u32| Run {
            id: id.into(),
            scheduled_date_time: Some(
                DateTime::parse_from_rfc3339(&format!("2026-01-01T00:{min:02}:00Z"))
                    .unwrap()
                    .into(),
            ),
            ..Run::default()
        };
        let known = vec!["old".to_string()];
        let got = newest_unknown(vec![run("old", 9), run("a", 1), run("b", 5)], &known);
        assert_eq!(got.map(|r| r.id), Some("b".to_string()));
        assert!(newest_unknown(vec![run("old", 1)], &known).is_none());
        assert!(on_demand_since_filter(
            DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
                .unwrap()
                .into()
        )
        .ends_with("scheduledDateTime ge 2026-01-01T00:00:00Z"));
    }
}
