//! `POST /$batch`: up to 20 sub-requests run in order, each answered with
//! its own `id`, `status`, `headers` (a JSON object) and `body`.

use std::time::Duration;

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method};
use bytes::Bytes;
use serde_json::{json, Map, Value};

use crate::bearer_auth::authenticate;
use crate::faults::Fired;
use crate::graph_error::GraphError;
use crate::routes::{self, INVALID_JSON};
use crate::state::Shared;
use crate::wire::{parse_query, GraphRequest, Reply};

pub const MAX_REQUESTS: usize = 20;
pub const JSON_TYPE: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

pub async fn handle(app: &Shared, req: &GraphRequest) -> Reply {
    match run(app, req).await {
        Ok(r) => r,
        Err(e) => e.into_reply(&req.ids),
    }
}

async fn run(app: &Shared, req: &GraphRequest) -> Result<Reply, GraphError> {
    let ver = routes::version(routes::segments(&req.path).first())?;
    authenticate(&req.headers)?;
    if req.method != Method::POST {
        return Err(GraphError::method_not_allowed());
    }
    let body: Value =
        serde_json::from_slice(&req.body).map_err(|_| GraphError::bad_request(INVALID_JSON))?;
    let requests = body
        .get("requests")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            GraphError::bad_request("Invalid batch payload format: a 'requests' array is required.")
        })?;
    if requests.is_empty() {
        return Err(GraphError::bad_request(
            "Invalid batch payload format: the 'requests' array is empty.",
        ));
    }
    if requests.len() > MAX_REQUESTS {
        return Err(GraphError::bad_request(format!(
            "The number of requests in the batch ({}) exceeds the limit of {MAX_REQUESTS}.",
            requests.len()
        )));
    }
    let mut seen = Vec::new();
    for r in requests {
        let id = r.get("id").and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_i64().map(|n| n.to_string()))
        });
        let (Some(id), Some(_), Some(_)) = (
            id,
            r.get("method").and_then(Value::as_str),
            r.get("url").and_then(Value::as_str),
        ) else {
            return Err(GraphError::bad_request(
                "Invalid batch payload format: every request needs 'id', 'method' and 'url'.",
            ));
        };
        if seen.contains(&id) {
            return Err(GraphError::bad_request(format!(
                "Batch request contains duplicate id '{id}'."
            )));
        }
        seen.push(id);
    }
    let mut responses = Vec::new();
    for (r, id) in requests.iter().zip(seen) {
        let sub = sub_request(req, ver, r);
        let reply = match sub {
            Err(e) => e.into_reply(&req.ids),
            Ok(sub) => {
                let fired = app.faults.check(sub.method.as_str(), &sub.path);
                if let Some(ms) = fired.as_ref().and_then(|f| f.delay_ms) {
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                }
                match fired {
                    Some(f) if f.rewrites_body() => {
                        let mut reply = routes::handle_single(app, &sub);
                        crate::server::rewrite(&mut reply, &f);
                        reply
                    }
                    Some(Fired {
                        status: Some(status),
                        retry_after,
                        ..
                    }) => {
                        let mut e = GraphError::for_status(status);
                        if let Some(ra) = retry_after {
                            e.headers.push(("Retry-After".into(), ra.to_string()));
                        }
                        e.into_reply(&sub.ids)
                    }
                    _ => routes::handle_single(app, &sub),
                }
            }
        };
        responses.push(sub_response(&id, reply));
    }
    Ok(Reply::ok(json!({ "responses": responses })))
}

fn sub_request(outer: &GraphRequest, ver: &str, r: &Value) -> Result<GraphRequest, GraphError> {
    let method = r
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or("GET")
        .to_ascii_uppercase();
    let method = Method::from_bytes(method.as_bytes())
        .map_err(|_| GraphError::bad_request("Invalid HTTP method in batch request."))?;
    let url = r.get("url").and_then(Value::as_str).unwrap_or("");
    if url.starts_with("http://") || url.starts_with("https://") {
        return Err(GraphError::bad_request(
            "Batch request URLs must be relative, e.g. '/users/{id}'.",
        ));
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let path = format!("/{ver}/{}", path.trim_start_matches('/'));
    if routes::is_batch(&path) {
        return Err(GraphError::bad_request(
            "Nested batch requests are not supported.",
        ));
    }
    let mut headers: HeaderMap = outer.headers.clone();
    headers.remove("content-length");
    if let Some(Value::Object(h)) = r.get("headers") {
        for (k, v) in h {
            if let (Ok(name), Some(Ok(val))) = (
                HeaderName::from_bytes(k.as_bytes()),
                v.as_str().map(HeaderValue::from_str),
            ) {
                headers.insert(name, val);
            }
        }
    }
    let body = match r.get("body") {
        None | Some(Value::Null) => Bytes::new(),
        Some(Value::String(s)) => Bytes::from(s.clone()),
        Some(v) => Bytes::from(v.to_string()),
    };
    Ok(GraphRequest {
        method,
        path,
        query: parse_query(query),
        headers,
        body,
        base: outer.base.clone(),
        ids: outer.ids.clone(),
        page_size: outer.page_size,
    })
}

fn sub_response(id: &str, mut reply: Reply) -> Value {
    if reply.raw.is_some() {
        reply.body = reply.json();
    }
    let mut headers = Map::new();
    if reply.body.is_some() {
        headers.insert("Content-Type".into(), json!(JSON_TYPE));
    }
    for (k, v) in reply.headers {
        headers.insert(k, Value::String(v));
    }
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    m.insert("status".into(), json!(reply.status));
    m.insert("headers".into(), Value::Object(headers));
    if let Some(b) = reply.body {
        m.insert("body".into(), b);
    }
    Value::Object(m)
}
