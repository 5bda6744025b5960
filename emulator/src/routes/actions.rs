//! The workflow actions: `activate` (run on demand), `activateWithScope`
//! (reprocess a run with an `activateRunScope`), `cancelProcessing` (a
//! `cancelRunsScope` of one run) and `clearQuarantine`, with Graph's
//! validation and error shapes. Started runs advance in the background
//! (`dataset::live`) at the speed `/_emulator/live` sets.

use std::time::Duration;

use axum::http::Method;
use serde_json::Value;

use super::lifecycle_workflows::key;
use crate::access_token::Claims;
use crate::bearer_auth::{authorize, Perm};
use crate::dataset::live::{self, LivePlan, RunScope};
use crate::dataset::{Dataset, ExecType, Status};
use crate::graph_error::GraphError;
use crate::resource_json::{self, View};
use crate::rng::Guid;
use crate::state::Shared;
use crate::wire::{GraphRequest, Reply};

/// Entra docs ("Run a workflow on-demand"): on-demand runs take up to 10
/// users at a time, and the workflow must be enabled.
pub const MAX_SUBJECTS: usize = 10;

const NS: &str = "microsoft.graph.identityGovernance.";

/// The action segment after `workflows/{id}/`, with or without namespace.
pub fn action_name(seg: &str) -> Option<&'static str> {
    let s = seg.strip_prefix(NS).unwrap_or(seg);
    [
        "activate",
        "activateWithScope",
        "cancelProcessing",
        "clearQuarantine",
    ]
    .into_iter()
    .find(|a| a.eq_ignore_ascii_case(s))
}

/// Routes `POST workflows/{wf}/{action}`.
pub fn handle(
    app: &Shared,
    req: &GraphRequest,
    wf_seg: &str,
    action: &str,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    if req.method != Method::POST {
        return Err(GraphError::method_not_allowed());
    }
    let perm = match action {
        "activate" | "activateWithScope" => Perm::Write,
        _ => Perm::Manage,
    };
    authorize(claims, perm)?;
    let id = key(wf_seg, "workflow")?;
    match action {
        "activate" => activate(app, req, id),
        "activateWithScope" => activate_with_scope(app, req, id),
        "cancelProcessing" => cancel_processing(app, req, id),
        _ => clear_quarantine(app, req, id),
    }
}

fn no_content() -> Reply {
    Reply {
        raw: None,
        status: 204,
        headers: Vec::new(),
        body: None,
    }
}

fn body_object(req: &GraphRequest) -> Result<serde_json::Map<String, Value>, GraphError> {
    serde_json::from_slice::<Value>(&req.body)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .ok_or_else(|| GraphError::bad_request(super::INVALID_JSON))
}

fn workflow_not_found(id: Guid) -> GraphError {
    GraphError::new(
        404,
        "ResourceNotFound",
        format!("The workflow with id '{id}' was not found."),
    )
}

/// The workflow, if it may start a run now: enabled and not quarantined.
fn startable(ds: &Dataset, id: Guid) -> Result<usize, GraphError> {
    let wf = ds.live_workflow(id).ok_or_else(|| workflow_not_found(id))?;
    let w = &ds.workflows[wf];
    if !w.is_enabled {
        return Err(GraphError::bad_request(format!(
            "The workflow '{}' is disabled; enable it before running it on demand.",
            w.display_name
        )));
    }
    if w.quarantine.is_some() {
        return Err(GraphError::bad_request(
            "The workflow is quarantined and can't be run until the quarantine is lifted.",
        ));
    }
    Ok(wf)
}

/// Validates `subjects`: 1 to 10 objects with the id of a user of the
/// tenant, no id twice. Returns the users' indexes.
pub fn subjects(
    ds: &Dataset,
    body: &serde_json::Map<String, Value>,
) -> Result<Vec<u32>, GraphError> {
    let list = match body.get("subjects") {
        Some(Value::Array(a)) if !a.is_empty() => a,
        Some(Value::Array(_)) | None | Some(Value::Null) => {
            return Err(GraphError::bad_request(
                "The 'subjects' parameter is required and must contain at least one user.",
            ))
        }
        Some(_) => return Err(GraphError::bad_request(
            "The 'subjects' parameter must be a collection of users, such as [{\"id\": \"…\"}].",
        )),
    };
    if list.len() > MAX_SUBJECTS {
        return Err(GraphError::bad_request(format!(
            "A workflow can be run on demand for at most {MAX_SUBJECTS} users at a time; the request has {}.",
            list.len()
        )));
    }
    let mut out = Vec::new();
    for s in list {
        let sid = s.get("id").and_then(Value::as_str).ok_or_else(|| {
            GraphError::bad_request("Every subject must be an object with the user's 'id'.")
        })?;
        let idx = Guid::parse(sid)
            .and_then(|g| ds.user_index.get(&g).copied())
            .ok_or_else(|| {
                GraphError::bad_request(format!(
                    "The subject '{sid}' is not a valid user in this tenant."
                ))
            })?;
        if out.contains(&idx) {
            return Err(GraphError::bad_request(format!(
                "The subject '{sid}' is listed more than once."
            )));
        }
        out.push(idx);
    }
    Ok(out)
}

