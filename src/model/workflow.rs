//! A lifecycle workflow (the list page and the header of its runs).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::definition::{ExecutionConditions, WorkflowSettings};
use super::lenient;
use super::{GraphUser, QuarantineType, Task, WorkflowCategory};

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
    /// Kept as raw JSON (scope and trigger); read typed with
    /// [`Workflow::conditions`].
    #[serde(default, deserialize_with = "lenient::opt")]
    pub execution_conditions: Option<serde_json::Value>,
    /// Present when the workflow is quarantined.
    #[serde(default, deserialize_with = "lenient::opt")]
    pub quarantine_details: Option<QuarantineDetails>,
    /// `settings` (the quarantine configuration).
    #[serde(
        default,
        deserialize_with = "lenient::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub settings: Option<WorkflowSettings>,
    /// `{id}`, or the user with `$expand=createdBy`.
    #[serde(
        default,
        deserialize_with = "lenient::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_by: Option<GraphUser>,
    #[serde(
        default,
        deserialize_with = "lenient::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_modified_by: Option<GraphUser>,
    /// With `$expand=tasks`.
    #[serde(
        default,
        deserialize_with = "lenient::vec_of",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tasks: Vec<Task>,
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

    /// `executionConditions`, typed (unknown shapes kept as sent).
    pub fn conditions(&self) -> ExecutionConditions {
        ExecutionConditions::from_value(
            self.execution_conditions
                .as_ref()
                .unwrap_or(&serde_json::Value::Null),
        )
    }

    /// The tasks in execution order (ties and missing sequences keep
    /// Graph's order, missing last).
    pub fn tasks_in_order(&self) -> Vec<&Task> {
        let mut tasks: Vec<&Task> = self.tasks.iter().collect();
        tasks.sort_by_key(|t| t.execution_sequence.unwrap_or(u32::MAX));
        tasks
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
    fn the_definition_parts_are_read_and_hostile_ones_tolerated() {
        let w: Workflow = parse_json(
            r##"{"id":"w","createdBy":null,"lastModifiedBy":{"id":"u2","displayName":"Alex Wilber"},
            "settings":{"quarantineConfiguration":{"matchMode":"any","conditions":[]}},
            "tasks":[{"id":"b","executionSequence":2},{"id":"a","executionSequence":1},{"id":"c"}],
            "executionConditions":{"@odata.type":"#microsoft.graph.identityGovernance.onDemandExecutionOnly"}}"##,
        )
        .expect("workflow");
        assert_eq!(w.created_by, None);
        assert_eq!(
            w.last_modified_by.as_ref().map(GraphUser::name),
            Some("Alex Wilber")
        );
        let order: Vec<&str> = w.tasks_in_order().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(order, vec!["a", "b", "c"]);
        assert_eq!(w.conditions(), ExecutionConditions::OnDemandOnly);
        let q = w.settings.and_then(|s| s.quarantine_configuration);
        assert_eq!(q.and_then(|q| q.match_mode).as_deref(), Some("any"));
        let w: Workflow = parse_json(r#"{"id":"w","tasks":null,"settings":"x","createdBy":"u1"}"#)
            .expect("workflow");
        assert!(w.tasks.is_empty());
        assert!(w.settings.is_none());
        assert!(w.created_by.is_none());
        assert!(matches!(w.conditions(), ExecutionConditions::Unknown(_)));
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
