//! The columns of the run, user result, task report and task result
//! tables: one static slice per row type, in display order. Adding a column
//! is adding one entry to a slice.

use std::borrow::Cow;

use super::{Column, Names, Priority, TableRow, Width};
use crate::model::{
    Cell, ExecutionType, Level, ProcessingStatus, Run, Subject, TaskProcessingResult, TaskReport,
    UserProcessingResult,
};

/// A status cell.
fn status(s: Option<&ProcessingStatus>, level: Level) -> Cell<'_> {
    Cell::Status(s.map(Cow::Borrowed), level)
}

/// An execution type cell.
fn execution(e: Option<&ExecutionType>) -> Cell<'_> {
    Cell::Execution(e.map(Cow::Borrowed))
}

/// A text cell (empty when missing).
fn text(s: Option<&str>) -> Cell<'_> {
    Cell::Text(Cow::Borrowed(s.unwrap_or_default()))
}

/// An id cell (empty when missing).
fn id(s: Option<&str>) -> Cell<'_> {
    Cell::Id(Cow::Borrowed(s.unwrap_or_default()))
}

/// The user of a subject: the resolved name and UPN, else the subject's own.
pub(super) fn user<'a>(subject: Option<&'a Subject>, names: &'a Names) -> Cell<'a> {
    let Some(subject) = subject else {
        return Cell::User {
            id: Cow::Borrowed(""),
            name: None,
            upn: None,
        };
    };
    let resolved = names.get(&subject.id);
    let name = resolved.and_then(|u| u.display_name.as_deref());
    let upn = resolved.and_then(|u| u.user_principal_name.as_deref());
    Cell::User {
        id: Cow::Borrowed(&subject.id),
        name: name.or(subject.display_name.as_deref()).map(Cow::Borrowed),
        upn: upn
            .or(subject.user_principal_name.as_deref())
            .map(Cow::Borrowed),
    }
}

/// The UPN of a subject, resolved else the subject's own, as text.
pub(super) fn upn<'a>(subject: Option<&'a Subject>, names: &'a Names) -> Cell<'a> {
    match user(subject, names) {
        Cell::User { upn, .. } => Cell::Text(upn.unwrap_or_default()),
        _ => Cell::Text(Cow::Borrowed("")),
    }
}

/// `subject` with its user's resolved display name and UPN, when the
/// directory knows more of it than the subject carries (`None` otherwise).
pub(super) fn named_subject(subject: Option<&Subject>, names: &Names) -> Option<Subject> {
    let subject = subject?;
    let user = names.get(&subject.id)?;
    let named = Subject {
        id: subject.id.clone(),
        display_name: user
            .display_name
            .clone()
            .or_else(|| subject.display_name.clone()),
        user_principal_name: user
            .user_principal_name
            .clone()
            .or_else(|| subject.user_principal_name.clone()),
    };
    (named != *subject).then_some(named)
}

/// The columns every export of a table of users carries: the user's UPN
/// and id (a name alone cannot tell two "Miriam Cane" apart).
pub(super) const USER_EXPORT: &[&str] = &["upn", "userId"];

/// Columns of the runs table.
const RUN_COLUMNS: &[Column<Run>] = &[
    Column {
        key: "status",
        title: "Status",
        width: Width::Status,
        priority: Priority::Essential,
        search: true,
        value: |r, _| status(r.processing_status.as_ref(), Level::Run),
    },
    Column {
        key: "type",
        title: "Type",
        width: Width::Type,
        priority: Priority::Default,
        search: true,
        value: |r, _| execution(r.workflow_execution_type.as_ref()),
    },
    Column {
        key: "scheduled",
        title: "Scheduled",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Time(r.scheduled_date_time),
    },
    Column {
        key: "started",
        title: "Started",
        width: Width::Time,
        priority: Priority::Essential,
        search: false,
        value: |r, _| Cell::Time(r.started_date_time),
    },
    Column {
        key: "completed",
        title: "Completed",
        width: Width::Time,
        // Folded by default: the duration beside the start says it, and
        // the width goes to the reason.
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Time(r.completed_date_time),
    },
    Column {
        key: "duration",
        title: "Duration",
        width: Width::Duration,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Duration(r.duration()),
    },
    Column {
        key: "users",
        title: "Users",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.total_users_count),
    },
    Column {
        key: "usersOk",
        title: "Users succeeded",
        width: Width::Count,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Count(r.successful_users_count),
    },
    Column {
        key: "usersFailed",
        title: "Users failed",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.failed_users_count),
    },
    Column {
        key: "tasks",
        title: "Tasks",
        width: Width::Count,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Count(r.total_tasks()),
    },
    Column {
        key: "tasksFailed",
        title: "Tasks failed",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.failed_tasks_count),
    },
    Column {
        key: "tasksUnprocessed",
        title: "Tasks unprocessed",
        width: Width::Count,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Count(r.total_unprocessed_tasks_count),
    },
    Column {
        key: "id",
        title: "Run id",
        width: Width::Id,
        priority: Priority::Optional,
        search: true,
        value: |r, _| id(Some(&r.id)),
    },
];

