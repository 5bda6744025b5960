//! `/identityGovernance/lifecycleWorkflows/insights/...`: the tenant-wide
//! functions `workflowsProcessedSummary`, `workflowsProcessedByCategory`,
//! `topWorkflowsProcessedSummary` and `topTasksProcessedSummary`, each with
//! `(startDateTime=…,endDateTime=…)`. Figures are sums over the runs of the
//! live workflows whose start (or schedule) falls in the range, so they equal
//! what listing every workflow's runs and task reports gives. They need
//! `LifecycleWorkflows.Read.All` (or `.ReadWrite.All`): a token with only the
//! reports or workflow permissions gets 403, as a Global Reader may.

use std::collections::BTreeMap;

use axum::http::Method;
use serde_json::{json, Map, Value};

use super::collection::context;
use crate::access_token::Claims;
use crate::dataset::{Category, Dataset, Run, Status, Workflow};
use crate::graph_error::GraphError;
use crate::odata::eval::eval;
use crate::odata::query::Allow;
use crate::odata::schema::{Kind, Ops, Prop, Schema};
use crate::odata::{Query, Row, Val};
use crate::ticks::{self, Ticks};
use crate::wire::{GraphRequest, Reply};

/// The scopes that open the insights functions.
const ACCEPTED: &[&str] = &[
    "LifecycleWorkflows.Read.All",
    "LifecycleWorkflows.ReadWrite.All",
];

const NS: &str = "microsoft.graph.identityGovernance";

/// The four functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Function {
    Summary,
    ByCategory,
    TopWorkflows,
    TopTasks,
}

impl Function {
    const ALL: [Function; 4] = [
        Function::Summary,
        Function::ByCategory,
        Function::TopWorkflows,
        Function::TopTasks,
    ];

    fn name(self) -> &'static str {
        match self {
            Function::Summary => "workflowsProcessedSummary",
            Function::ByCategory => "workflowsProcessedByCategory",
            Function::TopWorkflows => "topWorkflowsProcessedSummary",
            Function::TopTasks => "topTasksProcessedSummary",
        }
    }

    /// The function a segment calls and its argument text (`(…)`).
    fn of(seg: &str) -> Option<(Function, &str)> {
        let lower = seg.to_ascii_lowercase();
        let unqualified = lower
            .strip_prefix(&format!("{}.", NS.to_ascii_lowercase()))
            .unwrap_or(&lower);
        Function::ALL.into_iter().find_map(|f| {
            let rest = unqualified.strip_prefix(&f.name().to_ascii_lowercase())?;
            rest.starts_with('(')
                .then(|| (f, &seg[seg.len() - rest.len()..]))
        })
    }
}

/// Handles the path after `insights`.
pub fn handle(
    req: &GraphRequest,
    ver: &str,
    s: &[&str],
    ds: &Dataset,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    let Some(first) = s.first() else {
        return Err(GraphError::segment("insights"));
    };
    let (f, args) = Function::of(first).ok_or_else(|| GraphError::segment(first))?;
    if s.len() > 1 {
        return Err(GraphError::segment(s[1]));
    }
    if req.method != Method::GET {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims)?;
    let range = parse_args(args, f.name())?;
    let ctx = |ty: &str| context(req, ver, &format!("{NS}.{ty}"), None, false);
    match f {
        Function::Summary => {
            let mut body = summary(ds, range);
            body.insert(
                "@odata.context".into(),
                ctx("workflowsInsightsSummary").into(),
            );
            Ok(Reply::ok(ordered(body)))
        }
        Function::ByCategory => {
            let mut body = by_category(ds, range);
            body.insert(
                "@odata.context".into(),
                ctx("workflowsInsightsByCategory").into(),
            );
            Ok(Reply::ok(ordered(body)))
        }
        Function::TopWorkflows => {
            let rows = top_workflows(ds, range);
            collection(req, &TOP_WORKFLOW, rows, ctx("topWorkflowsInsightsSummary"))
        }
        Function::TopTasks => {
            let rows = top_tasks(ds, range);
            collection(req, &TOP_TASK, rows, ctx("topTasksInsightsSummary"))
        }
    }
}

fn authorize(claims: &Claims) -> Result<(), GraphError> {
    let ok = claims
        .scopes
        .iter()
        .any(|s| ACCEPTED.iter().any(|a| a.eq_ignore_ascii_case(s)));
    if ok {
        Ok(())
    } else {
        Err(GraphError::forbidden())
    }
}

