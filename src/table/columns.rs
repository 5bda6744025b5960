//! Columns of the run, user result, task result and task report tables.

use chrono::{DateTime, SecondsFormat, Utc};

use super::{Names, SortKey, TableRow};
use crate::model::{
    ProcessingStatus, Run, Subject, TaskProcessingResult, TaskReport, UserProcessingResult,
};

fn date_cell(d: Option<DateTime<Utc>>) -> String {
    d.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

fn count_cell(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn seconds_cell(d: Option<chrono::Duration>) -> String {
    d.map(|d| format!("{:.1}", d.num_milliseconds() as f64 / 1000.0))
        .unwrap_or_default()
}

fn status_cell(s: Option<&ProcessingStatus>) -> String {
    s.map(|s| s.as_str().to_string()).unwrap_or_default()
}

fn status_key(s: Option<&ProcessingStatus>) -> SortKey {
    s.map_or(SortKey::Missing, |s| {
        SortKey::Num(i64::from(s.severity_rank()))
    })
}

fn subject_name<'a>(subject: Option<&'a Subject>, names: &'a Names) -> Option<&'a str> {
    let subject = subject?;
    names
        .get(&subject.id)
        .and_then(|u| u.display_name.as_deref())
        .or(subject.display_name.as_deref())
}

fn subject_upn<'a>(subject: Option<&'a Subject>, names: &'a Names) -> Option<&'a str> {
    let subject = subject?;
    names
        .get(&subject.id)
        .and_then(|u| u.user_principal_name.as_deref())
        .or(subject.user_principal_name.as_deref())
}

fn push_subject(subject: Option<&Subject>, names: &Names, out: &mut String) {
    for part in [
        subject_name(subject, names),
        subject_upn(subject, names),
        subject.map(|s| s.id.as_str()),
    ]
    .into_iter()
    .flatten()
    {
        out.push_str(part);
        out.push('\n');
    }
}

/// Columns of the runs table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunColumn {
    Id,
    Status,
    ExecutionType,
    Scheduled,
    Started,
    Completed,
    Duration,
    Users,
    SuccessfulUsers,
    FailedUsers,
    Tasks,
    FailedTasks,
    UnprocessedTasks,
}

impl TableRow for Run {
    type Column = RunColumn;

    fn columns() -> &'static [RunColumn] {
        use RunColumn::*;
        &[
            Id,
            Status,
            ExecutionType,
            Scheduled,
            Started,
            Completed,
            Duration,
            Users,
            SuccessfulUsers,
            FailedUsers,
            Tasks,
            FailedTasks,
            UnprocessedTasks,
        ]
    }

    fn column_title(column: RunColumn) -> &'static str {
        match column {
            RunColumn::Id => "Run id",
            RunColumn::Status => "Status",
            RunColumn::ExecutionType => "Execution type",
            RunColumn::Scheduled => "Scheduled (UTC)",
            RunColumn::Started => "Started (UTC)",
            RunColumn::Completed => "Completed (UTC)",
            RunColumn::Duration => "Duration (s)",
            RunColumn::Users => "Users",
            RunColumn::SuccessfulUsers => "Successful users",
            RunColumn::FailedUsers => "Failed users",
            RunColumn::Tasks => "Tasks",
            RunColumn::FailedTasks => "Failed tasks",
            RunColumn::UnprocessedTasks => "Unprocessed tasks",
        }
    }

    fn search_text(&self, _names: &Names, out: &mut String) {
        out.push_str(&self.id);
        out.push('\n');
        if let Some(s) = &self.processing_status {
            out.push_str(s.label());
            out.push('\n');
        }
        if let Some(t) = &self.workflow_execution_type {
            out.push_str(t.label());
        }
    }

    fn name_id(&self) -> Option<&str> {
        None
    }

    fn sorts_by_name(_column: RunColumn) -> bool {
        false
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn sort_key(&self, column: RunColumn, _names: &Names) -> SortKey {
        match column {
            RunColumn::Id => SortKey::text(Some(&self.id)),
            RunColumn::Status => status_key(self.status()),
            RunColumn::ExecutionType => {
                SortKey::text(self.workflow_execution_type.as_ref().map(|t| t.label()))
            }
            RunColumn::Scheduled => SortKey::date(self.scheduled_date_time),
            RunColumn::Started => SortKey::date(self.started_date_time),
            RunColumn::Completed => SortKey::date(self.completed_date_time),
            RunColumn::Duration => SortKey::duration(self.duration()),
            RunColumn::Users => SortKey::count(self.total_users_count),
            RunColumn::SuccessfulUsers => SortKey::count(self.successful_users_count),
            RunColumn::FailedUsers => SortKey::count(self.failed_users_count),
            RunColumn::Tasks => SortKey::count(self.total_tasks()),
            RunColumn::FailedTasks => SortKey::count(self.failed_tasks_count),
            RunColumn::UnprocessedTasks => SortKey::count(self.total_unprocessed_tasks_count),
        }
    }

    fn cell_text(&self, column: RunColumn, _names: &Names) -> String {
        match column {
            RunColumn::Id => self.id.clone(),
            RunColumn::Status => status_cell(self.status()),
            RunColumn::ExecutionType => self
                .workflow_execution_type
                .as_ref()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            RunColumn::Scheduled => date_cell(self.scheduled_date_time),
            RunColumn::Started => date_cell(self.started_date_time),
            RunColumn::Completed => date_cell(self.completed_date_time),
            RunColumn::Duration => seconds_cell(self.duration()),
            RunColumn::Users => count_cell(self.total_users_count),
            RunColumn::SuccessfulUsers => count_cell(self.successful_users_count),
            RunColumn::FailedUsers => count_cell(self.failed_users_count),
            RunColumn::Tasks => count_cell(self.total_tasks()),
            RunColumn::FailedTasks => count_cell(self.failed_tasks_count),
            RunColumn::UnprocessedTasks => count_cell(self.total_unprocessed_tasks_count),
        }
    }
}

