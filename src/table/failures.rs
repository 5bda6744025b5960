//! The rows of the failures screen: one per failed task of a failed user
//! result (one, without task, for a result that failed or was canceled
//! with no failed task), across every workflow, with their columns; and
//! the [`Failure`](super::reasons::Failure) view of them that the reason
//! groups are built from.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::columns::{named_subject, upn, user};
use super::reasons::{reason_pattern, Failure};
use super::{Column, Names, Priority, TableRow, Width};
use crate::model::{
    Cell, Level, ProcessingStatus, Run, TaskProcessingResult, UserProcessingResult, Workflow,
};

/// One failure: where (workflow, run), who (the user result) and what (the
/// failed task and its reason). The Graph objects are kept whole for the
/// JSON export.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FailureRow {
    pub workflow_id: String,
    pub workflow_name: String,
    pub run_id: String,
    pub user_result: UserProcessingResult,
    /// The failed task result; `None` for a result without one.
    pub task_result: Option<TaskProcessingResult>,
    /// The reason's pattern ([`reason_pattern`]), worked out once: the
    /// reason groups are built again as each workflow's rows arrive.
    #[serde(skip)]
    pub pattern: String,
}

impl FailureRow {
    /// The rows of one user result of `run` of `workflow`.
    pub fn of(workflow: &Workflow, run: &Run, result: &UserProcessingResult) -> Vec<FailureRow> {
        let row = |task: Option<&TaskProcessingResult>| FailureRow {
            workflow_id: workflow.id.clone(),
            workflow_name: workflow.name().to_string(),
            run_id: run.id.clone(),
            user_result: UserProcessingResult {
                task_processing_results: Vec::new(),
                ..result.clone()
            },
            task_result: task.cloned(),
            pattern: task
                .and_then(|t| t.failure_reason.as_deref())
                .map(reason_pattern)
                .unwrap_or_else(|| reason_pattern("")),
        };
        let mut failed: Vec<&TaskProcessingResult> = result
            .task_processing_results
            .iter()
            .filter(|t| t.processing_status == Some(ProcessingStatus::Failed))
            .collect();
        failed.sort_by_key(|t| t.sequence());
        if failed.is_empty() {
            vec![row(None)]
        } else {
            failed.into_iter().map(|t| row(Some(t))).collect()
        }
    }

    /// The failed task's name, `""` without one.
    pub fn task(&self) -> &str {
        self.task_result
            .as_ref()
            .map(TaskProcessingResult::task_name)
            .unwrap_or_default()
    }

    /// The failure reason, `""` without one.
    pub fn reason(&self) -> &str {
        self.task_result
            .as_ref()
            .and_then(|t| t.failure_reason.as_deref())
            .unwrap_or_default()
    }

    /// When it failed: the task's completion (else start), else the user's.
    pub fn at(&self) -> Option<DateTime<Utc>> {
        let task = self
            .task_result
            .as_ref()
            .and_then(|t| t.completed_date_time.or(t.started_date_time));
        let r = &self.user_result;
        task.or(r.completed_date_time)
            .or(r.started_date_time)
            .or(r.scheduled_date_time)
    }

    /// The user's id.
    pub fn user_id(&self) -> &str {
        self.user_result
            .subject
            .as_ref()
            .map(|s| s.id.as_str())
            .unwrap_or_default()
    }

    /// Whether this row belongs to the reason group of `task` (`""`: any
    /// task) and `pattern`.
    pub fn in_group(&self, task: &str, pattern: &str) -> bool {
        self.task_result.is_some()
            && (task.is_empty() || self.task() == task)
            && self.pattern == pattern
    }
}

/// The rows with a failed task as [`Failure`]s for grouping, with the index
/// of each in `rows` (a group's `members` index into the returned list).
pub fn failures_of<'a>(
    rows: impl IntoIterator<Item = &'a FailureRow>,
) -> (Vec<Failure>, Vec<usize>) {
    rows.into_iter()
        .enumerate()
        .filter(|(_, r)| r.task_result.is_some())
        .map(|(i, r)| {
            (
                Failure {
                    workflow_id: r.workflow_id.clone(),
                    workflow_name: r.workflow_name.clone(),
                    user_id: r.user_id().to_string(),
                    task: r.task().to_string(),
                    reason: r.reason().to_string(),
                    pattern: r.pattern.clone(),
                    at: r.at(),
                },
                i,
            )
        })
        .unzip()
}

fn text(s: &str) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s))
}

/// Columns of the failures table.
const FAILURE_COLUMNS: &[Column<FailureRow>] = &[
    Column {
        key: "user",
        title: "User",
        width: Width::User,
        priority: Priority::Essential,
        search: true,
        value: |r, names| user(r.user_result.subject.as_ref(), names),
    },
    Column {
        key: "upn",
        title: "UPN",
        width: Width::User,
        priority: Priority::Optional,
        search: false,
        value: |r, names| upn(r.user_result.subject.as_ref(), names),
    },
    Column {
        key: "userId",
        title: "User id",
        width: Width::Id,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Id(Cow::Borrowed(r.user_id())),
    },
    Column {
        key: "status",
        title: "Status",
        width: Width::Status,
        priority: Priority::Essential,
        search: false,
        value: |r, _| {
            Cell::Status(
                r.user_result.processing_status.as_ref().map(Cow::Borrowed),
                Level::User,
            )
        },
    },
    Column {
        key: "workflow",
        title: "Workflow",
        width: Width::Text,
        priority: Priority::Essential,
        search: true,
        value: |r, _| text(&r.workflow_name),
    },
    Column {
        key: "workflowId",
        title: "Workflow id",
        width: Width::Id,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Id(Cow::Borrowed(&r.workflow_id)),
    },
    Column {
        key: "task",
        title: "Failed task",
        width: Width::Text,
        priority: Priority::Essential,
        search: true,
        value: |r, _| text(r.task()),
    },
    Column {
        key: "reason",
        title: "Reason",
        width: Width::Long,
        priority: Priority::Default,
        search: true,
        value: |r, _| text(r.reason()),
    },
    Column {
        key: "time",
        title: "Failed at",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Time(r.at()),
    },
    Column {
        key: "run",
        title: "Run id",
        width: Width::Id,
        priority: Priority::Optional,
        search: true,
        value: |r, _| Cell::Id(Cow::Borrowed(&r.run_id)),
    },
    Column {
        key: "result",
        title: "Result id",
        width: Width::Id,
        priority: Priority::Optional,
        search: true,
        value: |r, _| Cell::Id(Cow::Borrowed(&r.user_result.id)),
    },
];

