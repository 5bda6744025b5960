//! What a workflow is told to do: its `executionConditions` (trigger and
//! scope, or on demand only), `settings.quarantineConfiguration`, and the
//! built-in task definitions its tasks name. Every shape parses: an
//! `@odata.type` this viewer does not know is kept as `Unknown(raw JSON)`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::lenient;
use super::TaskCategory;

const NS: &str = "#microsoft.graph.identityGovernance.";

/// The short `@odata.type` of an object (`triggerAndScopeBasedConditions`),
/// with or without the namespace; empty when absent.
fn short_type(v: &Value) -> &str {
    let ty = v.get("@odata.type").and_then(Value::as_str).unwrap_or("");
    let ty = ty.strip_prefix(NS).unwrap_or(ty);
    ty.strip_prefix("#microsoft.graph.").unwrap_or(ty)
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// `executionConditions`, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum ExecutionConditions {
    /// `triggerAndScopeBasedConditions`.
    Triggered { trigger: Trigger, scope: Scope },
    /// `onDemandExecutionOnly`: no trigger; runs only when started.
    OnDemandOnly,
    /// Any other shape (or none), kept as sent.
    Unknown(Value),
}

/// What starts a triggered workflow.
#[derive(Debug, Clone, PartialEq)]
pub enum Trigger {
    /// `timeBasedAttributeTrigger`: `offsetInDays` (negative = before).
    TimeBased {
        attribute: Option<String>,
        offset_in_days: Option<i64>,
    },
    /// `attributeChangeTrigger`: the attributes whose change starts it.
    AttributeChange { attributes: Vec<String> },
    /// `membershipChangeTrigger`: `add` or `remove` (of the scope's groups).
    MembershipChange { change_type: Option<String> },
    /// Any other trigger (or none), kept as sent.
    Unknown(Value),
}

/// A group of a `groupBasedSubjectSet`: an id, its name when Graph sent one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GroupRef {
    pub id: String,
    pub display_name: Option<String>,
}

impl GroupRef {
    /// Display name, else id.
    pub fn name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.id)
    }
}

/// Who a triggered workflow is for.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// `ruleBasedSubjectSet`: a user `$filter` rule.
    Rule(Option<String>),
    /// `groupBasedSubjectSet`: members of these groups.
    Groups(Vec<GroupRef>),
    /// Any other scope (or none), kept as sent.
    Unknown(Value),
}

impl ExecutionConditions {
    /// Reads the raw `executionConditions`; never fails.
    pub fn from_value(v: &Value) -> Self {
        match short_type(v) {
            "onDemandExecutionOnly" => ExecutionConditions::OnDemandOnly,
            "triggerAndScopeBasedConditions" => ExecutionConditions::Triggered {
                trigger: Trigger::from_value(v.get("trigger").unwrap_or(&Value::Null)),
                scope: Scope::from_value(v.get("scope").unwrap_or(&Value::Null)),
            },
            _ => ExecutionConditions::Unknown(v.clone()),
        }
    }
}

impl Trigger {
    fn from_value(v: &Value) -> Self {
        match short_type(v) {
            "timeBasedAttributeTrigger" => Trigger::TimeBased {
                attribute: text(v, "timeBasedAttribute"),
                offset_in_days: v.get("offsetInDays").and_then(Value::as_i64),
            },
            "attributeChangeTrigger" => Trigger::AttributeChange {
                attributes: v
                    .get("triggerAttributes")
                    .and_then(Value::as_array)
                    .map(|items| items.iter().filter_map(|a| text(a, "name")).collect())
                    .unwrap_or_default(),
            },
            "membershipChangeTrigger" => Trigger::MembershipChange {
                change_type: text(v, "changeType"),
            },
            _ => Trigger::Unknown(v.clone()),
        }
    }
}