/// `(startDateTime=…,endDateTime=…)`: both required, nothing else allowed.
fn parse_args(inner: &str, function: &str) -> Result<(Ticks, Ticks), GraphError> {
    let syntax =
        || GraphError::bad_request(format!("Bad Request - Error in query syntax: '{inner}'."));
    let body = inner
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .ok_or_else(syntax)?;
    let (mut start, mut end) = (None, None);
    for pair in body.split(',').filter(|p| !p.trim().is_empty()) {
        let (k, v) = pair.split_once('=').ok_or_else(syntax)?;
        let v = v.trim().trim_matches('\'');
        let t = ticks::parse(v).ok_or_else(|| {
            GraphError::bad_request(format!("The DateTimeOffset text '{v}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range."))
        })?;
        let slot = match k.trim().to_ascii_lowercase().as_str() {
            "startdatetime" => &mut start,
            "enddatetime" => &mut end,
            other => {
                return Err(GraphError::bad_request(format!(
                    "The parameter '{other}' is not defined for the function '{function}'."
                )))
            }
        };
        if slot.replace(t).is_some() {
            return Err(GraphError::bad_request(format!(
                "The parameter '{}' is specified more than once.",
                k.trim()
            )));
        }
    }
    match (start, end) {
        (Some(s), Some(e)) => Ok((s, e)),
        _ => Err(GraphError::bad_request(format!(
            "The function '{function}' requires the parameters 'startDateTime' and 'endDateTime'."
        ))),
    }
}

/// A run counts when its start (or, not started, its schedule) is in range.
pub fn in_range(r: &Run, (s, e): (Ticks, Ticks)) -> bool {
    r.started.or(r.scheduled).is_some_and(|t| t >= s && t <= e)
}

fn live(ds: &Dataset) -> impl Iterator<Item = &Workflow> {
    ds.workflows.iter().filter(|w| w.deleted.is_none())
}

fn run_ok(r: &Run) -> bool {
    r.status == Status::Completed
}

fn run_failed(r: &Run) -> bool {
    matches!(r.status, Status::Failed | Status::CompletedWithErrors)
}

/// Run, user and task totals of a set of runs.
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
struct Totals {
    runs: i64,
    ok_runs: i64,
    failed_runs: i64,
    users: i64,
    ok_users: i64,
    failed_users: i64,
    tasks: i64,
    ok_tasks: i64,
    failed_tasks: i64,
}

impl Totals {
    fn add(&mut self, r: &Run) {
        let c = &r.counts;
        self.runs += 1;
        self.ok_runs += run_ok(r) as i64;
        self.failed_runs += run_failed(r) as i64;
        self.users += c.total_users;
        self.ok_users += c.successful_users;
        self.failed_users += c.failed_users;
        self.tasks += c.total_tasks;
        self.ok_tasks += c.total_tasks - c.failed_tasks - c.unprocessed_tasks;
        self.failed_tasks += c.failed_tasks;
    }

    fn of<'a>(runs: impl Iterator<Item = &'a Run>) -> Totals {
        let mut t = Totals::default();
        runs.for_each(|r| t.add(r));
        t
    }
}

fn summary(ds: &Dataset, range: (Ticks, Ticks)) -> Map<String, Value> {
    let t = Totals::of(
        live(ds)
            .flat_map(|w| w.runs.iter())
            .filter(|r| in_range(r, range)),
    );
    obj(json!({
        "failedRuns": t.failed_runs,
        "failedTasks": t.failed_tasks,
        "failedUsers": t.failed_users,
        "successfulRuns": t.ok_runs,
        "successfulTasks": t.ok_tasks,
        "successfulUsers": t.ok_users,
        "totalRuns": t.runs,
        "totalTasks": t.tasks,
        "totalUsers": t.users,
    }))
}

fn by_category(ds: &Dataset, range: (Ticks, Ticks)) -> Map<String, Value> {
    let of = |cat: Category| {
        Totals::of(
            live(ds)
                .filter(|w| w.category == cat)
                .flat_map(|w| w.runs.iter())
                .filter(|r| in_range(r, range)),
        )
    };
    let (j, m, l) = (
        of(Category::Joiner),
        of(Category::Mover),
        of(Category::Leaver),
    );
    obj(json!({
        "failedJoinerRuns": j.failed_runs,
        "failedLeaverRuns": l.failed_runs,
        "failedMoverRuns": m.failed_runs,
        "successfulJoinerRuns": j.ok_runs,
        "successfulLeaverRuns": l.ok_runs,
        "successfulMoverRuns": m.ok_runs,
        "totalJoinerRuns": j.runs,
        "totalLeaverRuns": l.runs,
        "totalMoverRuns": m.runs,
    }))
}

