//! `Row` adapters: property values of each resource for `$filter`/`$orderby`.

use std::borrow::Cow;

use crate::dataset::derive::{TaskReport, TaskResultRef};
use crate::dataset::{Dataset, Run, UserResult, Workflow};
use crate::odata::Val;
use crate::ticks::Ticks;

fn d(t: Option<Ticks>) -> Val<'static> {
    t.map(Val::Date).unwrap_or(Val::Null)
}

fn s(x: &str) -> Val<'_> {
    Val::Str(Cow::Borrowed(x))
}

pub struct RunRow<'a>(pub &'a Run);

impl crate::odata::Row for RunRow<'_> {
    fn field(&self, path: &str) -> Val<'_> {
        let r = self.0;
        match path {
            "completedDateTime" => d(r.completed),
            "lastUpdatedDateTime" => d(r.last_updated),
            "scheduledDateTime" => d(r.scheduled),
            "startedDateTime" => d(r.started),
            "processingStatus" => s(r.status.name()),
            "workflowExecutionType" => s(r.exec_type.name()),
            _ => Val::Null,
        }
    }
}

pub struct UserResultRow<'a> {
    pub ds: &'a Dataset,
    pub u: &'a UserResult,
    /// Where it lives (for `$expand=taskProcessingResults`).
    pub at: UserResultAt,
}

/// Workflow, run and user indexes of a user result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UserResultAt {
    pub wf: usize,
    pub run: usize,
    pub user: usize,
}

impl crate::odata::Row for UserResultRow<'_> {
    fn field(&self, path: &str) -> Val<'_> {
        let u = self.u;
        match path {
            "completedDateTime" => d(u.completed),
            "scheduledDateTime" => d(u.scheduled),
            "startedDateTime" => d(u.started),
            "processingStatus" => s(u.status.name()),
            "workflowExecutionType" => s(u.exec_type.name()),
            "subject/id" => Val::Str(Cow::Owned(self.ds.users[u.subject as usize].id.to_string())),
            _ => Val::Null,
        }
    }
}

pub struct TaskResultRow<'a> {
    pub ds: &'a Dataset,
    pub r: TaskResultRef,
}

impl crate::odata::Row for TaskResultRow<'_> {
    fn field(&self, path: &str) -> Val<'_> {
        match path {
            "processingStatus" => s(self.r.status(self.ds).name()),
            "createdDateTime" => d(self.r.times(self.ds).0),
            "startedDateTime" => d(self.r.times(self.ds).1),
            "completedDateTime" => d(self.r.times(self.ds).2),
            "subject/id" => {
                let (_, _, u, _) = self.r.parts(self.ds);
                Val::Str(Cow::Owned(self.ds.users[u.subject as usize].id.to_string()))
            }
            _ => Val::Null,
        }
    }
}

pub struct TaskReportRow<'a> {
    pub ds: &'a Dataset,
    pub r: TaskReport,
}

impl crate::odata::Row for TaskReportRow<'_> {
    fn field(&self, path: &str) -> Val<'_> {
        let w = &self.ds.workflows[self.r.wf];
        let run = &w.runs[self.r.run];
        match path {
            "completedDateTime" => d(run.completed),
            "lastUpdatedDateTime" => d(run.last_updated),
            "startedDateTime" => d(run.started),
            "processingStatus" => s(self.r.status.name()),
            "runId" => Val::Str(Cow::Owned(run.id.to_string())),
            "task/id" => Val::Str(Cow::Owned(w.tasks[self.r.task].id.to_string())),
            "task/displayName" => s(w.tasks[self.r.task].display_name),
            _ => Val::Null,
        }
    }
}

pub struct WorkflowRow<'a>(pub &'a Workflow);

impl crate::odata::Row for WorkflowRow<'_> {
    fn field(&self, path: &str) -> Val<'_> {
        let w = self.0;
        match path {
            "category" => s(w.category.name()),
            "displayName" => s(&w.display_name),
            "lastModifiedDateTime" => Val::Date(w.last_modified),
            "createdDateTime" => Val::Date(w.created),
            "deletedDateTime" => d(w.deleted),
            "nextScheduleRunDateTime" => d(w.next_schedule),
            "id" => Val::Str(Cow::Owned(w.id.to_string())),
            "isEnabled" => Val::Bool(w.is_enabled),
            "isSchedulingEnabled" => Val::Bool(w.is_scheduling_enabled),
            "version" => Val::Int(w.version as i64),
            _ => Val::Null,
        }
    }
}

pub struct TaskDefinitionRow(pub &'static crate::dataset::catalog::TaskKind);

impl crate::odata::Row for TaskDefinitionRow {
    fn field(&self, path: &str) -> Val<'_> {
        let k = self.0;
        match path {
            "id" => s(k.definition_id),
            "displayName" => s(k.display_name),
            "continueOnError" => Val::Bool(false),
            "version" => Val::Int(1),
            _ => Val::Null,
        }
    }
}