impl Scope {
    fn from_value(v: &Value) -> Self {
        match short_type(v) {
            "ruleBasedSubjectSet" => Scope::Rule(text(v, "rule")),
            "groupBasedSubjectSet" => Scope::Groups(
                v.get("groups")
                    .and_then(Value::as_array)
                    .map(|items| items.iter().filter_map(group_ref).collect())
                    .unwrap_or_default(),
            ),
            _ => Scope::Unknown(v.clone()),
        }
    }
}

/// A group as an object `{id, displayName}` or a bare id string.
fn group_ref(v: &Value) -> Option<GroupRef> {
    match v {
        Value::String(id) if !id.trim().is_empty() => Some(GroupRef {
            id: id.trim().to_string(),
            display_name: None,
        }),
        Value::Object(_) => Some(GroupRef {
            id: text(v, "id")?,
            display_name: text(v, "displayName"),
        }),
        _ => None,
    }
}

/// `settings` of a workflow (`workflowSetting`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowSettings {
    #[serde(default, deserialize_with = "lenient::opt")]
    pub quarantine_configuration: Option<QuarantineConfiguration>,
}

/// `quarantineConfiguration`: when the service quarantines the workflow.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuarantineConfiguration {
    /// `any` or `all` (kept as sent).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub match_mode: Option<String>,
    #[serde(default, deserialize_with = "lenient::vec_of")]
    pub conditions: Vec<Value>,
}

/// One quarantine condition, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum QuarantineCondition {
    /// `countBasedQuarantineCondition {threshold}`.
    Count(Option<i64>),
    /// `percentageBasedQuarantineCondition {percentage}`.
    Percentage(Option<i64>),
    /// Any other condition, kept as sent.
    Unknown(Value),
}

impl QuarantineConfiguration {
    /// The conditions, typed.
    pub fn typed_conditions(&self) -> Vec<QuarantineCondition> {
        self.conditions
            .iter()
            .map(|c| match short_type(c) {
                "countBasedQuarantineCondition" => {
                    QuarantineCondition::Count(c.get("threshold").and_then(Value::as_i64))
                }
                "percentageBasedQuarantineCondition" => {
                    QuarantineCondition::Percentage(c.get("percentage").and_then(Value::as_i64))
                }
                _ => QuarantineCondition::Unknown(c.clone()),
            })
            .collect()
    }
}

/// One parameter of a task definition.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskParameter {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::vec_of")]
    pub values: Vec<String>,
    /// `enum string int bool` (kept as sent).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub value_type: Option<String>,
}

/// `taskDefinition`: a built-in kind of task.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinition {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub category: Option<TaskCategory>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    pub continue_on_error: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub version: Option<u32>,
    #[serde(default, deserialize_with = "lenient::vec_of")]
    pub parameters: Vec<TaskParameter>,
}

