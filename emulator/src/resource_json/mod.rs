//! The resources written as Graph JSON, with Graph's property names and
//! order, and the `Row` adapters `$filter`/`$orderby` read property values through.

pub mod direct;
pub mod rows;

use serde_json::{json, Map, Value};

use crate::dataset::catalog::TaskKind;
use crate::dataset::derive::{TaskReport, TaskResultRef};
use crate::dataset::model::{Conditions, Scope, Trigger};
use crate::dataset::{Dataset, Run, Task, User, UserResult, Workflow};
use crate::odata::select::{apply, Select};
use crate::odata::Query;
use crate::ticks::{self, Ticks};
use rows::UserResultAt;

/// What rendering depends on besides the object itself.
pub struct View<'a> {
    pub ds: &'a Dataset,
    pub unknown: bool,
    pub query: &'a Query,
}

pub fn date(t: Option<Ticks>) -> Value {
    t.map(|t| Value::String(ticks::format(t)))
        .unwrap_or(Value::Null)
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

pub fn run(v: &View<'_>, r: &Run) -> Map<String, Value> {
    let c = &r.counts;
    let mut m = obj(json!({
        "id": r.id.to_string(),
        "completedDateTime": date(r.completed),
        "failedTasksCount": c.failed_tasks,
        "failedUsersCount": c.failed_users,
        "lastUpdatedDateTime": date(r.last_updated),
        "processingStatus": r.status.wire(v.unknown),
        "scheduledDateTime": date(r.scheduled),
        "startedDateTime": date(r.started),
        "successfulUsersCount": c.successful_users,
        "totalTasksCount": c.total_tasks,
        "totalUsersCount": c.total_users,
        "totalUnprocessedTasksCount": c.unprocessed_tasks,
        "workflowExecutionType": r.exec_type.wire(v.unknown),
    }));
    let scope = v.ds.links.activated_on.get(&r.id);
    m.insert(
        "activatedOnScope".into(),
        scope.map(activated_on).unwrap_or(Value::Null),
    );
    m
}

/// `activatedOnScope` of a reprocessing run (an `activateRunScope`).
pub fn activated_on(s: &crate::dataset::live::RunScope) -> Value {
    json!({
        "@odata.type": "#microsoft.graph.identityGovernance.activateRunScope",
        "taskScope": s.task_scope,
        "userScope": s.user_scope,
        "run": { "id": s.run.to_string() },
    })
}

/// `subject`: only `id`, or the user when `$expand=subject`.
fn subject(v: &View<'_>, u: &User) -> Value {
    match v.query.expands("subject") {
        None => json!({ "id": u.id.to_string() }),
        Some(e) => {
            let mut m = Map::new();
            m.insert("@odata.type".into(), json!("#microsoft.graph.user"));
            m.extend(user(u, true));
            Value::Object(match &e.select {
                Some(s) => apply(m, s),
                None => m,
            })
        }
    }
}

/// A user result; with `$expand=taskProcessingResults` (and where it lives,
/// `at`) also its task results, as Graph nests a contained collection.
pub fn user_result(v: &View<'_>, u: &UserResult, at: Option<UserResultAt>) -> Map<String, Value> {
    let mut m = obj(json!({
        "id": u.id.to_string(),
        "completedDateTime": date(u.completed),
        "failedTasksCount": u.failed_tasks(),
        "processingStatus": u.status.wire(v.unknown),
        "scheduledDateTime": date(u.scheduled),
        "startedDateTime": date(u.started),
        "totalTasksCount": u.task_count,
        "totalUnprocessedTasksCount": u.unprocessed_tasks(),
        "workflowExecutionType": u.exec_type.wire(v.unknown),
        "workflowVersion": u.workflow_version,
    }));
    m.insert(
        "subject".into(),
        subject(v, &v.ds.users[u.subject as usize]),
    );
    if let (Some(e), Some(at)) = (v.query.expands("taskProcessingResults"), at) {
        // The same task results as `…/userProcessingResults/{id}/taskProcessingResults`.
        let tasks: Vec<Value> = (0..v.ds.workflows[at.wf].tasks.len())
            .map(|task| {
                let r = TaskResultRef {
                    wf: at.wf,
                    run: at.run,
                    user: at.user,
                    task,
                };
                select(task_result(v, &r), e.select.as_ref())
            })
            .collect();
        m.insert("taskProcessingResults".into(), Value::Array(tasks));
    }
    m
}

pub fn task(t: &Task) -> Map<String, Value> {
    let args: Vec<Value> = t
        .arguments
        .iter()
        .map(|(n, val)| json!({"name": n, "value": val}))
        .collect();
    obj(json!({
        "category": t.category,
        "continueOnError": t.continue_on_error,
        "description": t.description,
        "displayName": t.display_name,
        "executionSequence": t.execution_sequence,
        "id": t.id.to_string(),
        "isEnabled": t.is_enabled,
        "taskDefinitionId": t.task_definition_id,
        "arguments": args,
    }))
}

fn task_value(v: &View<'_>, t: &Task) -> Value {
    let m = task(t);
    Value::Object(
        match v.query.expands("task").and_then(|e| e.select.as_ref()) {
            Some(s) => apply(m, s),
            None => m,
        },
    )
}

pub fn task_result(v: &View<'_>, r: &TaskResultRef) -> Map<String, Value> {
    let t = r.resolve(v.ds);
    let mut m = obj(json!({
        "completedDateTime": date(t.completed),
        "createdDateTime": date(t.created),
        "failureReason": t.failure_reason,
        "id": t.id.to_string(),
        "processingStatus": t.status.wire(v.unknown),
        "startedDateTime": date(t.started),
        "processingInfo": t.processing_info,
    }));
    m.insert("subject".into(), subject(v, t.subject));
    m.insert("task".into(), task_value(v, t.task));
    m
}

pub fn task_report(v: &View<'_>, r: &TaskReport) -> Map<String, Value> {
    let w = &v.ds.workflows[r.wf];
    let run = &w.runs[r.run];
    let mut m = obj(json!({
        "id": r.id.to_string(),
        "runId": run.id.to_string(),
        "processingStatus": r.status.wire(v.unknown),
        "successfulUsersCount": r.successful,
        "failedUsersCount": r.failed,
        "unprocessedUsersCount": r.unprocessed,
        "totalUsersCount": r.total,
        "startedDateTime": date(run.started),
        "completedDateTime": date(run.completed),
        "lastUpdatedDateTime": date(run.last_updated),
    }));
    m.insert("task".into(), task_value(v, &w.tasks[r.task]));
    m
}

pub fn workflow(v: &View<'_>, w: &Workflow) -> Map<String, Value> {
    let mut m = obj(json!({
        "category": w.category.name(),
        "description": w.description,
        "displayName": w.display_name,
        "lastModifiedDateTime": date(Some(w.last_modified)),
        "createdDateTime": date(Some(w.created)),
        "deletedDateTime": date(w.deleted),
        "id": w.id.to_string(),
        "isEnabled": w.is_enabled,
        "isSchedulingEnabled": w.is_scheduling_enabled,
        "nextScheduleRunDateTime": date(w.next_schedule),
        "version": w.version,
        "executionConditions": execution_conditions(w),
        "quarantineDetails": quarantine_details(w),
        "settings": { "quarantineConfiguration": quarantine_configuration(w) },
    }));
    m.insert("createdBy".into(), author(v, w.created_by, "createdBy"));
    m.insert(
        "lastModifiedBy".into(),
        author(v, w.modified_by, "lastModifiedBy"),
    );
    if let Some(e) = v.query.expands("tasks") {
        let tasks: Vec<Value> = w
            .tasks
            .iter()
            .map(|t| {
                Value::Object(match &e.select {
                    Some(s) => apply(task(t), s),
                    None => task(t),
                })
            })
            .collect();
        m.insert("tasks".into(), Value::Array(tasks));
    }
    m
}

/// `executionConditions`: a trigger and a scope, or on demand only.
fn execution_conditions(w: &Workflow) -> Value {
    match w.conditions {
        Conditions::OnDemandOnly => json!({
            "@odata.type": "#microsoft.graph.identityGovernance.onDemandExecutionOnly",
        }),
        Conditions::Triggered {
            trigger: t,
            scope: s,
        } => json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "scope": scope(s),
            "trigger": trigger(t),
        }),
    }
}