impl TableRow for Run {
    fn columns() -> &'static [Column<Run>] {
        RUN_COLUMNS
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn name_id(&self) -> Option<&str> {
        None
    }
}

/// Columns of the user results table.
const USER_RESULT_COLUMNS: &[Column<UserProcessingResult>] = &[
    Column {
        key: "user",
        title: "User",
        width: Width::User,
        priority: Priority::Essential,
        search: true,
        value: |r, names| user(r.subject.as_ref(), names),
    },
    Column {
        key: "upn",
        title: "UPN",
        width: Width::User,
        priority: Priority::Optional,
        search: false,
        value: |r, names| upn(r.subject.as_ref(), names),
    },
    Column {
        key: "userId",
        title: "User id",
        width: Width::Id,
        priority: Priority::Optional,
        search: false,
        value: |r, _| id(r.subject_id()),
    },
    Column {
        key: "status",
        title: "Status",
        width: Width::Status,
        priority: Priority::Essential,
        search: false,
        value: |r, _| status(r.processing_status.as_ref(), Level::User),
    },
    Column {
        key: "failedTask",
        title: "Failed task",
        width: Width::Text,
        priority: Priority::Default,
        search: true,
        value: |r, _| text(r.first_failed_task().map(TaskProcessingResult::task_name)),
    },
    Column {
        key: "reason",
        title: "Reason",
        width: Width::Long,
        priority: Priority::Default,
        search: true,
        value: |r, _| {
            text(
                r.first_failed_task()
                    .and_then(|t| t.failure_reason.as_deref()),
            )
        },
    },
    Column {
        key: "type",
        title: "Type",
        width: Width::Type,
        priority: Priority::Optional,
        search: false,
        value: |r, _| execution(r.workflow_execution_type.as_ref()),
    },
    Column {
        key: "version",
        title: "Version",
        width: Width::Count,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Count(r.workflow_version),
    },
    Column {
        key: "tasks",
        title: "Tasks",
        width: Width::Count,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Count(r.total_tasks_count),
    },
    Column {
        key: "tasksFailed",
        title: "Failed",
        width: Width::Count,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Count(r.failed_tasks_count),
    },
    Column {
        key: "tasksUnprocessed",
        title: "Unprocessed",
        width: Width::Count,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Count(r.total_unprocessed_tasks_count),
    },
    Column {
        key: "scheduled",
        title: "Scheduled",
        width: Width::Time,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Time(r.scheduled_date_time),
    },
    Column {
        key: "started",
        title: "Started",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Time(r.started_date_time),
    },
    Column {
        key: "completed",
        title: "Completed",
        width: Width::Time,
        // Folded by default: the duration beside the start says it, and
        // the width goes to the reason.
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Time(r.completed_date_time),
    },
    Column {
        key: "duration",
        title: "Duration",
        width: Width::Duration,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Duration(r.duration()),
    },
    Column {
        key: "id",
        title: "Result id",
        width: Width::Id,
        priority: Priority::Optional,
        search: true,
        value: |r, _| id(Some(&r.id)),
    },
];

impl TableRow for UserProcessingResult {
    fn columns() -> &'static [Column<UserProcessingResult>] {
        USER_RESULT_COLUMNS
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn name_id(&self) -> Option<&str> {
        self.subject.as_ref().map(|s| s.id.as_str())
    }

    fn always_exported() -> &'static [&'static str] {
        USER_EXPORT
    }

    fn named(&self, names: &Names) -> Option<Self> {
        let subject = named_subject(self.subject.as_ref(), names)?;
        Some(UserProcessingResult {
            subject: Some(subject),
            ..self.clone()
        })
    }
}

/// Columns of the task reports table (one task across the users of a run).
const TASK_REPORT_COLUMNS: &[Column<TaskReport>] = &[
    Column {
        key: "task",
        title: "Task",
        width: Width::Text,
        priority: Priority::Essential,
        search: true,
        value: |r, _| text(r.task.as_ref().map(|t| t.name())),
    },
    Column {
        key: "status",
        title: "Status",
        width: Width::Status,
        priority: Priority::Essential,
        search: false,
        value: |r, _| status(r.processing_status.as_ref(), Level::TaskReport),
    },
    Column {
        key: "users",
        title: "Users",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.total_users_count),
    },
    Column {
        key: "usersOk",
        title: "Succeeded",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.successful_users_count),
    },
    Column {
        key: "usersFailed",
        title: "Failed",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.failed_users_count),
    },
    Column {
        key: "usersUnprocessed",
        title: "Unprocessed",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.unprocessed_users_count),
    },
    Column {
        key: "started",
        title: "Started",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Time(r.started_date_time),
    },
    Column {
        key: "completed",
        title: "Completed",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Time(r.completed_date_time),
    },
    Column {
        key: "runId",
        title: "Run id",
        width: Width::Id,
        priority: Priority::Optional,
        search: true,
        value: |r, _| id(r.run_id.as_deref()),
    },
    Column {
        key: "id",
        title: "Report id",
        width: Width::Id,
        priority: Priority::Optional,
        search: true,
        value: |r, _| id(Some(&r.id)),
    },
];