/// Columns of the user results table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserResultColumn {
    User,
    Upn,
    SubjectId,
    Status,
    ExecutionType,
    WorkflowVersion,
    Scheduled,
    Started,
    Completed,
    Duration,
    Tasks,
    FailedTasks,
    UnprocessedTasks,
}

impl TableRow for UserProcessingResult {
    type Column = UserResultColumn;

    fn columns() -> &'static [UserResultColumn] {
        use UserResultColumn::*;
        &[
            User,
            Upn,
            SubjectId,
            Status,
            ExecutionType,
            WorkflowVersion,
            Scheduled,
            Started,
            Completed,
            Duration,
            Tasks,
            FailedTasks,
            UnprocessedTasks,
        ]
    }

    fn column_title(column: UserResultColumn) -> &'static str {
        match column {
            UserResultColumn::User => "User",
            UserResultColumn::Upn => "User principal name",
            UserResultColumn::SubjectId => "User id",
            UserResultColumn::Status => "Status",
            UserResultColumn::ExecutionType => "Execution type",
            UserResultColumn::WorkflowVersion => "Workflow version",
            UserResultColumn::Scheduled => "Scheduled (UTC)",
            UserResultColumn::Started => "Started (UTC)",
            UserResultColumn::Completed => "Completed (UTC)",
            UserResultColumn::Duration => "Duration (s)",
            UserResultColumn::Tasks => "Tasks",
            UserResultColumn::FailedTasks => "Failed tasks",
            UserResultColumn::UnprocessedTasks => "Unprocessed tasks",
        }
    }

    fn search_text(&self, names: &Names, out: &mut String) {
        push_subject(self.subject.as_ref(), names, out);
        out.push_str(&self.id);
    }

    fn name_id(&self) -> Option<&str> {
        self.subject.as_ref().map(|s| s.id.as_str())
    }

    fn sorts_by_name(column: UserResultColumn) -> bool {
        matches!(column, UserResultColumn::User | UserResultColumn::Upn)
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn sort_key(&self, column: UserResultColumn, names: &Names) -> SortKey {
        let subject = self.subject.as_ref();
        match column {
            UserResultColumn::User => {
                SortKey::text(subject_name(subject, names).or(self.subject_id()))
            }
            UserResultColumn::Upn => SortKey::text(subject_upn(subject, names)),
            UserResultColumn::SubjectId => SortKey::text(self.subject_id()),
            UserResultColumn::Status => status_key(self.status()),
            UserResultColumn::ExecutionType => {
                SortKey::text(self.workflow_execution_type.as_ref().map(|t| t.label()))
            }
            UserResultColumn::WorkflowVersion => SortKey::count(self.workflow_version),
            UserResultColumn::Scheduled => SortKey::date(self.scheduled_date_time),
            UserResultColumn::Started => SortKey::date(self.started_date_time),
            UserResultColumn::Completed => SortKey::date(self.completed_date_time),
            UserResultColumn::Duration => SortKey::duration(self.duration()),
            UserResultColumn::Tasks => SortKey::count(self.total_tasks_count),
            UserResultColumn::FailedTasks => SortKey::count(self.failed_tasks_count),
            UserResultColumn::UnprocessedTasks => {
                SortKey::count(self.total_unprocessed_tasks_count)
            }
        }
    }

    fn cell_text(&self, column: UserResultColumn, names: &Names) -> String {
        let subject = self.subject.as_ref();
        match column {
            UserResultColumn::User => subject_name(subject, names).unwrap_or_default().to_string(),
            UserResultColumn::Upn => subject_upn(subject, names).unwrap_or_default().to_string(),
            UserResultColumn::SubjectId => self.subject_id().unwrap_or_default().to_string(),
            UserResultColumn::Status => status_cell(self.status()),
            UserResultColumn::ExecutionType => self
                .workflow_execution_type
                .as_ref()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            UserResultColumn::WorkflowVersion => count_cell(self.workflow_version),
            UserResultColumn::Scheduled => date_cell(self.scheduled_date_time),
            UserResultColumn::Started => date_cell(self.started_date_time),
            UserResultColumn::Completed => date_cell(self.completed_date_time),
            UserResultColumn::Duration => seconds_cell(self.duration()),
            UserResultColumn::Tasks => count_cell(self.total_tasks_count),
            UserResultColumn::FailedTasks => count_cell(self.failed_tasks_count),
            UserResultColumn::UnprocessedTasks => count_cell(self.total_unprocessed_tasks_count),
        }
    }
}

