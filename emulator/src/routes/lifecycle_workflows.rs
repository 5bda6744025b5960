//! `/identityGovernance/lifecycleWorkflows/...`: workflows, deleted workflows,
//! runs, user and task processing results, task reports and their summaries.

use axum::http::Method;

use super::collection::{context, entity, list};
use super::summary;
use crate::access_token::Claims;
use crate::bearer_auth::{authorize, Perm};
use crate::dataset::catalog::KINDS;
use crate::dataset::derive::{TaskReport, TaskResultRef};
use crate::dataset::Dataset;
use crate::graph_error::GraphError;
use crate::odata::query::Allow;
use crate::odata::schema::{self, Schema};
use crate::odata::Query;
use crate::resource_json::rows::{
    RunRow, TaskDefinitionRow, TaskReportRow, TaskResultRow, UserResultAt, UserResultRow,
    WorkflowRow,
};
use crate::resource_json::{self, View};
use crate::rng::Guid;
use crate::wire::{GraphRequest, Reply};

const LCW: &str = "identityGovernance/lifecycleWorkflows";

/// Parses a key segment: `id`, `'id'` or `('id')`.
pub fn key(seg: &str, what: &str) -> Result<Guid, GraphError> {
    let k = seg
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim_matches('\'');
    Guid::parse(k).ok_or_else(|| {
        GraphError::bad_request(format!(
            "Invalid {what} identifier '{seg}': it is not a valid GUID."
        ))
    })
}

fn not_found(what: &str, id: Guid) -> GraphError {
    GraphError::new(
        404,
        "ResourceNotFound",
        format!("The {what} with id '{id}' was not found."),
    )
}

fn is(seg: Option<&&str>, name: &str) -> bool {
    seg.is_some_and(|s| s.eq_ignore_ascii_case(name))
}

struct Ctx<'a> {
    req: &'a GraphRequest,
    ver: &'a str,
    ds: &'a Dataset,
    claims: &'a Claims,
}

impl Ctx<'_> {
    fn get(&self, perm: Perm) -> Result<(), GraphError> {
        if self.req.method != Method::GET {
            return Err(GraphError::method_not_allowed());
        }
        authorize(self.claims, perm)
    }

    fn query(&self, schema: &Schema, allow: Allow) -> Result<Query, GraphError> {
        Query::parse(&self.req.query, schema, allow).map_err(GraphError::bad_request)
    }

    fn ctx(&self, path: &str, q: &Query, entity: bool) -> String {
        context(self.req, self.ver, path, q.select.as_ref(), entity)
    }
}

pub fn handle(
    req: &GraphRequest,
    ver: &str,
    s: &[&str],
    ds: &Dataset,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    let c = Ctx {
        req,
        ver,
        ds,
        claims,
    };
    match s.first() {
        Some(x) if x.eq_ignore_ascii_case("workflows") => workflows(&c, &s[1..], false),
        Some(x) if x.eq_ignore_ascii_case("taskDefinitions") => task_definitions(&c, &s[1..]),
        Some(x) if x.eq_ignore_ascii_case("deletedItems") => {
            if is(s.get(1), "workflows") {
                workflows(&c, &s[2..], true)
            } else {
                Err(GraphError::segment(
                    s.get(1).copied().unwrap_or("deletedItems"),
                ))
            }
        }
        Some(x) => Err(GraphError::segment(x)),
        None => Err(GraphError::segment("lifecycleWorkflows")),
    }
}