fn scope(s: Scope) -> Value {
    match s {
        Scope::Rule(rule) => json!({
            "@odata.type": "#microsoft.graph.identityGovernance.ruleBasedSubjectSet",
            "rule": rule,
        }),
        Scope::Groups(groups) => {
            let groups: Vec<Value> = groups
                .iter()
                .map(|g| json!({ "id": g.id, "displayName": g.display_name }))
                .collect();
            json!({
                "@odata.type": "#microsoft.graph.identityGovernance.groupBasedSubjectSet",
                "groups": groups,
            })
        }
    }
}

fn trigger(t: Trigger) -> Value {
    match t {
        Trigger::Time { attribute, offset } => json!({
            "@odata.type": "#microsoft.graph.identityGovernance.timeBasedAttributeTrigger",
            "timeBasedAttribute": attribute,
            "offsetInDays": offset,
        }),
        Trigger::AttributeChange(attribute) => json!({
            "@odata.type": "#microsoft.graph.identityGovernance.attributeChangeTrigger",
            "triggerAttributes": [{ "name": attribute }],
        }),
        Trigger::MembershipChange(change) => json!({
            "@odata.type": "#microsoft.graph.identityGovernance.membershipChangeTrigger",
            "changeType": change,
        }),
    }
}

/// `settings.quarantineConfiguration`: null where none is set.
fn quarantine_configuration(w: &Workflow) -> Value {
    let Some(q) = w.quarantine_config else {
        return Value::Null;
    };
    let mut conditions = Vec::new();
    if let Some(threshold) = q.count {
        conditions.push(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.countBasedQuarantineCondition",
            "threshold": threshold,
        }));
    }
    if let Some(percentage) = q.percentage {
        conditions.push(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.percentageBasedQuarantineCondition",
            "percentage": percentage,
        }));
    }
    json!({ "matchMode": q.match_mode, "conditions": conditions })
}