/// Columns of the task results table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskResultColumn {
    Task,
    Category,
    Sequence,
    Status,
    User,
    Created,
    Started,
    Completed,
    Duration,
    FailureReason,
    ContinueOnError,
}

impl TableRow for TaskProcessingResult {
    type Column = TaskResultColumn;

    fn columns() -> &'static [TaskResultColumn] {
        use TaskResultColumn::*;
        &[
            Task,
            Category,
            Sequence,
            Status,
            User,
            Created,
            Started,
            Completed,
            Duration,
            FailureReason,
            ContinueOnError,
        ]
    }

    fn column_title(column: TaskResultColumn) -> &'static str {
        match column {
            TaskResultColumn::Task => "Task",
            TaskResultColumn::Category => "Category",
            TaskResultColumn::Sequence => "Order",
            TaskResultColumn::Status => "Status",
            TaskResultColumn::User => "User",
            TaskResultColumn::Created => "Created (UTC)",
            TaskResultColumn::Started => "Started (UTC)",
            TaskResultColumn::Completed => "Completed (UTC)",
            TaskResultColumn::Duration => "Duration (s)",
            TaskResultColumn::FailureReason => "Failure reason",
            TaskResultColumn::ContinueOnError => "Continue on error",
        }
    }

    fn search_text(&self, names: &Names, out: &mut String) {
        out.push_str(self.task_name());
        out.push('\n');
        push_subject(self.subject.as_ref(), names, out);
        if let Some(reason) = &self.failure_reason {
            out.push_str(reason);
            out.push('\n');
        }
        out.push_str(&self.id);
    }

    fn name_id(&self) -> Option<&str> {
        self.subject.as_ref().map(|s| s.id.as_str())
    }

    fn sorts_by_name(column: TaskResultColumn) -> bool {
        column == TaskResultColumn::User
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn sort_key(&self, column: TaskResultColumn, names: &Names) -> SortKey {
        let task = self.task.as_ref();
        match column {
            TaskResultColumn::Task => SortKey::text(Some(self.task_name())),
            TaskResultColumn::Category => SortKey::text(
                task.and_then(|t| t.category.as_ref())
                    .map(|c| c.label())
                    .as_deref(),
            ),
            TaskResultColumn::Sequence => SortKey::count(task.and_then(|t| t.execution_sequence)),
            TaskResultColumn::Status => status_key(self.status()),
            TaskResultColumn::User => {
                SortKey::text(subject_name(self.subject.as_ref(), names).or(self.subject_id()))
            }
            TaskResultColumn::Created => SortKey::date(self.created_date_time),
            TaskResultColumn::Started => SortKey::date(self.started_date_time),
            TaskResultColumn::Completed => SortKey::date(self.completed_date_time),
            TaskResultColumn::Duration => SortKey::duration(self.duration()),
            TaskResultColumn::FailureReason => SortKey::text(self.failure_reason.as_deref()),
            TaskResultColumn::ContinueOnError => {
                SortKey::flag(task.and_then(|t| t.continue_on_error))
            }
        }
    }

    fn cell_text(&self, column: TaskResultColumn, names: &Names) -> String {
        let task = self.task.as_ref();
        match column {
            TaskResultColumn::Task => self.task_name().to_string(),
            TaskResultColumn::Category => task
                .and_then(|t| t.category.as_ref())
                .map(|c| c.to_wire())
                .unwrap_or_default(),
            TaskResultColumn::Sequence => count_cell(task.and_then(|t| t.execution_sequence)),
            TaskResultColumn::Status => status_cell(self.status()),
            TaskResultColumn::User => subject_name(self.subject.as_ref(), names)
                .or(self.subject_id())
                .unwrap_or_default()
                .to_string(),
            TaskResultColumn::Created => date_cell(self.created_date_time),
            TaskResultColumn::Started => date_cell(self.started_date_time),
            TaskResultColumn::Completed => date_cell(self.completed_date_time),
            TaskResultColumn::Duration => seconds_cell(self.duration()),
            TaskResultColumn::FailureReason => self.failure_reason.clone().unwrap_or_default(),
            TaskResultColumn::ContinueOnError => task
                .and_then(|t| t.continue_on_error)
                .map(|b| b.to_string())
                .unwrap_or_default(),
        }
    }
}