fn workflows(c: &Ctx<'_>, s: &[&str], deleted: bool) -> Result<Reply, GraphError> {
    let base = if deleted {
        format!("{LCW}/deletedItems/workflows")
    } else {
        format!("{LCW}/workflows")
    };
    let ds = c.ds;
    if s.is_empty() {
        c.get(Perm::Workflows)?;
        let q = c.query(&schema::WORKFLOW, Allow::SEARCHABLE)?;
        let needle = q.search.as_ref().map(|x| {
            x.split_once(':')
                .map(|(_, v)| v)
                .unwrap_or(x)
                .to_lowercase()
        });
        let rows = ds
            .workflows
            .iter()
            .filter(|w| w.deleted.is_some() == deleted)
            .filter(|w| {
                needle.as_ref().is_none_or(|n| {
                    w.display_name.to_lowercase().contains(n)
                        || w.description.to_lowercase().contains(n)
                })
            })
            .map(WorkflowRow);
        let v = View {
            ds,
            unknown: c.req.include_unknown(),
            query: &q,
        };
        return list(
            c.req,
            &q,
            rows,
            c.ctx(&base, &q, false),
            |r| resource_json::workflow(&v, r.0),
            None,
        );
    }
    let id = key(s[0], "workflow")?;
    let wf = if deleted {
        ds.deleted_workflow(id)
    } else {
        ds.live_workflow(id)
    }
    .ok_or_else(|| not_found("workflow", id))?;
    let wpath = format!("{base}('{id}')");
    let rest = &s[1..];
    if rest.is_empty() {
        c.get(Perm::Workflows)?;
        let q = c.query(&schema::WORKFLOW, Allow::ENTITY)?;
        let v = View {
            ds,
            unknown: c.req.include_unknown(),
            query: &q,
        };
        return Ok(entity(
            c.ctx(&base, &q, true),
            resource_json::workflow(&v, &ds.workflows[wf]),
            &q,
        ));
    }
    match rest[0].to_ascii_lowercase().as_str() {
        "runs" => runs(c, wf, &wpath, &rest[1..]),
        "userprocessingresults" => user_results(c, wf, None, &wpath, &rest[1..]),
        "taskreports" => task_reports(c, wf, &wpath, &rest[1..]),
        "tasks" => tasks(c, wf, &wpath, &rest[1..]),
        _ => Err(GraphError::segment(rest[0])),
    }
}

/// `taskDefinitions[/{id}]`: the built-in task definitions of the catalog.
fn task_definitions(c: &Ctx<'_>, s: &[&str]) -> Result<Reply, GraphError> {
    c.get(Perm::Definitions)?;
    let base = format!("{LCW}/taskDefinitions");
    match s {
        [] => {
            let q = c.query(&schema::TASK_DEFINITION, Allow::LIST)?;
            list(
                c.req,
                &q,
                KINDS.iter().map(TaskDefinitionRow),
                c.ctx(&base, &q, false),
                |r| resource_json::task_definition(r.0),
                None,
            )
        }
        [id] => {
            let q = c.query(&schema::TASK_DEFINITION, Allow::ENTITY)?;
            let id = key(id, "task definition")?;
            let k = KINDS
                .iter()
                .find(|k| Guid::parse(k.definition_id) == Some(id))
                .ok_or_else(|| not_found("task definition", id))?;
            Ok(entity(
                c.ctx(&base, &q, true),
                resource_json::task_definition(k),
                &q,
            ))
        }
        _ => Err(GraphError::segment(s[1])),
    }
}

fn tasks(c: &Ctx<'_>, wf: usize, wpath: &str, s: &[&str]) -> Result<Reply, GraphError> {
    c.get(Perm::Workflows)?;
    let w = &c.ds.workflows[wf];
    c.query(&schema::WORKFLOW, Allow::ENTITY)?;
    let path = format!("{wpath}/tasks");
    match s {
        [] => {
            let values: Vec<serde_json::Value> = w
                .tasks
                .iter()
                .map(|t| serde_json::Value::Object(resource_json::task(t)))
                .collect();
            Ok(Reply::ok(
                serde_json::json!({ "@odata.context": context(c.req, c.ver, &path, None, false), "value": values }),
            ))
        }
        [id] => {
            let id = key(id, "task")?;
            let t = w
                .tasks
                .iter()
                .find(|t| t.id == id)
                .ok_or_else(|| not_found("task", id))?;
            Ok(entity(
                context(c.req, c.ver, &path, None, true),
                resource_json::task(t),
                &Query::default(),
            ))
        }
        _ => Err(GraphError::segment(s[1])),
    }
}

