//! Entity schemas: which properties exist, which can be filtered (and with
//! which operators), ordered, selected and expanded.

use crate::dataset::model::{CATEGORY_NAMES, EXEC_NAMES, STATUS_NAMES};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Str,
    Int,
    Bool,
    Date,
    Guid,
    Enum(&'static str, &'static [&'static str]),
    Complex,
}

impl Kind {
    pub fn edm(&self) -> &'static str {
        match self {
            Kind::Str => "Edm.String",
            Kind::Int => "Edm.Int32",
            Kind::Bool => "Edm.Boolean",
            Kind::Date => "Edm.DateTimeOffset",
            Kind::Guid => "Edm.String",
            Kind::Enum(name, _) => name,
            Kind::Complex => "Edm.ComplexType",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ops {
    None,
    Eq,
    EqNe,
    All,
}

#[derive(Debug)]
pub struct Prop {
    pub name: &'static str,
    pub kind: Kind,
    pub filter: Ops,
    pub order: bool,
}

#[derive(Debug)]
pub struct Schema {
    pub type_name: &'static str,
    pub props: &'static [Prop],
    pub expands: &'static [&'static str],
}

impl Schema {
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    /// The property a (possibly nested) path starts with.
    pub fn top(&self, path: &str) -> Option<&Prop> {
        self.prop(path.split('/').next().unwrap_or(path))
    }
}

const fn p(name: &'static str, kind: Kind, filter: Ops, order: bool) -> Prop {
    Prop {
        name,
        kind,
        filter,
        order,
    }
}

const STATUS: Kind = Kind::Enum(
    "microsoft.graph.identityGovernance.lifecycleWorkflowProcessingStatus",
    STATUS_NAMES,
);
const EXEC: Kind = Kind::Enum(
    "microsoft.graph.identityGovernance.workflowExecutionType",
    EXEC_NAMES,
);
const CATEGORY: Kind = Kind::Enum(
    "microsoft.graph.identityGovernance.lifecycleWorkflowCategory",
    CATEGORY_NAMES,
);

pub static RUN: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.run",
    props: &[
        p("id", Kind::Guid, Ops::None, false),
        p("activatedOnScope", Kind::Complex, Ops::None, false),
        p("completedDateTime", Kind::Date, Ops::All, true),
        p("failedTasksCount", Kind::Int, Ops::None, false),
        p("failedUsersCount", Kind::Int, Ops::None, false),
        p("lastUpdatedDateTime", Kind::Date, Ops::All, true),
        p("processingStatus", STATUS, Ops::EqNe, true),
        p("scheduledDateTime", Kind::Date, Ops::All, true),
        p("startedDateTime", Kind::Date, Ops::All, true),
        p("successfulUsersCount", Kind::Int, Ops::None, false),
        p("totalTasksCount", Kind::Int, Ops::None, false),
        p("totalUsersCount", Kind::Int, Ops::None, false),
        p("totalUnprocessedTasksCount", Kind::Int, Ops::None, false),
        p("workflowExecutionType", EXEC, Ops::EqNe, true),
    ],
    expands: &[],
};

pub static USER_RESULT: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.userProcessingResult",
    props: &[
        p("id", Kind::Guid, Ops::None, false),
        p("completedDateTime", Kind::Date, Ops::All, true),
        p("failedTasksCount", Kind::Int, Ops::None, false),
        p("processingStatus", STATUS, Ops::EqNe, true),
        p("scheduledDateTime", Kind::Date, Ops::All, true),
        p("startedDateTime", Kind::Date, Ops::All, true),
        p("totalTasksCount", Kind::Int, Ops::None, false),
        p("totalUnprocessedTasksCount", Kind::Int, Ops::None, false),
        p("workflowExecutionType", EXEC, Ops::EqNe, true),
        p("workflowVersion", Kind::Int, Ops::None, false),
        p("subject", Kind::Complex, Ops::None, false),
        p("subject/id", Kind::Guid, Ops::Eq, false),
    ],
    expands: &["subject", "taskProcessingResults"],
};