/// Advances a started run in the background until it ends (or is canceled).
fn drive(app: &Shared, plan: LivePlan) {
    let app = app.clone();
    tokio::spawn(async move {
        for i in 1..=live::STEPS {
            tokio::time::sleep(Duration::from_millis(app.live_step_ms())).await;
            let mut ds = app.write();
            live::advance(&mut ds, &plan, i);
            let still = ds
                .run_index
                .get(&plan.run)
                .is_some_and(|&(w, r)| live::is_running(ds.workflows[w].runs[r].status));
            if !still {
                break;
            }
        }
    });
}

/// `POST workflows/{id}/activate` `{"subjects":[{"id":…}]}` -> 204.
fn activate(app: &Shared, req: &GraphRequest, id: Guid) -> Result<Reply, GraphError> {
    let body = body_object(req)?;
    let plan = {
        let mut ds = app.write();
        let wf = startable(&ds, id)?;
        let idx = subjects(&ds, &body)?;
        let mut rng = app.rng.lock().unwrap_or_else(|e| e.into_inner());
        live::start(&mut ds, wf, &idx, ExecType::OnDemand, &mut rng)
    };
    drive(app, plan);
    Ok(no_content())
}

/// A string member of `obj` that must be one of `members`.
fn member(
    obj: &serde_json::Map<String, Value>,
    name: &str,
    members: &[&'static str],
) -> Result<&'static str, GraphError> {
    let v = obj
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| GraphError::bad_request(format!("The scope's '{name}' is required.")))?;
    members.iter().copied().find(|m| *m == v).ok_or_else(|| {
        GraphError::bad_request(format!(
            "'{v}' is not a valid value for '{name}'; expected one of {}.",
            members.join(", ")
        ))
    })
}

/// The `@odata.type` of a scope, without `#` and namespace.
fn scope_type(scope: &serde_json::Map<String, Value>) -> Result<String, GraphError> {
    let t = scope
        .get("@odata.type")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            GraphError::bad_request(
                "The scope's '@odata.type' is required: it names the kind of scope.",
            )
        })?;
    let t = t.trim_start_matches('#');
    Ok(t.strip_prefix(NS).unwrap_or(t).to_string())
}

/// The id of the single run a scope names (`run: {id}` or `runs: [{id}]`).
fn run_ref(v: Option<&Value>) -> Result<Guid, GraphError> {
    let id = v
        .and_then(|r| r.get("id"))
        .and_then(Value::as_str)
        .ok_or_else(|| GraphError::bad_request("The scope must name the run by its 'id'."))?;
    key(id, "run")
}

fn run_not_found(id: Guid) -> GraphError {
    GraphError::new(
        404,
        "ResourceNotFound",
        format!("The run with id '{id}' was not found in this workflow."),
    )
}

