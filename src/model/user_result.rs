//! A user's processing result within a run, its subject and the user summary.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;
use super::{ExecutionType, ProcessingStatus};

/// The user a result is about. Graph sends only `id` unless `$expand=subject`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub display_name: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_principal_name: Option<String>,
}

/// `microsoft.graph.identityGovernance.userProcessingResult`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserProcessingResult {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub processing_status: Option<ProcessingStatus>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub workflow_execution_type: Option<ExecutionType>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub workflow_version: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub scheduled_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub started_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub completed_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub total_tasks_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub failed_tasks_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub total_unprocessed_tasks_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub subject: Option<Subject>,
}

impl UserProcessingResult {
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
}

/// `userSummary` of a workflow over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    #[serde(default, deserialize_with = "lenient::opt")]
    pub failed_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub failed_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub successful_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub total_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub total_users: Option<u32>,
}