/// The definition named `id` (ids compared without case), if listed.
pub fn definition_of<'a>(defs: &'a [TaskDefinition], id: &str) -> Option<&'a TaskDefinition> {
    defs.iter().find(|d| d.id.eq_ignore_ascii_case(id.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_trigger_and_scope_kind_is_read() {
        let c = ExecutionConditions::from_value(&json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "scope": {"@odata.type": "#microsoft.graph.identityGovernance.ruleBasedSubjectSet", "rule": "(department eq 'Sales')"},
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.timeBasedAttributeTrigger",
                "timeBasedAttribute": "employeeLeaveDateTime", "offsetInDays": -14}
        }));
        assert_eq!(
            c,
            ExecutionConditions::Triggered {
                trigger: Trigger::TimeBased {
                    attribute: Some("employeeLeaveDateTime".into()),
                    offset_in_days: Some(-14)
                },
                scope: Scope::Rule(Some("(department eq 'Sales')".into())),
            }
        );
        let c = ExecutionConditions::from_value(&json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "scope": {"@odata.type": "#microsoft.graph.identityGovernance.groupBasedSubjectSet",
                "groups": [{"id": "g1", "displayName": "Interns"}, "g2", 7, {"displayName": "no id"}]},
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.membershipChangeTrigger", "changeType": "add"}
        }));
        let ExecutionConditions::Triggered { trigger, scope } = c else {
            panic!("not triggered");
        };
        assert_eq!(
            trigger,
            Trigger::MembershipChange {
                change_type: Some("add".into())
            }
        );
        let Scope::Groups(groups) = scope else {
            panic!("not groups");
        };
        let names: Vec<&str> = groups.iter().map(GroupRef::name).collect();
        assert_eq!(names, vec!["Interns", "g2"]);
        let c = ExecutionConditions::from_value(&json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.attributeChangeTrigger",
                "triggerAttributes": [{"name": "department"}, {"name": null}, "x"]}
        }));
        let ExecutionConditions::Triggered { trigger, scope } = c else {
            panic!("not triggered");
        };
        assert_eq!(
            trigger,
            Trigger::AttributeChange {
                attributes: vec!["department".into()]
            }
        );
        assert_eq!(scope, Scope::Unknown(Value::Null));
        let c = ExecutionConditions::from_value(
            &json!({"@odata.type": "#microsoft.graph.identityGovernance.onDemandExecutionOnly"}),
        );
        assert_eq!(c, ExecutionConditions::OnDemandOnly);
    }

    #[test]
    fn unknown_types_and_odd_shapes_are_kept_not_failed() {
        let raw = json!({"@odata.type": "#microsoft.graph.identityGovernance.moonPhaseTrigger", "phase": "full"});
        assert_eq!(
            ExecutionConditions::from_value(&raw),
            ExecutionConditions::Unknown(raw.clone())
        );
        for odd in [Value::Null, json!("text"), json!([1, 2]), json!({})] {
            assert_eq!(
                ExecutionConditions::from_value(&odd),
                ExecutionConditions::Unknown(odd.clone())
            );
        }
        let c = ExecutionConditions::from_value(&json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": raw.clone(),
            "scope": {"@odata.type": "#microsoft.graph.identityGovernance.ruleBasedSubjectSet", "rule": 42}
        }));
        assert_eq!(
            c,
            ExecutionConditions::Triggered {
                trigger: Trigger::Unknown(raw),
                scope: Scope::Rule(None)
            }
        );
    }

    #[test]
    fn quarantine_configuration_conditions_are_typed() {
        let q: QuarantineConfiguration = crate::model::parse_json(
            r##"{"matchMode":"all","conditions":[
                {"@odata.type":"#microsoft.graph.identityGovernance.countBasedQuarantineCondition","threshold":100},
                {"@odata.type":"#microsoft.graph.identityGovernance.percentageBasedQuarantineCondition","percentage":"x"},
                {"@odata.type":"#microsoft.graph.identityGovernance.timeOfDayCondition"}]}"##,
        )
        .expect("configuration");
        assert_eq!(q.match_mode.as_deref(), Some("all"));
        let c = q.typed_conditions();
        assert_eq!(c[0], QuarantineCondition::Count(Some(100)));
        assert_eq!(c[1], QuarantineCondition::Percentage(None));
        assert!(matches!(c[2], QuarantineCondition::Unknown(_)));
    }

    #[test]
    fn task_definitions_parse_leniently_and_are_found_by_id() {
        let defs: Vec<TaskDefinition> = crate::model::parse_json(
            r#"[{"id":"22085229-5809-45E8-97fd-270d28d66910","displayName":"Add user to groups","category":"joiner,leaver,mover",
                "parameters":[{"name":"groupID","values":[],"valueType":"string"},{"name":null,"values":"x"}]},
                {"id":"x","displayName":null,"parameters":null,"version":"two"}]"#,
        )
        .expect("definitions");
        let d = definition_of(&defs, "22085229-5809-45e8-97fd-270d28d66910").expect("found");
        assert_eq!(d.display_name.as_deref(), Some("Add user to groups"));
        assert_eq!(d.parameters.len(), 2);
        assert_eq!(d.parameters[0].value_type.as_deref(), Some("string"));
        assert!(defs[1].parameters.is_empty());
        assert!(definition_of(&defs, "nope").is_none());
    }
}