impl TableRow for TaskReport {
    fn columns() -> &'static [Column<TaskReport>] {
        TASK_REPORT_COLUMNS
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn name_id(&self) -> Option<&str> {
        None
    }
}

/// Columns of the task results table (the tasks of one user result).
const TASK_RESULT_COLUMNS: &[Column<TaskProcessingResult>] = &[
    Column {
        key: "order",
        title: "Order",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Count(r.task.as_ref().and_then(|t| t.execution_sequence)),
    },
    Column {
        key: "task",
        title: "Task",
        width: Width::Text,
        priority: Priority::Essential,
        search: true,
        value: |r, _| text(Some(r.task_name())),
    },
    Column {
        key: "status",
        title: "Status",
        width: Width::Status,
        priority: Priority::Essential,
        search: false,
        value: |r, _| status(r.processing_status.as_ref(), Level::Task),
    },
    Column {
        key: "category",
        title: "Category",
        width: Width::Text,
        priority: Priority::Default,
        search: false,
        value: |r, _| {
            let category = r.task.as_ref().and_then(|t| t.category.as_ref());
            Cell::Text(category.map_or(Cow::Borrowed(""), |c| Cow::Owned(c.label())))
        },
    },
    Column {
        key: "user",
        title: "User",
        width: Width::User,
        priority: Priority::Optional,
        search: true,
        value: |r, names| user(r.subject.as_ref(), names),
    },
    Column {
        key: "created",
        title: "Created",
        width: Width::Time,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Time(r.created_date_time),
    },
    Column {
        key: "started",
        title: "Started",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Time(r.started_date_time),
    },
    Column {
        key: "completed",
        title: "Completed",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Time(r.completed_date_time),
    },
    Column {
        key: "duration",
        title: "Duration",
        width: Width::Duration,
        priority: Priority::Default,
        search: false,
        value: |r, _| Cell::Duration(r.duration()),
    },
    Column {
        key: "reason",
        title: "Failure reason",
        width: Width::Long,
        priority: Priority::Default,
        search: true,
        value: |r, _| text(r.failure_reason.as_deref()),
    },
    Column {
        key: "continueOnError",
        title: "Continue on error",
        width: Width::Type,
        priority: Priority::Optional,
        search: false,
        value: |r, _| Cell::Flag(r.task.as_ref().and_then(|t| t.continue_on_error)),
    },
    Column {
        key: "id",
        title: "Result id",
        width: Width::Id,
        priority: Priority::Optional,
        search: true,
        value: |r, _| id(Some(&r.id)),
    },
];

impl TableRow for TaskProcessingResult {
    fn columns() -> &'static [Column<TaskProcessingResult>] {
        TASK_RESULT_COLUMNS
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn name_id(&self) -> Option<&str> {
        self.subject.as_ref().map(|s| s.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SortDir, Task};
    use crate::table::{search_text, Sort, Table, ViewSpec};

    fn failed(id: &str, task: &str, seq: u32, reason: &str) -> UserProcessingResult {
        UserProcessingResult {
            id: id.into(),
            processing_status: Some(ProcessingStatus::Failed),
            task_processing_results: vec![TaskProcessingResult {
                id: format!("{id}-t"),
                processing_status: Some(ProcessingStatus::Failed),
                failure_reason: Some(reason.into()),
                task: Some(Task {
                    id: task.into(),
                    display_name: Some(task.into()),
                    execution_sequence: Some(seq),
                    ..Task::default()
                }),
                ..TaskProcessingResult::default()
            }],
            ..UserProcessingResult::default()
        }
    }

    #[test]
    fn failed_task_and_reason_are_shown_searched_and_sorted() {
        let names = Names::new();
        let a = failed("a", "Send welcome email", 2, "Mailbox not found");
        let col = |key| UserProcessingResult::column(key).expect("column");
        assert_eq!(
            col("failedTask").cell(&a, &names),
            Cell::Text(Cow::Borrowed("Send welcome email"))
        );
        assert_eq!(col("reason").width, Width::Long);
        assert!(col("failedTask").search && col("reason").search);
        let mut text = String::new();
        search_text(&col("reason").cell(&a, &names), &mut text);
        assert!(text.contains("Mailbox not found"));
        let ok = UserProcessingResult {
            id: "ok".into(),
            ..UserProcessingResult::default()
        };
        assert!(col("reason").cell(&ok, &names).is_missing());
        let b = failed("b", "Add to group", 1, "Access denied");
        let mut table = Table::new(vec![a, ok, b]);
        let found = table.view(&ViewSpec {
            search: "mailbox".into(),
            ..ViewSpec::default()
        });
        assert_eq!(found, vec![0]);
        let sorted = table.view(&ViewSpec {
            sort: Some(Sort {
                column: "reason",
                dir: SortDir::Asc,
            }),
            ..ViewSpec::default()
        });
        assert_eq!(sorted, vec![2, 0, 1], "A…, M…, then the missing reason");
    }
}