/// `POST workflows/{id}/activateWithScope` with an `activateRunScope`:
/// a new run (`activatedWithScope`) for the run's failed or all users.
fn activate_with_scope(app: &Shared, req: &GraphRequest, id: Guid) -> Result<Reply, GraphError> {
    let body = body_object(req)?;
    let scope = body
        .get("scope")
        .and_then(Value::as_object)
        .ok_or_else(|| GraphError::bad_request("The 'scope' parameter is required."))?;
    let kind = scope_type(scope)?;
    match kind.as_str() {
        "activateRunScope" => {}
        "activateProcessingResultScope" | "activateUserScope" | "activateGroupScope" => {
            return Err(GraphError::new(
                501,
                "NotImplemented",
                format!("graph-emulator supports activateRunScope only, not {kind}."),
            ))
        }
        _ => {
            return Err(GraphError::bad_request(format!(
                "'{kind}' is not a kind of activationScope."
            )))
        }
    }
    let user_scope = member(scope, "userScope", &["allUsers", "failedUsers"])?;
    let task_scope = member(scope, "taskScope", &["allTasks", "failedTasks"])?;
    let old = run_ref(scope.get("run"))?;
    let plan = {
        let mut ds = app.write();
        let wf = startable(&ds, id)?;
        let ri = ds.run_of(wf, old).ok_or_else(|| run_not_found(old))?;
        let run = &ds.workflows[wf].runs[ri];
        if live::is_running(run.status) {
            return Err(GraphError::bad_request(
                "The run is still in progress; reprocess it after it ends.",
            ));
        }
        let users: Vec<u32> = run
            .users
            .iter()
            .filter(|u| {
                user_scope == "allUsers"
                    || matches!(u.status, Status::Failed | Status::CompletedWithErrors)
            })
            .map(|u| u.subject)
            .collect();
        if users.is_empty() {
            return Err(GraphError::bad_request(
                "The run has no users in the requested scope: no user failed.",
            ));
        }
        let mut rng = app.rng.lock().unwrap_or_else(|e| e.into_inner());
        let plan = live::start(&mut ds, wf, &users, ExecType::ActivatedWithScope, &mut rng);
        ds.links.activated_on.insert(
            plan.run,
            RunScope {
                run: old,
                user_scope,
                task_scope,
            },
        );
        ds.links.reprocessed.entry(old).or_default().push(plan.run);
        plan
    };
    drive(app, plan);
    Ok(no_content())
}

/// `POST workflows/{id}/cancelProcessing` with a `cancelRunsScope` naming
/// one queued or in-progress run (Graph: "Currently limited to 1 run per
/// request"; "Only runs that are currently in queued or inProgress status
/// can be cancelled").
fn cancel_processing(app: &Shared, req: &GraphRequest, id: Guid) -> Result<Reply, GraphError> {
    let body = body_object(req)?;
    let scope = body
        .get("scope")
        .and_then(Value::as_object)
        .ok_or_else(|| GraphError::bad_request("The 'scope' parameter is required."))?;
    if scope_type(scope)? != "cancelRunsScope" {
        return Err(GraphError::bad_request(
            "The scope must be a #microsoft.graph.identityGovernance.cancelRunsScope.",
        ));
    }
    let runs = scope
        .get("runs")
        .and_then(Value::as_array)
        .ok_or_else(|| GraphError::bad_request("The scope's 'runs' is required."))?;
    if runs.len() != 1 {
        return Err(GraphError::bad_request(
            "Cancel one run per request: 'runs' must hold exactly one run.",
        ));
    }
    let run = run_ref(runs.first())?;
    let mut ds = app.write();
    let wf = ds.live_workflow(id).ok_or_else(|| workflow_not_found(id))?;
    let ri = ds.run_of(wf, run).ok_or_else(|| run_not_found(run))?;
    if !live::is_running(ds.workflows[wf].runs[ri].status) {
        return Err(GraphError::bad_request(
            "Only runs that are queued or in progress can be canceled.",
        ));
    }
    live::cancel(&mut ds, wf, ri);
    Ok(no_content())
}

/// `POST workflows/{id}/clearQuarantine` -> 200 with the workflow.
fn clear_quarantine(app: &Shared, req: &GraphRequest, id: Guid) -> Result<Reply, GraphError> {
    let mut ds = app.write();
    let wf = ds.live_workflow(id).ok_or_else(|| workflow_not_found(id))?;
    if ds.workflows[wf].quarantine.take().is_none() {
        return Err(GraphError::bad_request("The workflow is not quarantined."));
    }
    ds.workflows[wf].last_modified = crate::ticks::now();
    let q = crate::odata::Query::default();
    let v = View {
        ds: &ds,
        unknown: req.include_unknown(),
        query: &q,
    };
    let mut m = serde_json::Map::new();
    m.insert(
        "@odata.context".into(),
        Value::String(format!(
            "{}/{}/$metadata#identityGovernance/lifecycleWorkflows/workflows/$entity",
            req.base,
            if req.path.to_ascii_lowercase().starts_with("/beta") {
                "beta"
            } else {
                "v1.0"
            }
        )),
    );
    m.extend(resource_json::workflow(&v, &ds.workflows[wf]));
    Ok(Reply::ok(Value::Object(m)))
}
