//! Tasks, task processing results, task reports and the task report summary.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;
use super::{ProcessingStatus, Subject, TaskCategory};

/// One `{name, value}` task argument.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KeyValuePair {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub value: String,
}

/// `microsoft.graph.identityGovernance.task`: one step of a workflow.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub category: Option<TaskCategory>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub execution_sequence: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub continue_on_error: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_enabled: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub task_definition_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::vec_of")]
    pub arguments: Vec<KeyValuePair>,
}

impl Task {
    /// Display name, else the id.
    pub fn name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.id)
    }
}

/// `taskProcessingResult`: one task for one user.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskProcessingResult {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub processing_status: Option<ProcessingStatus>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub started_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub completed_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub failure_reason: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub processing_info: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub subject: Option<Subject>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub task: Option<Task>,
}

impl TaskProcessingResult {
    /// The task's display name, else its id, else this result's id.
    pub fn task_name(&self) -> &str {
        self.task.as_ref().map(Task::name).unwrap_or(&self.id)
    }

    /// The user's object id, if Graph sent one.
    pub fn subject_id(&self) -> Option<&str> {
        self.subject
            .as_ref()
            .map(|s| s.id.as_str())
            .filter(|id| !id.is_empty())
    }

    /// Started to completed, when both are known.
    pub fn duration(&self) -> Option<Duration> {
        super::elapsed(self.started_date_time, self.completed_date_time)
    }

    /// `failed` or `completedWithErrors`.
    pub fn is_failure(&self) -> bool {
        self.processing_status
            .as_ref()
            .is_some_and(ProcessingStatus::is_failure)
    }

    /// The task's execution sequence (unknown sorts last).
    pub fn sequence(&self) -> u32 {
        self.task
            .as_ref()
            .and_then(|t| t.execution_sequence)
            .unwrap_or(u32::MAX)
    }
}

/// `taskReport`: one task of a workflow across the users of a run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskReport {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub run_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub processing_status: Option<ProcessingStatus>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_users_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_users_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_users_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub unprocessed_users_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub started_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub completed_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub last_updated_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub task: Option<Task>,
}

impl TaskReport {
    /// `failed` or `completedWithErrors`.
    pub fn is_failure(&self) -> bool {
        self.processing_status
            .as_ref()
            .is_some_and(ProcessingStatus::is_failure)
    }
}

/// `taskReportSummary` of a workflow over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskReportSummary {
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub unprocessed_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_tasks: Option<u32>,
}