/// One row of a top list: its properties by name.
struct TopRow(Map<String, Value>);

impl Row for TopRow {
    fn field(&self, path: &str) -> Val<'_> {
        match self.0.get(path) {
            Some(Value::String(s)) => Val::Str(s.as_str().into()),
            Some(Value::Number(n)) => n.as_i64().map(Val::Int).unwrap_or(Val::Null),
            _ => Val::Null,
        }
    }
}

const fn prop(name: &'static str, kind: Kind, filter: Ops) -> Prop {
    Prop {
        name,
        kind,
        filter,
        order: false,
    }
}

const CATEGORY: Kind = Kind::Enum(
    "microsoft.graph.identityGovernance.lifecycleWorkflowCategory",
    crate::dataset::model::CATEGORY_NAMES,
);

static TOP_WORKFLOW: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.topWorkflowsInsightsSummary",
    props: &[
        prop("failedRuns", Kind::Int, Ops::All),
        prop("failedUsers", Kind::Int, Ops::All),
        prop("successfulRuns", Kind::Int, Ops::All),
        prop("successfulUsers", Kind::Int, Ops::All),
        prop("totalRuns", Kind::Int, Ops::All),
        prop("totalUsers", Kind::Int, Ops::All),
        prop("workflowCategory", CATEGORY, Ops::EqNe),
        prop("workflowDisplayName", Kind::Str, Ops::All),
        prop("workflowId", Kind::Str, Ops::EqNe),
        prop("workflowVersion", Kind::Int, Ops::All),
    ],
    expands: &[],
};

static TOP_TASK: Schema = Schema {
    type_name: "microsoft.graph.identityGovernance.topTasksInsightsSummary",
    props: &[
        prop("failedTasks", Kind::Int, Ops::All),
        prop("failedUsers", Kind::Int, Ops::All),
        prop("successfulTasks", Kind::Int, Ops::All),
        prop("successfulUsers", Kind::Int, Ops::All),
        prop("taskDefinitionDisplayName", Kind::Str, Ops::All),
        prop("taskDefinitionId", Kind::Str, Ops::EqNe),
        prop("totalTasks", Kind::Int, Ops::All),
        prop("totalUsers", Kind::Int, Ops::All),
    ],
    expands: &[],
};

/// Every live workflow with a run in range, most failed runs first.
fn top_workflows(ds: &Dataset, range: (Ticks, Ticks)) -> Vec<TopRow> {
    let mut rows: Vec<(Totals, &Workflow)> = live(ds)
        .map(|w| (Totals::of(w.runs.iter().filter(|r| in_range(r, range))), w))
        .filter(|(t, _)| t.runs > 0)
        .collect();
    rows.sort_by(|(a, wa), (b, wb)| {
        b.failed_runs
            .cmp(&a.failed_runs)
            .then(b.failed_users.cmp(&a.failed_users))
            .then_with(|| wa.display_name.cmp(&wb.display_name))
    });
    rows.into_iter()
        .map(|(t, w)| {
            TopRow(obj(json!({
                "failedRuns": t.failed_runs,
                "failedUsers": t.failed_users,
                "successfulRuns": t.ok_runs,
                "successfulUsers": t.ok_users,
                "totalRuns": t.runs,
                "totalUsers": t.users,
                "workflowCategory": w.category.name(),
                "workflowDisplayName": w.display_name,
                "workflowId": w.id.to_string(),
                "workflowVersion": w.version,
            })))
        })
        .collect()
}

/// Per task definition: one task (and one user) per user result that ran it.
#[derive(Default)]
struct TaskTotals {
    name: &'static str,
    total: i64,
    ok: i64,
    failed: i64,
}