pub static TASK_RESULT: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.taskProcessingResult",
    props: &[
        p("id", Kind::Guid, Ops::None, false),
        p("completedDateTime", Kind::Date, Ops::All, true),
        p("createdDateTime", Kind::Date, Ops::All, true),
        p("failureReason", Kind::Str, Ops::None, false),
        p("processingInfo", Kind::Str, Ops::None, false),
        p("processingStatus", STATUS, Ops::EqNe, true),
        p("startedDateTime", Kind::Date, Ops::All, true),
        p("subject", Kind::Complex, Ops::None, false),
        p("subject/id", Kind::Guid, Ops::Eq, false),
        p("task", Kind::Complex, Ops::None, false),
    ],
    expands: &["subject", "task"],
};

pub static TASK_REPORT: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.taskReport",
    props: &[
        p("id", Kind::Guid, Ops::None, false),
        p("completedDateTime", Kind::Date, Ops::All, true),
        p("failedUsersCount", Kind::Int, Ops::None, false),
        p("lastUpdatedDateTime", Kind::Date, Ops::All, true),
        p("processingStatus", STATUS, Ops::EqNe, true),
        p("runId", Kind::Guid, Ops::EqNe, true),
        p("startedDateTime", Kind::Date, Ops::All, true),
        p("successfulUsersCount", Kind::Int, Ops::None, false),
        p("totalUsersCount", Kind::Int, Ops::None, false),
        p("unprocessedUsersCount", Kind::Int, Ops::None, false),
        p("task", Kind::Complex, Ops::None, false),
        p("task/id", Kind::Guid, Ops::Eq, false),
        p("task/displayName", Kind::Str, Ops::EqNe, false),
    ],
    expands: &["task"],
};

pub static WORKFLOW: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.workflow",
    props: &[
        p("category", CATEGORY, Ops::EqNe, true),
        p("description", Kind::Str, Ops::None, false),
        p("displayName", Kind::Str, Ops::EqNe, true),
        p("lastModifiedDateTime", Kind::Date, Ops::All, true),
        p("createdDateTime", Kind::Date, Ops::All, true),
        p("deletedDateTime", Kind::Date, Ops::All, true),
        p("id", Kind::Guid, Ops::EqNe, true),
        p("isEnabled", Kind::Bool, Ops::EqNe, true),
        p("isSchedulingEnabled", Kind::Bool, Ops::EqNe, true),
        p("nextScheduleRunDateTime", Kind::Date, Ops::All, true),
        p("version", Kind::Int, Ops::All, true),
        p("executionConditions", Kind::Complex, Ops::None, false),
        p("quarantineDetails", Kind::Complex, Ops::None, false),
        p("settings", Kind::Complex, Ops::None, false),
    ],
    expands: &["tasks", "createdBy", "lastModifiedBy"],
};

pub static TASK_DEFINITION: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.taskDefinition",
    props: &[
        p("id", Kind::Guid, Ops::EqNe, true),
        p("category", Kind::Str, Ops::None, false),
        p("continueOnError", Kind::Bool, Ops::EqNe, false),
        p("description", Kind::Str, Ops::None, false),
        p("displayName", Kind::Str, Ops::EqNe, true),
        p("parameters", Kind::Complex, Ops::None, false),
        p("version", Kind::Int, Ops::All, true),
    ],
    expands: &[],
};

pub static USER: Schema = Schema {
    type_name: "microsoft.graph.user",
    props: &[
        p("businessPhones", Kind::Complex, Ops::None, false),
        p("displayName", Kind::Str, Ops::EqNe, true),
        p("givenName", Kind::Str, Ops::EqNe, true),
        p("jobTitle", Kind::Str, Ops::EqNe, true),
        p("mail", Kind::Str, Ops::EqNe, true),
        p("mobilePhone", Kind::Str, Ops::EqNe, false),
        p("officeLocation", Kind::Str, Ops::EqNe, false),
        p("preferredLanguage", Kind::Str, Ops::EqNe, false),
        p("surname", Kind::Str, Ops::EqNe, true),
        p("userPrincipalName", Kind::Str, Ops::EqNe, true),
        p("id", Kind::Guid, Ops::EqNe, true),
        p("department", Kind::Str, Ops::EqNe, true),
    ],
    expands: &[],
};
