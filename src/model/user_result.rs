//! A user's processing result within a run, its subject and the user summary.

use chrono::{DateTime, Duration, Utc};
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::lenient;
use super::{ExecutionType, ProcessingStatus, TaskProcessingResult};

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
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub workflow_version: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub scheduled_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub started_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_datetime")]
    pub completed_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_tasks_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_tasks_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_unprocessed_tasks_count: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub subject: Option<Subject>,
    /// With `$expand=taskProcessingResults`: the task results that did not
    /// complete (failures and tasks that did not run), trimmed to what the
    /// screens show, so 100,000 users stay small. Empty when not expanded.
    #[serde(
        default,
        deserialize_with = "unfinished_tasks",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub task_processing_results: Vec<TaskProcessingResult>,
}

/// The expanded task results that did not complete, without the parts no
/// user-table column reads (subject, task arguments and description). A
/// completed one is recognised by its status alone and never read whole:
/// most of a run's task results completed, and 100,000 users bring
/// hundreds of thousands of them. Each item is looked at as text first
/// (its status read, nothing built); an unfinished one, and one the text
/// does not settle (a status that is not a plain string, a repeated key,
/// not an object), is read through [`serde_json::Value`] as before (one
/// reader of task results in the wasm, not two).
fn unfinished_tasks<'de, D>(d: D) -> Result<Vec<TaskProcessingResult>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    d.deserialize_any(Unfinished)
}

/// Reads an expanded task list item by item (anything but a list is
/// empty), keeping the unfinished ones, trimmed.
struct Unfinished;

impl<'de> Visitor<'de> for Unfinished {
    type Value = Vec<TaskProcessingResult>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of task results")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut kept = Vec::new();
        while let Some(item) = seq.next_element::<Box<RawValue>>()? {
            kept.extend(unfinished(item.get()).map(trimmed));
        }
        Ok(kept)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Vec::new())
    }

    lenient::plain_values_are!(Vec::new());
}

/// One expanded task result, if it did not complete.
fn unfinished(text: &str) -> Option<TaskProcessingResult> {
    let status = text
        .starts_with('{')
        .then(|| serde_json::from_str::<Status<'_>>(text).ok())
        .flatten();
    if let Some(Status { processing_status }) = status {
        let done = processing_status
            .is_some_and(|s| ProcessingStatus::from_wire(s) == ProcessingStatus::Completed);
        if done {
            return None;
        }
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if completed(&value) {
        return None;
    }
    TaskProcessingResult::deserialize(value).ok()
}

/// The status of an expanded task result, read from its text without
/// building the rest (a status that is not a plain string fails it).
#[derive(Deserialize)]
struct Status<'a> {
    #[serde(rename = "processingStatus", borrow, default)]
    processing_status: Option<&'a str>,
}

/// A task result without what the user tables never show.
fn trimmed(mut t: TaskProcessingResult) -> TaskProcessingResult {
    t.subject = None;
    if let Some(task) = t.task.as_mut() {
        task.arguments = Vec::new();
        task.description = None;
    }
    t
}

/// Whether an expanded task result says it completed.
fn completed(task: &serde_json::Value) -> bool {
    task.get("processingStatus")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|s| ProcessingStatus::from_wire(s) == ProcessingStatus::Completed)
}

impl UserProcessingResult {
    /// The first failed task (by execution order) among the expanded task
    /// results.
    pub fn first_failed_task(&self) -> Option<&TaskProcessingResult> {
        self.task_processing_results
            .iter()
            .filter(|t| t.is_failure())
            .min_by_key(|t| t.sequence())
    }

