//! The write operations: `POST /workflowBase/runs` (the Create run seed) and
//! `POST /workflows/{id}/activate`, which starts a live on-demand run.

use std::time::Duration;

use axum::http::Method;
use serde_json::{json, Map, Value};

use super::collection::context;
use super::lcw::key;
use crate::auth::{authorize, Perm};
use crate::dataset::live;
use crate::errors::GraphError;
use crate::state::Shared;
use crate::ticks;
use crate::token::Claims;
use crate::wire::{GraphRequest, Reply};

/// The properties the Create run page marks Required, in its order.
pub const REQUIRED: &[&str] = &[
    "failedTasksCount",
    "failedUsersCount",
    "processingStatus",
    "scheduledDateTime",
    "successfulUsersCount",
    "totalUsersCount",
    "totalUnprocessedTasksCount",
    "workflowExecutionType",
];

fn int(v: Option<&Value>) -> Value {
    match v {
        Some(Value::Number(n)) => Value::Number(n.clone()),
        Some(Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or(Value::from(0)),
        _ => Value::from(0),
    }
}

fn date(v: Option<&Value>, fallback: Option<ticks::Ticks>) -> Value {
    match v {
        Some(Value::String(s)) => {
            Value::String(ticks::format(ticks::parse(s).unwrap_or_else(ticks::now)))
        }
        Some(Value::Null) | None => fallback
            .map(|t| Value::String(ticks::format(t)))
            .unwrap_or(Value::Null),
        Some(_) => Value::String(ticks::format(ticks::now())),
    }
}

fn member(v: Option<&Value>, members: &[&str]) -> Value {
    let s = v.and_then(Value::as_str).unwrap_or("");
    Value::String(
        members
            .iter()
            .find(|m| **m == s)
            .copied()
            .unwrap_or("unknownFutureValue")
            .to_string(),
    )
}

pub fn create_run(
    app: &Shared,
    req: &GraphRequest,
    ver: &str,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    if req.method != Method::POST {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims, Perm::Write)?;
    let body: Value = serde_json::from_slice(&req.body)
        .map_err(|_| GraphError::bad_request(super::INVALID_JSON))?;
    let obj = body
        .as_object()
        .ok_or_else(|| GraphError::bad_request(super::INVALID_JSON))?;
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|k| obj.get(*k).is_none_or(Value::is_null))
        .collect();
    if !missing.is_empty() {
        return Err(GraphError::bad_request(format!(
            "The request body is missing required properties: {}.",
            missing.join(", ")
        )));
    }
    let id = app.rng.lock().unwrap_or_else(|e| e.into_inner()).guid();
    let now = ticks::now();
    let mut m = Map::new();
    m.insert(
        "@odata.context".into(),
        json!(context(req, ver, "workflowBase/runs", None, true)),
    );
    m.insert(
        "@odata.type".into(),
        json!("#microsoft.graph.identityGovernance.run"),
    );
    m.insert("id".into(), json!(id.to_string()));
    m.insert(
        "completedDateTime".into(),
        date(obj.get("completedDateTime"), None),
    );
    m.insert("failedTasksCount".into(), int(obj.get("failedTasksCount")));
    m.insert("failedUsersCount".into(), int(obj.get("failedUsersCount")));
    m.insert(
        "lastUpdatedDateTime".into(),
        date(obj.get("lastUpdatedDateTime"), Some(now)),
    );
    m.insert(
        "processingStatus".into(),
        member(
            obj.get("processingStatus"),
            crate::dataset::model::STATUS_NAMES,
        ),
    );
    m.insert(
        "startedDateTime".into(),
        date(obj.get("startedDateTime"), None),
    );
    m.insert(
        "scheduledDateTime".into(),
        date(obj.get("scheduledDateTime"), Some(now)),
    );
    m.insert(
        "successfulUsersCount".into(),
        int(obj.get("successfulUsersCount")),
    );
    m.insert("totalUsersCount".into(), int(obj.get("totalUsersCount")));
    m.insert(
        "totalUnprocessedTasksCount".into(),
        int(obj.get("totalUnprocessedTasksCount")),
    );
    m.insert(
        "workflowExecutionType".into(),
        member(
            obj.get("workflowExecutionType"),
            crate::dataset::model::EXEC_NAMES,
        ),
    );
    let location = format!("{}/{ver}/workflowBase/runs/{id}", req.base);
    Ok(Reply {
        raw: None,
        status: 201,
        headers: vec![("Location".into(), location)],
        body: Some(Value::Object(m)),
    })
}

pub fn activate(
    app: &Shared,
    req: &GraphRequest,
    wf_seg: &str,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    if req.method != Method::POST {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims, Perm::Write)?;
    let id = key(wf_seg, "workflow")?;
    let body: Value = serde_json::from_slice(&req.body)
        .map_err(|_| GraphError::bad_request(super::INVALID_JSON))?;
    let subjects = body
        .get("subjects")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            GraphError::bad_request(
                "The 'subjects' parameter is required and must contain at least one user.",
            )
        })?;
    if subjects.len() > 100 {
        return Err(GraphError::bad_request(
            "A workflow can be run on demand for at most 100 users at a time.",
        ));
    }
    let plan = {
        let mut ds = app.write();
        let wf = ds.live_workflow(id).ok_or_else(|| {
            GraphError::new(
                404,
                "ResourceNotFound",
                format!("The workflow with id '{id}' was not found."),
            )
        })?;
        if ds.workflows[wf].quarantine.is_some() {
            return Err(GraphError::bad_request(
                "The workflow is quarantined and can't be run until the quarantine is lifted.",
            ));
        }
        let mut idx = Vec::new();
        for s in subjects {
            let sid = s.get("id").and_then(Value::as_str).unwrap_or("");
            let u = ds
                .user_by_key(sid)
                .filter(|_| crate::rng::Guid::parse(sid).is_some())
                .ok_or_else(|| {
                    GraphError::bad_request(format!(
                        "The subject '{sid}' is not a valid user in this tenant."
                    ))
                })?;
            let i = ds.user_index[&u.id];
            idx.push(i);
        }
        let mut rng = app.rng.lock().unwrap_or_else(|e| e.into_inner());
        live::start(&mut ds, wf, &idx, &mut rng)
    };
    let app2 = app.clone();
    let step = app.config.live_step_ms;
    tokio::spawn(async move {
        for i in 1..=live::STEPS {
            tokio::time::sleep(Duration::from_millis(step)).await;
            live::advance(&mut app2.write(), &plan, i);
        }
    });
    Ok(Reply {
        raw: None,
        status: 204,
        headers: Vec::new(),
        body: None,
    })
}