fn runs(c: &Ctx<'_>, wf: usize, wpath: &str, s: &[&str]) -> Result<Reply, GraphError> {
    let ds = c.ds;
    let w = &ds.workflows[wf];
    let path = format!("{wpath}/runs");
    if s.is_empty() {
        c.get(Perm::Reports)?;
        let q = c.query(&schema::RUN, Allow::LIST)?;
        let v = View {
            ds,
            unknown: c.req.include_unknown(),
            query: &q,
        };
        let rows = w.runs.iter().map(RunRow);
        return list(
            c.req,
            &q,
            rows,
            c.ctx(&path, &q, false),
            |r| resource_json::run(&v, r.0),
            Some(&|r: &RunRow<'_>, out: &mut String| resource_json::direct::run(&v, r.0, out)),
        );
    }
    if let Some(range) = summary::params(s[0]) {
        c.get(Perm::Reports)?;
        if s.len() > 1 {
            return Err(GraphError::segment(s[1]));
        }
        return Ok(summary::runs(c.req, c.ver, w, range?));
    }
    let id = key(s[0], "run")?;
    let ri = ds.run_of(wf, id).ok_or_else(|| not_found("run", id))?;
    let rpath = format!("{path}('{id}')");
    match s.get(1).map(|x| x.to_ascii_lowercase()) {
        None => {
            c.get(Perm::Reports)?;
            let q = c.query(&schema::RUN, Allow::ENTITY)?;
            let v = View {
                ds,
                unknown: c.req.include_unknown(),
                query: &q,
            };
            Ok(entity(
                c.ctx(&path, &q, true),
                resource_json::run(&v, &w.runs[ri]),
                &q,
            ))
        }
        Some(x) if x == "userprocessingresults" => user_results(c, wf, Some(ri), &rpath, &s[2..]),
        Some(x) if x == "reprocessedruns" && s.len() == 2 => {
            // The runs `activateWithScope` started on this run (navigation).
            c.get(Perm::Reports)?;
            let q = c.query(&schema::RUN, Allow::LIST)?;
            let v = View {
                ds,
                unknown: c.req.include_unknown(),
                query: &q,
            };
            let ids = ds.links.reprocessed.get(&id).cloned().unwrap_or_default();
            let rows = ids
                .into_iter()
                .filter_map(|r| ds.run_of(wf, r))
                .map(|r| RunRow(&w.runs[r]));
            list(
                c.req,
                &q,
                rows,
                c.ctx(&format!("{rpath}/reprocessedRuns"), &q, false),
                |r| resource_json::run(&v, r.0),
                None,
            )
        }
        Some(x) if x == "taskprocessingresults" && s.len() == 2 => {
            let refs = (0..w.runs[ri].users.len())
                .flat_map(|u| {
                    (0..w.tasks.len()).map(move |t| TaskResultRef {
                        wf,
                        run: ri,
                        user: u,
                        task: t,
                    })
                })
                .collect();
            task_results(c, refs, &format!("{rpath}/taskProcessingResults"))
        }
        Some(_) => Err(GraphError::segment(s[1])),
    }
}

fn user_results(
    c: &Ctx<'_>,
    wf: usize,
    run: Option<usize>,
    parent: &str,
    s: &[&str],
) -> Result<Reply, GraphError> {
    let ds = c.ds;
    let w = &ds.workflows[wf];
    let path = format!("{parent}/userProcessingResults");
    if s.is_empty() {
        c.get(Perm::Reports)?;
        let q = c.query(&schema::USER_RESULT, Allow::LIST)?;
        let v = View {
            ds,
            unknown: c.req.include_unknown(),
            query: &q,
        };
        let runs = match run {
            Some(ri) => ri..ri + 1,
            None => 0..w.runs.len(),
        };
        let rows = runs.flat_map(|ri| {
            w.runs[ri]
                .users
                .iter()
                .enumerate()
                .map(move |(user, u)| UserResultRow {
                    ds,
                    u,
                    at: UserResultAt { wf, run: ri, user },
                })
        });
        return list(
            c.req,
            &q,
            rows,
            c.ctx(&path, &q, false),
            |r| resource_json::user_result(&v, r.u, Some(r.at)),
            Some(&|r: &UserResultRow<'_>, out: &mut String| {
                resource_json::direct::user_result(&v, r.u, out)
            }),
        );
    }
    if let Some(range) = summary::params(s[0]) {
        c.get(Perm::Reports)?;
        if run.is_some() {
            return Err(GraphError::segment(s[0]));
        }
        if s.len() > 1 {
            return Err(GraphError::segment(s[1]));
        }
        return Ok(summary::users(c.req, c.ver, w, range?));
    }
    let id = key(s[0], "userProcessingResult")?;
    let loc = ds
        .upr_of(wf, run, id)
        .ok_or_else(|| not_found("userProcessingResult", id))?;
    match s.get(1) {
        None => {
            c.get(Perm::Reports)?;
            let q = c.query(&schema::USER_RESULT, Allow::ENTITY)?;
            let v = View {
                ds,
                unknown: c.req.include_unknown(),
                query: &q,
            };
            let u = &w.runs[loc.run].users[loc.user];
            Ok(entity(
                c.ctx(&path, &q, true),
                resource_json::user_result(
                    &v,
                    u,
                    Some(UserResultAt {
                        wf,
                        run: loc.run,
                        user: loc.user,
                    }),
                ),
                &q,
            ))
        }
        Some(x) if x.eq_ignore_ascii_case("taskProcessingResults") && s.len() == 2 => {
            let refs = (0..w.tasks.len())
                .map(|t| TaskResultRef {
                    wf,
                    run: loc.run,
                    user: loc.user,
                    task: t,
                })
                .collect();
            task_results(c, refs, &format!("{path}('{id}')/taskProcessingResults"))
        }
        Some(x) => Err(GraphError::segment(x)),
    }
}