    /// Whether the task `task_id` did not complete for this user (failed,
    /// or did not run), by the expanded task results.
    pub fn task_unfinished(&self, task_id: &str) -> bool {
        self.task_processing_results
            .iter()
            .any(|t| t.task.as_ref().is_some_and(|k| k.id == task_id))
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
}

/// `userSummary` of a workflow over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_users: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expanded_tasks_keep_only_unfinished_ones_and_find_the_first_failure() {
        let json = r#"{"id":"u1","processingStatus":"failed","taskProcessingResults":[
            {"id":"t3","processingStatus":"failed","failureReason":"late",
             "task":{"id":"k3","displayName":"Third","executionSequence":3,"arguments":[{"name":"a","value":"b"}]}},
            {"id":"t1","processingStatus":"completed","task":{"id":"k1","executionSequence":1}},
            {"id":"t2","processingStatus":"failed","failureReason":"mailbox missing",
             "subject":{"id":"s"},"task":{"id":"k2","displayName":"Second","executionSequence":2}},
            {"id":"t4","processingStatus":"canceled","task":{"id":"k4","executionSequence":4}},
            "not an object"]}"#;
        let r: UserProcessingResult = serde_json::from_str(json).expect("parses");
        let ids: Vec<&str> = r
            .task_processing_results
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(ids, ["t3", "t2", "t4"]);
        assert!(r
            .task_processing_results
            .iter()
            .all(|t| t.subject.is_none()));
        let first = r.first_failed_task().expect("a failure");
        assert_eq!(first.task_name(), "Second");
        assert_eq!(first.failure_reason.as_deref(), Some("mailbox missing"));
        assert!(r.task_unfinished("k4"));
        assert!(!r.task_unfinished("k1"));
        let plain: UserProcessingResult = serde_json::from_str(r#"{"id":"u2"}"#).expect("parses");
        assert!(plain.first_failed_task().is_none());
    }

    /// The expanded task results as they were read before the text
    /// shortcut: every item through a `Value`.
    fn through_values(text: &str) -> Vec<TaskProcessingResult> {
        let serde_json::Value::Array(all) = serde_json::from_str(text).unwrap_or_default() else {
            return Vec::new();
        };
        all.into_iter()
            .filter(|t| !completed(t))
            .filter_map(|t| TaskProcessingResult::deserialize(t).ok())
            .map(trimmed)
            .collect()
    }

    #[test]
    fn odd_items_read_as_they_did_through_values() {
        let items = [
            r#"{"id":"a","processingStatus":"completed"}"#,
            r#"{"id":"b","processingStatus":"COMPLETED"}"#,
            r#"{"id":"c","processingStatus":"compl\u0065ted"}"#,
            r#"{"id":"d","processingStatus":null}"#,
            r#"{"id":"e","processingStatus":5}"#,
            r#"{"id":"f","processingStatus":"failed","processingStatus":"completed"}"#,
            r#"{"id":"g","processingStatus":"completed","processingStatus":"failed"}"#,
            r#"{"id":"h","id":"h2","processingStatus":"failed"}"#,
            r#"["completed"]"#,
            r#"["x","failed"]"#,
            r#"  {"id":"i","processingStatus":"inProgress","task":{"id":"k","arguments":[{"name":"n","value":"v"}]}}"#,
            r#""text""#,
            "null",
            "{}",
        ];
        for item in items {
            let list = format!("[{item}]");
            let json = format!(r#"{{"id":"u","taskProcessingResults":{list}}}"#);
            let r: UserProcessingResult = serde_json::from_str(&json).expect("parses");
            assert_eq!(r.task_processing_results, through_values(&list), "{item}");
            let v: UserProcessingResult = crate::model::parse_json(&json).expect("parses");
            assert_eq!(v.task_processing_results, through_values(&list), "{item}");
        }
        for field in ["null", "5", r#""x""#, r#"{"a":[]}"#, "[]"] {
            let json = format!(r#"{{"id":"u","taskProcessingResults":{field}}}"#);
            let r: UserProcessingResult = serde_json::from_str(&json).expect("parses");
            assert!(r.task_processing_results.is_empty(), "{field}");
        }
    }
}
