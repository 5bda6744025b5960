//! A lifecycle workflow (the list page and the header of its runs).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;
use super::WorkflowCategory;

/// `microsoft.graph.identityGovernance.workflow` (the properties the viewer shows).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workflow {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub category: Option<WorkflowCategory>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub is_enabled: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub is_scheduling_enabled: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub version: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub last_modified_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub next_schedule_run_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub deleted_date_time: Option<DateTime<Utc>>,
    /// Kept as raw JSON (scope and trigger); shown, not interpreted.
    #[serde(default, deserialize_with = "lenient::opt")]
    pub execution_conditions: Option<serde_json::Value>,
    /// Present when the workflow is quarantined; kept as raw JSON.
    #[serde(default, deserialize_with = "lenient::opt")]
    pub quarantine_details: Option<serde_json::Value>,
}

impl Workflow {
    /// Display name, else the id.
    pub fn name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.id)
    }

    /// Deleted workflows carry a `deletedDateTime`.
    pub fn is_deleted(&self) -> bool {
        self.deleted_date_time.is_some()
    }

    /// Whether Graph reports quarantine details.
    pub fn is_quarantined(&self) -> bool {
        self.quarantine_details
            .as_ref()
            .is_some_and(|v| !v.is_null())
    }
}