fn task_results(c: &Ctx<'_>, refs: Vec<TaskResultRef>, path: &str) -> Result<Reply, GraphError> {
    c.get(Perm::Reports)?;
    let ds = c.ds;
    let q = c.query(&schema::TASK_RESULT, Allow::LIST)?;
    let v = View {
        ds,
        unknown: c.req.include_unknown(),
        query: &q,
    };
    let rows = refs.into_iter().map(|r| TaskResultRow { ds, r });
    list(
        c.req,
        &q,
        rows,
        c.ctx(path, &q, false),
        |r| resource_json::task_result(&v, &r.r),
        None,
    )
}

fn task_reports(c: &Ctx<'_>, wf: usize, wpath: &str, s: &[&str]) -> Result<Reply, GraphError> {
    let ds = c.ds;
    let w = &ds.workflows[wf];
    let path = format!("{wpath}/taskReports");
    if s.is_empty() {
        c.get(Perm::Reports)?;
        let q = c.query(&schema::TASK_REPORT, Allow::LIST)?;
        let v = View {
            ds,
            unknown: c.req.include_unknown(),
            query: &q,
        };
        let rows = TaskReport::all(ds, wf)
            .into_iter()
            .map(|r| TaskReportRow { ds, r });
        return list(
            c.req,
            &q,
            rows,
            c.ctx(&path, &q, false),
            |r| resource_json::task_report(&v, &r.r),
            None,
        );
    }
    if let Some(range) = summary::params(s[0]) {
        c.get(Perm::Reports)?;
        if s.len() > 1 {
            return Err(GraphError::segment(s[1]));
        }
        return Ok(summary::tasks(c.req, c.ver, ds, wf, range?));
    }
    let id = key(s[0], "taskReport")?;
    let rep = TaskReport::find(ds, wf, id).ok_or_else(|| not_found("taskReport", id))?;
    match s.get(1) {
        None => {
            c.get(Perm::Reports)?;
            let q = c.query(&schema::TASK_REPORT, Allow::ENTITY)?;
            let v = View {
                ds,
                unknown: c.req.include_unknown(),
                query: &q,
            };
            Ok(entity(
                c.ctx(&path, &q, true),
                resource_json::task_report(&v, &rep),
                &q,
            ))
        }
        Some(x) if x.eq_ignore_ascii_case("taskProcessingResults") && s.len() == 2 => {
            let refs = (0..w.runs[rep.run].users.len())
                .map(|u| TaskResultRef {
                    wf,
                    run: rep.run,
                    user: u,
                    task: rep.task,
                })
                .collect();
            task_results(c, refs, &format!("{path}('{id}')/taskProcessingResults"))
        }
        Some(x) => Err(GraphError::segment(x)),
    }
}
