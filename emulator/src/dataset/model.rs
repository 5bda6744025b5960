//! The in-memory tenant: workflows with their tasks and runs, user processing
//! results (compact; task results are derived from them), and directory users.

use crate::rng::Guid;
use crate::ticks::Ticks;

/// `lifecycleWorkflowProcessingStatus`, including the evolvable members.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Status {
    Queued,
    InProgress,
    Completed,
    CompletedWithErrors,
    Canceled,
    Failed,
    UnknownFutureValue,
    Canceling,
    Quarantined,
}

pub const STATUS_NAMES: &[&str] = &[
    "queued",
    "inProgress",
    "completed",
    "completedWithErrors",
    "canceled",
    "failed",
    "unknownFutureValue",
    "canceling",
    "quarantined",
];

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Queued,
        Status::InProgress,
        Status::Completed,
        Status::CompletedWithErrors,
        Status::Canceled,
        Status::Failed,
        Status::UnknownFutureValue,
        Status::Canceling,
        Status::Quarantined,
    ];

    pub fn name(self) -> &'static str {
        STATUS_NAMES[self.code() as usize]
    }

    /// The value on the wire: members after `unknownFutureValue` are only sent
    /// as themselves when the client opted in with `Prefer`.
    pub fn wire(self, include_unknown: bool) -> &'static str {
        match self {
            Status::Canceling | Status::Quarantined if !include_unknown => "unknownFutureValue",
            s => s.name(),
        }
    }

    pub fn code(self) -> u8 {
        Status::ALL.iter().position(|s| *s == self).unwrap_or(6) as u8
    }

    pub fn from_code(c: u8) -> Status {
        Status::ALL
            .get(c as usize)
            .copied()
            .unwrap_or(Status::UnknownFutureValue)
    }

    pub fn from_name(s: &str) -> Option<Status> {
        Status::ALL.iter().copied().find(|x| x.name() == s)
    }

    /// Not completed and not failed: what Graph counts as unprocessed.
    pub fn is_unprocessed(self) -> bool {
        !matches!(
            self,
            Status::Completed | Status::Failed | Status::CompletedWithErrors
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExecType {
    Scheduled,
    OnDemand,
    ActivatedWithScope,
}

pub const EXEC_NAMES: &[&str] = &[
    "scheduled",
    "onDemand",
    "unknownFutureValue",
    "activatedWithScope",
    "preview",
];

impl ExecType {
    pub fn name(self) -> &'static str {
        match self {
            ExecType::Scheduled => "scheduled",
            ExecType::OnDemand => "onDemand",
            ExecType::ActivatedWithScope => "activatedWithScope",
        }
    }

    /// `activatedWithScope` comes after `unknownFutureValue` in the enum.
    pub fn wire(self, include_unknown: bool) -> &'static str {
        match self {
            ExecType::ActivatedWithScope if !include_unknown => "unknownFutureValue",
            e => e.name(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Category {
    Joiner,
    Leaver,
    Mover,
}

pub const CATEGORY_NAMES: &[&str] = &["joiner", "leaver", "unknownFutureValue", "mover"];

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Joiner => "joiner",
            Category::Leaver => "leaver",
            Category::Mover => "mover",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Task {
    pub id: Guid,
    pub display_name: &'static str,
    pub description: &'static str,
    pub category: &'static str,
    pub execution_sequence: i32,
    pub continue_on_error: bool,
    pub is_enabled: bool,
    pub task_definition_id: &'static str,
    pub arguments: Vec<(&'static str, String)>,
    /// Index into the catalog, to find failure reasons and processing notes.
    pub kind: usize,
}

#[derive(Clone, Debug)]
pub struct Workflow {
    pub id: Guid,
    pub display_name: String,
    pub description: String,
    pub category: Category,
    pub is_enabled: bool,
    pub is_scheduling_enabled: bool,
    pub version: i32,
    pub created: Ticks,
    pub last_modified: Ticks,
    pub next_schedule: Option<Ticks>,
    pub deleted: Option<Ticks>,
    pub quarantine: Option<(Ticks, String)>,
    pub conditions: Conditions,
    pub quarantine_config: Option<QuarantineConfig>,
    /// Indexes into the directory users: who created and last changed it.
    pub created_by: Option<usize>,
    pub modified_by: Option<usize>,
    pub tasks: Vec<Task>,
    pub runs: Vec<Run>,
}

/// What starts a triggered workflow (`workflowExecutionTrigger`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// `timeBasedAttributeTrigger`: days before (negative) or after an attribute.
    Time {
        attribute: &'static str,
        offset: i32,
    },
    /// `attributeChangeTrigger` on one attribute.
    AttributeChange(&'static str),
    /// `membershipChangeTrigger`: `add` or `remove`.
    MembershipChange(&'static str),
}

/// A group of a `groupBasedSubjectSet`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScopeGroup {
    pub id: &'static str,
    pub display_name: &'static str,
}

/// Who a triggered workflow is for (`subjectSet`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// `ruleBasedSubjectSet`: a user `$filter` rule.
    Rule(&'static str),
    /// `groupBasedSubjectSet`: members of these groups.
    Groups(&'static [ScopeGroup]),
}

/// `executionConditions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conditions {
    Triggered {
        trigger: Trigger,
        scope: Scope,
    },
    /// `onDemandExecutionOnly`: no trigger, runs only when started.
    OnDemandOnly,
}

impl Conditions {
    /// A time-based trigger with a rule scope.
    pub const fn time(attribute: &'static str, offset: i32, rule: &'static str) -> Conditions {
        Conditions::Triggered {
            trigger: Trigger::Time { attribute, offset },
            scope: Scope::Rule(rule),
        }
    }

    /// An attribute change trigger with a rule scope.
    pub const fn attribute(attribute: &'static str, rule: &'static str) -> Conditions {
        Conditions::Triggered {
            trigger: Trigger::AttributeChange(attribute),
            scope: Scope::Rule(rule),
        }
    }
}

/// `settings.quarantineConfiguration`: `matchMode` any|all over a count
/// and/or a percentage threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuarantineConfig {
    pub match_mode: &'static str,
    pub count: Option<i64>,
    pub percentage: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub total_users: i64,
    pub successful_users: i64,
    pub failed_users: i64,
    pub total_tasks: i64,
    pub failed_tasks: i64,
    pub unprocessed_tasks: i64,
}

#[derive(Clone, Debug)]
pub struct Run {
    pub id: Guid,
    pub status: Status,
    pub exec_type: ExecType,
    pub scheduled: Option<Ticks>,
    pub started: Option<Ticks>,
    pub completed: Option<Ticks>,
    pub last_updated: Option<Ticks>,
    pub users: Vec<UserResult>,
    pub counts: RunCounts,
}

impl Run {
    /// The status of a finished run from its users' (counts up to date):
    /// failed if every user failed, with errors if any did.
    pub fn settled_status(&self) -> Status {
        if self.counts.total_users > 0 && self.users.iter().all(|u| u.status == Status::Failed) {
            Status::Failed
        } else if self.counts.failed_users > 0 {
            Status::CompletedWithErrors
        } else {
            Status::Completed
        }
    }

    /// Recomputes the counters from the user results (the invariant Graph keeps).
    pub fn recount(&mut self) {
        let mut c = RunCounts {
            total_users: self.users.len() as i64,
            ..RunCounts::default()
        };
        for u in &self.users {
            match u.status {
                Status::Completed => c.successful_users += 1,
                Status::Failed | Status::CompletedWithErrors => c.failed_users += 1,
                _ => {}
            }
            c.total_tasks += u.task_count as i64;
            c.failed_tasks += u.failed_tasks() as i64;
            c.unprocessed_tasks += u.unprocessed_tasks() as i64;
        }
        self.counts = c;
    }
}

/// One user's processing in a run. Task statuses are packed, 4 bits a task.
#[derive(Clone, Debug)]
pub struct UserResult {
    pub id: Guid,
    pub subject: u32,
    pub status: Status,
    pub exec_type: ExecType,
    pub workflow_version: i32,
    pub scheduled: Option<Ticks>,
    pub started: Option<Ticks>,
    pub completed: Option<Ticks>,
    pub task_count: u8,
    pub task_bits: u64,
}

impl UserResult {
    pub fn task_status(&self, i: usize) -> Status {
        Status::from_code(((self.task_bits >> (i * 4)) & 0xF) as u8)
    }

    pub fn set_task_statuses(&mut self, s: &[Status]) {
        self.task_count = s.len() as u8;
        self.task_bits = 0;
        for (i, st) in s.iter().enumerate().take(16) {
            self.task_bits |= (st.code() as u64) << (i * 4);
        }
    }

    pub fn failed_tasks(&self) -> u32 {
        (0..self.task_count as usize)
            .filter(|&i| self.task_status(i) == Status::Failed)
            .count() as u32
    }

    pub fn unprocessed_tasks(&self) -> u32 {
        (0..self.task_count as usize)
            .filter(|&i| self.task_status(i).is_unprocessed())
            .count() as u32
    }
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: Guid,
    pub display_name: String,
    pub given_name: Option<String>,
    pub surname: Option<String>,
    pub upn: String,
    pub mail: Option<String>,
    pub job_title: Option<&'static str>,
    pub department: Option<&'static str>,
    pub office: Option<&'static str>,
    pub preferred_language: Option<&'static str>,
}
