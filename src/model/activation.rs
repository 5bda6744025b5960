//! Starting runs: which users and tasks a reprocessing run covers, and
//! `activatedOnScope`, the scope a run was started on (Graph's
//! `activateRunScope`: `run`, `userScope`, `taskScope`; siblings are told
//! apart by `@odata.type` and kept as `kind`).

use serde::{Deserialize, Serialize};

use super::lenient;

/// `activationUserScopeType`: the run's failed users or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserScope {
    FailedUsers,
    AllUsers,
}

impl UserScope {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            UserScope::FailedUsers => "failedUsers",
            UserScope::AllUsers => "allUsers",
        }
    }

    /// What the page says.
    pub fn label(self) -> &'static str {
        match self {
            UserScope::FailedUsers => "Failed users only",
            UserScope::AllUsers => "All users",
        }
    }
}

/// `activationTaskScopeType`: the failed tasks or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskScope {
    FailedTasks,
    AllTasks,
}

impl TaskScope {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskScope::FailedTasks => "failedTasks",
            TaskScope::AllTasks => "allTasks",
        }
    }

    /// What the page says.
    pub fn label(self) -> &'static str {
        match self {
            TaskScope::FailedTasks => "Failed tasks only",
            TaskScope::AllTasks => "All tasks",
        }
    }
}

/// A reference to a run by id (`{"id": …}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RunRef {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
}

/// `run.activatedOnScope`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivatedOnScope {
    /// `@odata.type` without `#` and namespace, e.g. `activateRunScope`.
    #[serde(rename = "@odata.type", default, deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub run: Option<RunRef>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_scope: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub task_scope: Option<String>,
}

impl ActivatedOnScope {
    /// The run it reprocessed, when it names one.
    pub fn run_id(&self) -> Option<&str> {
        self.run
            .as_ref()
            .map(|r| r.id.as_str())
            .filter(|s| !s.is_empty())
    }

    /// E.g. "failed users, failed tasks" (the raw values when unknown).
    pub fn describe(&self) -> String {
        let word = |v: &Option<String>| match v.as_deref() {
            Some("failedUsers") => "failed users".to_string(),
            Some("allUsers") => "all users".to_string(),
            Some("failedTasks") => "failed tasks".to_string(),
            Some("allTasks") => "all tasks".to_string(),
            Some(other) => other.to_string(),
            None => "?".to_string(),
        };
        format!("{}, {}", word(&self.user_scope), word(&self.task_scope))
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{parse_json, Run};

    #[test]
    fn a_run_reads_where_it_came_from() {
        let run: Run = parse_json(
            r##"{"id":"n","activatedOnScope":{"@odata.type":"#microsoft.graph.identityGovernance.activateRunScope","run":{"id":"old"},"userScope":"failedUsers","taskScope":"allTasks"}}"##,
        )
        .unwrap();
        let on = run.activated_on_scope.unwrap();
        assert_eq!(on.run_id(), Some("old"));
        assert_eq!(on.describe(), "failed users, all tasks");
        assert!(on.kind.ends_with("activateRunScope"));
        let plain: Run = parse_json(r#"{"id":"p","activatedOnScope":7}"#).unwrap();
        assert_eq!(plain.activated_on_scope, None);
    }
}
