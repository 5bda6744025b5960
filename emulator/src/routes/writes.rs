//! Create run (the seed): `POST /workflowBase/runs` validates the required
//! properties and answers `201` with the run, which is kept: `GET
//! /workflowBase/runs` lists the created runs and `GET
//! /workflowBase/runs/{id}` reads one. The workflow actions are in `actions`.

use axum::http::Method;
use serde_json::{json, Map, Value};

use super::collection::context;
use super::lifecycle_workflows::key;
use crate::access_token::Claims;
use crate::bearer_auth::{authorize, Perm};
use crate::graph_error::GraphError;
use crate::state::Shared;
use crate::ticks;
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

/// `/workflowBase/runs[/{id}]`: POST creates, GET lists or reads.
pub fn runs(
    app: &Shared,
    req: &GraphRequest,
    ver: &str,
    rest: &[&str],
    claims: &Claims,
) -> Result<Reply, GraphError> {
    match (rest, &req.method) {
        ([], &Method::POST) => create_run(app, req, ver, claims),
        ([], &Method::GET) => {
            authorize(claims, Perm::Reports)?;
            let values = app.read().created_runs.clone();
            Ok(Reply::ok(json!({
                "@odata.context": context(req, ver, "workflowBase/runs", None, false),
                "value": values,
            })))
        }
        ([id], &Method::GET) => {
            authorize(claims, Perm::Reports)?;
            let id = key(id, "run")?.to_string();
            let ds = app.read();
            let run = ds
                .created_runs
                .iter()
                .find(|r| r["id"] == id.as_str())
                .cloned()
                .ok_or_else(|| {
                    GraphError::new(
                        404,
                        "ResourceNotFound",
                        format!("The run with id '{id}' was not found."),
                    )
                })?;
            let mut m = Map::new();
            m.insert(
                "@odata.context".into(),
                json!(context(req, ver, "workflowBase/runs", None, true)),
            );
            if let Value::Object(o) = run {
                m.extend(o);
            }
            Ok(Reply::ok(Value::Object(m)))
        }
        ([_, x, ..], _) => Err(GraphError::segment(x)),
        _ => Err(GraphError::method_not_allowed()),
    }
}

/// Properties whose JSON kind is wrong: an object, array or boolean where
/// the run has a number, enum or date. Strings stay accepted for numbers
/// (the seed's own example sends `"Integer"` and expects `201`).
fn wrong_types(obj: &Map<String, Value>) -> Vec<&'static str> {
    const INTS: &[&str] = &[
        "failedTasksCount",
        "failedUsersCount",
        "successfulUsersCount",
        "totalUsersCount",
        "totalUnprocessedTasksCount",
        "totalTasksCount",
    ];
    const TEXTS: &[&str] = &[
        "processingStatus",
        "workflowExecutionType",
        "scheduledDateTime",
        "startedDateTime",
        "completedDateTime",
        "lastUpdatedDateTime",
    ];
    let mut out: Vec<&'static str> = INTS
        .iter()
        .copied()
        .filter(|k| {
            obj.get(*k)
                .is_some_and(|v| !(v.is_null() || v.is_i64() || v.is_string()))
        })
        .collect();
    out.extend(
        TEXTS
            .iter()
            .copied()
            .filter(|k| obj.get(*k).is_some_and(|v| !v.is_null() && !v.is_string())),
    );
    out
}

fn create_run(
    app: &Shared,
    req: &GraphRequest,
    ver: &str,
    claims: &Claims,
) -> Result<Reply, GraphError> {
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
    let wrong = wrong_types(obj);
    if !wrong.is_empty() {
        return Err(GraphError::bad_request(format!(
            "Cannot convert the literal values of these properties to the expected type: {}.",
            wrong.join(", ")
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
    let mut stored = m.clone();
    stored.remove("@odata.context");
    app.write().created_runs.push(Value::Object(stored));
    let location = format!("{}/{ver}/workflowBase/runs/{id}", req.base);
    Ok(Reply {
        raw: None,
        status: 201,
        headers: vec![("Location".into(), location)],
        body: Some(Value::Object(m)),
    })
}
