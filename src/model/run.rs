//! A workflow run and the run summary.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;
use super::{ExecutionType, ProcessingStatus};

/// `microsoft.graph.identityGovernance.run`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub processing_status: Option<ProcessingStatus>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub workflow_execution_type: Option<ExecutionType>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub scheduled_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub started_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub completed_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub last_updated_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_users_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_users_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_users_count: Option<u32>,
    /// Prefer [`Run::total_tasks`], which also reads the `totalTasksCounts` spelling.
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_tasks_count: Option<u32>,
    /// The resource page's spelling of `totalTasksCount`; never sent back.
    #[serde(
        rename = "totalTasksCounts",
        default,
        deserialize_with = "lenient::opt_u32",
        skip_serializing
    )]
    pub total_tasks_counts: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_tasks_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_unprocessed_tasks_count: Option<u32>,
    /// Where a reprocessing run came from (`activateWithScope`).
    #[serde(
        default,
        deserialize_with = "lenient::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub activated_on_scope: Option<super::ActivatedOnScope>,
}

impl Run {
    /// Total tasks, whichever spelling Graph used.
    pub fn total_tasks(&self) -> Option<u32> {
        self.total_tasks_count.or(self.total_tasks_counts)
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

    /// Users neither successful nor failed (total - successful - failed), when known.
    pub fn unprocessed_users(&self) -> Option<u32> {
        let total = self.total_users_count?;
        let done = self
            .successful_users_count
            .unwrap_or(0)
            .saturating_add(self.failed_users_count.unwrap_or(0));
        Some(total.saturating_sub(done))
    }

    /// The best date to show for the run: started, else scheduled.
    pub fn display_date(&self) -> Option<DateTime<Utc>> {
        self.started_date_time.or(self.scheduled_date_time)
    }
}

/// `runSummary`: totals of a workflow's runs over a period. Totals need not
/// equal the sum of the parts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_users: Option<u32>,
}