/// Every task definition run in range, most failures first. A task counts
/// as Graph's task reports count it: completed, failed or neither.
fn top_tasks(ds: &Dataset, range: (Ticks, Ticks)) -> Vec<TopRow> {
    let mut by_def: BTreeMap<&'static str, TaskTotals> = BTreeMap::new();
    for w in live(ds) {
        for r in w.runs.iter().filter(|r| in_range(r, range)) {
            for (ti, task) in w.tasks.iter().enumerate() {
                let t = by_def.entry(task.task_definition_id).or_default();
                t.name = crate::dataset::catalog::KINDS[task.kind].display_name;
                for u in &r.users {
                    t.total += 1;
                    match u.task_status(ti) {
                        Status::Completed => t.ok += 1,
                        Status::Failed => t.failed += 1,
                        _ => {}
                    }
                }
            }
        }
    }
    let mut rows: Vec<(&str, TaskTotals)> =
        by_def.into_iter().filter(|(_, t)| t.total > 0).collect();
    rows.sort_by(|(_, a), (_, b)| b.failed.cmp(&a.failed).then(a.name.cmp(b.name)));
    rows.into_iter()
        .map(|(id, t)| {
            TopRow(obj(json!({
                "failedTasks": t.failed,
                "failedUsers": t.failed,
                "successfulTasks": t.ok,
                "successfulUsers": t.ok,
                "taskDefinitionDisplayName": t.name,
                "taskDefinitionId": id,
                "totalTasks": t.total,
                "totalUsers": t.total,
            })))
        })
        .collect()
}

/// A top list with `$filter`, `$skip`, `$top` and `$count`.
fn collection(
    req: &GraphRequest,
    schema: &Schema,
    rows: Vec<TopRow>,
    context: String,
) -> Result<Reply, GraphError> {
    let mut skip = 0usize;
    let mut pairs = Vec::new();
    for (k, v) in &req.query {
        if k.trim_start_matches('$').eq_ignore_ascii_case("skip") {
            skip = v.trim().parse().map_err(|_| {
                GraphError::bad_request(format!("Invalid value '{v}' for $skip query option found. The $skip query option requires a non-negative integer value."))
            })?;
        } else {
            pairs.push((k.clone(), v.clone()));
        }
    }
    let allow = Allow {
        filter: true,
        orderby: false,
        expand: false,
        search: false,
        paging: true,
    };
    let q = Query::parse(&pairs, schema, allow).map_err(GraphError::bad_request)?;
    let kept: Vec<TopRow> = match &q.filter {
        Some(f) => rows.into_iter().filter(|r| eval(f, r)).collect(),
        None => rows,
    };
    let total = kept.len();
    let page: Vec<Value> = kept
        .into_iter()
        .skip(skip)
        .take(q.top.unwrap_or(usize::MAX))
        .map(|r| crate::resource_json::select(r.0, q.select.as_ref()))
        .collect();
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context));
    if q.count {
        body.insert("@odata.count".into(), Value::from(total));
    }
    body.insert("value".into(), Value::Array(page));
    Ok(Reply::ok(Value::Object(body)))
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// `@odata.context` first, then the properties.
fn ordered(mut m: Map<String, Value>) -> Value {
    let mut body = Map::new();
    if let Some(c) = m.remove("@odata.context") {
        body.insert("@odata.context".into(), c);
    }
    body.extend(m);
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_names_are_found_case_blind_and_qualified() {
        let (f, args) =
            Function::of("WorkflowsProcessedSummary(startDateTime=a,endDateTime=b)").unwrap();
        assert_eq!(f, Function::Summary);
        assert_eq!(args, "(startDateTime=a,endDateTime=b)");
        let (f, _) =
            Function::of("microsoft.graph.identityGovernance.topTasksProcessedSummary(x)").unwrap();
        assert_eq!(f, Function::TopTasks);
        assert!(Function::of("workflowsProcessedSummary").is_none());
        assert!(Function::of("summary(startDateTime=a)").is_none());
    }

    #[test]
    fn both_parameters_are_required_and_nothing_else_is_allowed() {
        let ok = parse_args(
            "(startDateTime=2026-01-01T00:00:00Z,endDateTime=2026-01-02T00:00:00Z)",
            "f",
        )
        .unwrap();
        assert!(ok.0 < ok.1);
        for bad in [
            "(startDateTime=2026-01-01T00:00:00Z)",
            "(startDateTime=2026-01-01T00:00:00Z,endDateTime=nope)",
            "(startDateTime=2026-01-01T00:00:00Z,endDateTime=2026-01-02T00:00:00Z,top=3)",
            "(startDateTime=2026-01-01T00:00:00Z,startDateTime=2026-01-01T00:00:00Z)",
            "startDateTime=2026-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_args(bad, "f").unwrap_err().status, 400, "{bad}");
        }
    }
}