/// Columns of the task reports table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskReportColumn {
    Task,
    RunId,
    Status,
    Users,
    SuccessfulUsers,
    FailedUsers,
    UnprocessedUsers,
    Started,
    Completed,
}

impl TableRow for TaskReport {
    type Column = TaskReportColumn;

    fn columns() -> &'static [TaskReportColumn] {
        use TaskReportColumn::*;
        &[
            Task,
            RunId,
            Status,
            Users,
            SuccessfulUsers,
            FailedUsers,
            UnprocessedUsers,
            Started,
            Completed,
        ]
    }

    fn column_title(column: TaskReportColumn) -> &'static str {
        match column {
            TaskReportColumn::Task => "Task",
            TaskReportColumn::RunId => "Run id",
            TaskReportColumn::Status => "Status",
            TaskReportColumn::Users => "Users",
            TaskReportColumn::SuccessfulUsers => "Successful users",
            TaskReportColumn::FailedUsers => "Failed users",
            TaskReportColumn::UnprocessedUsers => "Unprocessed users",
            TaskReportColumn::Started => "Started (UTC)",
            TaskReportColumn::Completed => "Completed (UTC)",
        }
    }

    fn search_text(&self, _names: &Names, out: &mut String) {
        if let Some(task) = &self.task {
            out.push_str(task.name());
            out.push('\n');
        }
        out.push_str(self.run_id.as_deref().unwrap_or_default());
        out.push('\n');
        out.push_str(&self.id);
    }

    fn name_id(&self) -> Option<&str> {
        None
    }

    fn sorts_by_name(_column: TaskReportColumn) -> bool {
        false
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        self.processing_status.as_ref()
    }

    fn sort_key(&self, column: TaskReportColumn, _names: &Names) -> SortKey {
        match column {
            TaskReportColumn::Task => SortKey::text(self.task.as_ref().map(|t| t.name())),
            TaskReportColumn::RunId => SortKey::text(self.run_id.as_deref()),
            TaskReportColumn::Status => status_key(self.status()),
            TaskReportColumn::Users => SortKey::count(self.total_users_count),
            TaskReportColumn::SuccessfulUsers => SortKey::count(self.successful_users_count),
            TaskReportColumn::FailedUsers => SortKey::count(self.failed_users_count),
            TaskReportColumn::UnprocessedUsers => SortKey::count(self.unprocessed_users_count),
            TaskReportColumn::Started => SortKey::date(self.started_date_time),
            TaskReportColumn::Completed => SortKey::date(self.completed_date_time),
        }
    }

    fn cell_text(&self, column: TaskReportColumn, _names: &Names) -> String {
        match column {
            TaskReportColumn::Task => self
                .task
                .as_ref()
                .map(|t| t.name().to_string())
                .unwrap_or_default(),
            TaskReportColumn::RunId => self.run_id.clone().unwrap_or_default(),
            TaskReportColumn::Status => status_cell(self.status()),
            TaskReportColumn::Users => count_cell(self.total_users_count),
            TaskReportColumn::SuccessfulUsers => count_cell(self.successful_users_count),
            TaskReportColumn::FailedUsers => count_cell(self.failed_users_count),
            TaskReportColumn::UnprocessedUsers => count_cell(self.unprocessed_users_count),
            TaskReportColumn::Started => date_cell(self.started_date_time),
            TaskReportColumn::Completed => date_cell(self.completed_date_time),
        }
    }
}