impl TableRow for FailureRow {
    fn columns() -> &'static [Column<FailureRow>] {
        FAILURE_COLUMNS
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.user_result.processing_status.as_ref()
    }

    fn name_id(&self) -> Option<&str> {
        Some(self.user_id()).filter(|id| !id.is_empty())
    }

    /// The user's UPN and id, and where the failure happened: what a bulk
    /// fix (reprocess, a script) starts from.
    fn always_exported() -> &'static [&'static str] {
        &["upn", "userId", "workflowId", "run"]
    }

    fn named(&self, names: &Names) -> Option<Self> {
        let subject = named_subject(self.user_result.subject.as_ref(), names)?;
        let mut named = self.clone();
        named.user_result.subject = Some(subject);
        Some(named)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_json;
    use crate::table::reasons::{group_failures, GroupBy};

    fn result(id: &str, user: &str, status: &str, tasks: &str) -> UserProcessingResult {
        parse_json(&format!(
            r#"{{"id":"{id}","processingStatus":"{status}","completedDateTime":"2026-11-30T10:00:00Z","subject":{{"id":"{user}"}},"taskProcessingResults":[{tasks}]}}"#
        ))
        .unwrap()
    }

    fn task(name: &str, seq: u32, status: &str, reason: &str) -> String {
        format!(
            r#"{{"id":"t{seq}","processingStatus":"{status}","failureReason":"{reason}","completedDateTime":"2026-11-30T09:0{seq}:00Z","task":{{"id":"k{seq}","displayName":"{name}","executionSequence":{seq}}}}}"#
        )
    }

    fn wf() -> (Workflow, Run) {
        (
            parse_json(r#"{"id":"w1","displayName":"Onboard"}"#).unwrap(),
            parse_json(r#"{"id":"r1"}"#).unwrap(),
        )
    }

    #[test]
    fn one_row_per_failed_task_in_order_one_for_a_canceled_user() {
        let (w, r) = wf();
        let two = result(
            "u1",
            "a",
            "failed",
            &[
                task("Mail", 2, "failed", "Mailbox not found for a@contoso.com"),
                task("TAP", 1, "failed", "Temporary Access Pass policy is off."),
                task("Groups", 3, "canceled", ""),
            ]
            .join(","),
        );
        let rows = FailureRow::of(&w, &r, &two);
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].task(), rows[1].task()), ("TAP", "Mail"));
        assert_eq!(rows[1].reason(), "Mailbox not found for a@contoso.com");
        assert_eq!(
            rows[0].at().unwrap().to_rfc3339(),
            "2026-11-30T09:01:00+00:00"
        );
        assert!(rows[0].user_result.task_processing_results.is_empty());
        let canceled = FailureRow::of(&w, &r, &result("u2", "b", "canceled", ""));
        assert_eq!(canceled.len(), 1);
        assert_eq!((canceled[0].task(), canceled[0].reason()), ("", ""));
        assert_eq!(
            canceled[0].at().unwrap().to_rfc3339(),
            "2026-11-30T10:00:00+00:00"
        );
    }

    #[test]
    fn groups_come_from_rows_with_a_task_and_point_back_to_them() {
        let (w, r) = wf();
        let mut rows = Vec::new();
        for (id, user) in [("u1", "a"), ("u2", "b"), ("u3", "c")] {
            let reason = format!("Mailbox not found for {user}@contoso.com");
            rows.extend(FailureRow::of(
                &w,
                &r,
                &result(id, user, "failed", &task("Mail", 1, "failed", &reason)),
            ));
        }
        rows.extend(FailureRow::of(&w, &r, &result("u4", "d", "canceled", "")));
        let (failures, index) = failures_of(&rows);
        assert_eq!(failures.len(), 3);
        let groups = group_failures(&failures, GroupBy::TaskAndReason);
        assert_eq!(groups.len(), 1);
        assert_eq!((groups[0].failures, groups[0].users), (3, 3));
        let members: Vec<usize> = groups[0].members.iter().map(|&m| index[m]).collect();
        assert_eq!(members, vec![0, 1, 2]);
        assert!(rows[0].in_group("Mail", &groups[0].pattern));
        assert!(!rows[3].in_group("Mail", &groups[0].pattern));
        assert!(rows[0].in_group("", &groups[0].pattern));
    }

    #[test]
    fn the_json_export_keeps_graph_objects() {
        let (w, r) = wf();
        let rows = FailureRow::of(
            &w,
            &r,
            &result("u1", "a", "failed", &task("Mail", 1, "failed", "x")),
        );
        let v = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(v["userResult"]["processingStatus"], "failed");
        assert_eq!(v["taskResult"]["failureReason"], "x");
        assert_eq!(v["workflowId"], "w1");
    }
}