/// `createdBy` / `lastModifiedBy`: `{id}`, or the user with `$expand`.
fn author(v: &View<'_>, at: Option<usize>, name: &str) -> Value {
    let Some(u) = at.and_then(|i| v.ds.users.get(i)) else {
        return Value::Null;
    };
    match v.query.expands(name) {
        None => json!({ "id": u.id.to_string() }),
        Some(e) => {
            let mut m = Map::new();
            m.insert("@odata.type".into(), json!("#microsoft.graph.user"));
            m.extend(user(u, false));
            select(m, e.select.as_ref())
        }
    }
}

/// A built-in task definition of the catalog.
pub fn task_definition(k: &TaskKind) -> Map<String, Value> {
    let parameters: Vec<Value> = k
        .arguments
        .iter()
        .map(|(name, _)| {
            let (values, value_type) = parameter_values(name);
            json!({ "name": name, "values": values, "valueType": value_type })
        })
        .collect();
    obj(json!({
        "category": k.category,
        "continueOnError": false,
        "description": k.description,
        "displayName": k.display_name,
        "id": k.definition_id,
        "parameters": parameters,
        "version": 1,
    }))
}

/// The allowed values and `valueType` of a task parameter, as the service
/// describes its built-in definitions.
fn parameter_values(name: &str) -> (Vec<&'static str>, &'static str) {
    match name {
        "tapIsUsableOnce" => (vec!["true", "false"], "bool"),
        "tapLifetimeMinutes" => (vec![], "int"),
        "locale" => (vec!["en-us", "de-de", "fr-fr", "ja-jp"], "enum"),
        _ => (vec![], "string"),
    }
}

/// `quarantineDetails` is never null: `notQuarantined` when not in force.
fn quarantine_details(w: &Workflow) -> Value {
    match &w.quarantine {
        Some((at, reason)) => json!({
            "quarantinedDateTime": ticks::format(*at),
            "quarantineReason": reason,
            "quarantineType": "countBasedThresholdExceeded",
        }),
        None => json!({
            "quarantinedDateTime": null,
            "quarantineReason": null,
            "quarantineType": "notQuarantined",
        }),
    }
}

/// A directory user; `extended` adds properties only sent when selected.
pub fn user(u: &User, extended: bool) -> Map<String, Value> {
    let mut m = obj(json!({
        "businessPhones": [],
        "displayName": u.display_name,
        "givenName": u.given_name,
        "jobTitle": u.job_title,
        "mail": u.mail,
        "mobilePhone": null,
        "officeLocation": u.office,
        "preferredLanguage": u.preferred_language,
        "surname": u.surname,
        "userPrincipalName": u.upn,
        "id": u.id.to_string(),
    }));
    if extended {
        m.insert("department".into(), json!(u.department));
    }
    m
}

/// Applies `$select` if the query has one.
pub fn select(m: Map<String, Value>, s: Option<&Select>) -> Value {
    Value::Object(match s {
        Some(s) => apply(m, s),
        None => m,
    })
}
