//! Directory lookups: `GET /users/{id|upn}` and `POST /directoryObjects/getByIds`.

use axum::http::Method;
use serde_json::{json, Map, Value};

use super::collection::{context, entity};
use crate::auth::{authorize, Perm};
use crate::dataset::Dataset;
use crate::errors::GraphError;
use crate::odata::query::Allow;
use crate::odata::{schema, Query};
use crate::token::Claims;
use crate::views;
use crate::wire::{GraphRequest, Reply};

pub fn get(
    req: &GraphRequest,
    ver: &str,
    s: &[&str],
    ds: &Dataset,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    let [key] = s else {
        return match s.get(1) {
            Some(x) => Err(GraphError::segment(x)),
            None => Err(GraphError::new(
                501,
                "NotImplemented",
                "The emulator serves single users only: GET /users/{id | userPrincipalName}.",
            )),
        };
    };
    if req.method != Method::GET {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims, Perm::Users)?;
    let q = Query::parse(
        &req.query,
        &schema::USER,
        Allow {
            expand: false,
            ..Allow::ENTITY
        },
    )
    .map_err(GraphError::bad_request)?;
    let key = key.trim_start_matches("('").trim_end_matches("')");
    let u = ds.user_by_key(key).ok_or_else(|| {
        GraphError::new(
            404,
            "Request_ResourceNotFound",
            format!("Resource '{key}' does not exist or one of its queried reference-property objects are not present."),
        )
    })?;
    let m = views::user(u, q.select.is_some());
    Ok(entity(
        context(req, ver, "users", q.select.as_ref(), true),
        m,
        &q,
    ))
}

pub fn get_by_ids(
    req: &GraphRequest,
    ver: &str,
    ds: &Dataset,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    if req.method != Method::POST {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims, Perm::Users)?;
    let body: Value = serde_json::from_slice(&req.body)
        .map_err(|_| GraphError::bad_request(super::INVALID_JSON))?;
    let ids = body.get("ids").and_then(Value::as_array).ok_or_else(|| {
        GraphError::bad_request("Invalid request: the 'ids' parameter is required.")
    })?;
    if ids.len() > 1000 {
        return Err(GraphError::bad_request(
            "Invalid request: the 'ids' parameter may contain at most 1000 identifiers.",
        ));
    }
    if let Some(types) = body.get("types").and_then(Value::as_array) {
        if !types
            .iter()
            .filter_map(Value::as_str)
            .any(|t| t.eq_ignore_ascii_case("user"))
        {
            return Ok(Reply::ok(
                json!({ "@odata.context": context(req, ver, "directoryObjects", None, false), "value": [] }),
            ));
        }
    }
    let mut values = Vec::new();
    for id in ids {
        let id = id.as_str().ok_or_else(|| {
            GraphError::bad_request("Invalid request: every id must be a string.")
        })?;
        if crate::rng::Guid::parse(id).is_none() {
            return Err(GraphError::bad_request(format!(
                "Invalid object identifier '{id}'."
            )));
        }
        if let Some(u) = ds.user_by_key(id) {
            let mut m = Map::new();
            m.insert("@odata.type".into(), json!("#microsoft.graph.user"));
            m.extend(views::user(u, false));
            values.push(Value::Object(m));
        }
    }
    Ok(Reply::ok(
        json!({ "@odata.context": context(req, ver, "directoryObjects", None, false), "value": values }),
    ))
}
