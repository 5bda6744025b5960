//! A lifecycle workflow (the list page and the header of its runs).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::lenient;
use super::{QuarantineType, WorkflowCategory};

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
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_enabled: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub is_scheduling_enabled: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
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
    /// Present when the workflow is quarantined.
    #[serde(default, deserialize_with = "lenient::opt")]
    pub quarantine_details: Option<QuarantineDetails>,
}

/// Why and since when a workflow is quarantined (`quarantineDetails`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuarantineDetails {
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub quarantined_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub quarantine_reason: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub quarantine_type: Option<QuarantineType>,
}

impl QuarantineDetails {
    /// Whether these details say the workflow is quarantined (Graph may send
    /// the object with `notQuarantined`).
    pub fn in_force(&self) -> bool {
        !matches!(self.quarantine_type, Some(QuarantineType::NotQuarantined))
    }
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
        self.quarantine().is_some()
    }

    /// The quarantine in force, if any.
    pub fn quarantine(&self) -> Option<&QuarantineDetails> {
        self.quarantine_details.as_ref().filter(|d| d.in_force())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_json;

    #[test]
    fn quarantine_details_are_read_with_reason_type_and_time() {
        let w: Workflow = parse_json(
            r#"{"id":"w","quarantineDetails":{"quarantinedDateTime":"2026-11-30T08:00:00Z",
            "quarantineReason":"Over 50 users in scope","quarantineType":"countBasedThresholdExceeded"}}"#,
        )
        .expect("workflow");
        let q = w.quarantine().expect("quarantined");
        assert_eq!(
            q.quarantine_reason.as_deref(),
            Some("Over 50 users in scope")
        );
        assert_eq!(
            q.quarantine_type,
            Some(QuarantineType::CountBasedThresholdExceeded)
        );
        assert!(q.quarantined_date_time.is_some());
    }

    #[test]
    fn not_quarantined_details_and_odd_shapes_do_not_quarantine() {
        let w: Workflow =
            parse_json(r#"{"id":"w","quarantineDetails":{"quarantineType":"notQuarantined"}}"#)
                .expect("workflow");
        assert!(!w.is_quarantined());
        let w: Workflow = parse_json(r#"{"id":"w","quarantineDetails":"yes"}"#).expect("workflow");
        assert!(!w.is_quarantined());
        let w: Workflow = parse_json(r#"{"id":"w","quarantineDetails":null}"#).expect("workflow");
        assert!(!w.is_quarantined());
    }

    #[test]
    fn an_unknown_quarantine_type_still_quarantines() {
        let w: Workflow =
            parse_json(r#"{"id":"w","quarantineDetails":{"quarantineType":"tooManyCats"}}"#)
                .expect("workflow");
        let q = w.quarantine().expect("quarantined");
        assert_eq!(
            q.quarantine_type.as_ref().map(|t| t.label()),
            Some("tooManyCats")
        );
    }
}
