//! `/_emulator/*`: the demo token endpoint, fault-rule management, the
//! default page size (so tests can page small data) and the identity
//! provider's token lifetimes, the live runs' speed (`/_emulator/live`), the log of Graph requests
//! (`/_emulator/requests`: GET lists "METHOD /path", DELETE empties it). No auth.

use axum::http::Method;
use serde_json::{json, Value};

use crate::access_token::DEFAULT_SCOPES;
use crate::faults::FaultSet;
use crate::graph_error::GraphError;
use crate::identity::lifetimes::Lifetimes;
use crate::state::Shared;
use crate::wire::{Ids, Reply};

pub fn handle(
    app: &Shared,
    method: &Method,
    path: &str,
    query: &[(String, String)],
    body: &[u8],
    ids: &Ids,
) -> Reply {
    match route(app, method, path, query, body) {
        Ok(r) => r,
        Err(e) => e.into_reply(ids),
    }
}

fn route(
    app: &Shared,
    method: &Method,
    path: &str,
    query: &[(String, String)],
    body: &[u8],
) -> Result<Reply, GraphError> {
    match path.trim_end_matches('/') {
        "/_emulator/token" => {
            if method != Method::GET && method != Method::POST {
                return Err(GraphError::method_not_allowed());
            }
            let get = |k: &str| query.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
            let scp = get("scp")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(DEFAULT_SCOPES);
            let expires_in = match get("expires_in") {
                None => 3600,
                Some(v) => v.trim().parse::<i64>().map_err(|_| {
                    GraphError::bad_request(format!(
                        "expires_in must be an integer number of seconds, not '{v}'."
                    ))
                })?,
            };
            let wids: Vec<&str> = match get("wids") {
                None => crate::access_token::DEFAULT_WIDS.to_vec(),
                Some(w) => w.split([' ', ',']).filter(|x| !x.is_empty()).collect(),
            };
            let token = app.demo_token_with_roles(scp, &wids, expires_in);
            Ok(Reply::ok(
                json!({ "access_token": token, "token_type": "Bearer", "expires_in": expires_in, "scope": scp }),
            ))
        }
        "/_emulator/faults" => match *method {
            Method::POST => {
                let set: FaultSet = serde_json::from_slice(body)
                    .map_err(|e| GraphError::bad_request(format!("Invalid fault rules: {e}")))?;
                let n = app
                    .faults
                    .add(set.rules)
                    .map_err(|e| GraphError::bad_request(format!("Invalid fault rule: {e}")))?;
                Ok(Reply::ok(json!({ "rules": n })))
            }
            Method::DELETE => {
                app.faults.clear();
                Ok(Reply {
                    raw: None,
                    status: 204,
                    headers: Vec::new(),
                    body: None,
                })
            }
            Method::GET => Ok(Reply::ok(json!({ "rules": app.faults.list() }))),
            _ => Err(GraphError::method_not_allowed()),
        },
        "/_emulator/paging" => match *method {
            Method::POST => {
                let rows = serde_json::from_slice::<Value>(body)
                    .ok()
                    .and_then(|v| v.get("pageSize").and_then(Value::as_u64))
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| {
                        GraphError::bad_request("Send {\"pageSize\": n} with n from 1 to 999.")
                    })?;
                app.set_default_page_size(usize::try_from(rows).unwrap_or(usize::MAX));
                Ok(Reply::ok(json!({ "pageSize": app.default_page_size() })))
            }
            Method::DELETE => {
                app.set_default_page_size(crate::paging::DEFAULT_PAGE);
                Ok(Reply::ok(json!({ "pageSize": app.default_page_size() })))
            }
            Method::GET => Ok(Reply::ok(json!({ "pageSize": app.default_page_size() }))),
            _ => Err(GraphError::method_not_allowed()),
        },
        "/_emulator/tokens" => match *method {
            Method::POST => {
                let changed = app
                    .identity
                    .lifetimes()
                    .changed(body)
                    .map_err(GraphError::bad_request)?;
                app.identity.set_lifetimes(changed);
                Ok(Reply::ok(app.identity.report()))
            }
            Method::DELETE => {
                app.identity.set_lifetimes(Lifetimes::default());
                Ok(Reply::ok(app.identity.report()))
            }
            Method::GET => Ok(Reply::ok(app.identity.report())),
            _ => Err(GraphError::method_not_allowed()),
        },
        "/_emulator/live" => {
            match *method {
                Method::POST => {
                    let ms = serde_json::from_slice::<Value>(body)
                    .ok()
                    .and_then(|v| v.get("stepMs").and_then(Value::as_u64))
                    .ok_or_else(|| {
                        GraphError::bad_request("Send {\"stepMs\": n}: milliseconds between the steps of a live run.")
                    })?;
                    app.set_live_step_ms(ms);
                    Ok(Reply::ok(json!({ "stepMs": app.live_step_ms() })))
                }
                Method::DELETE => {
                    app.set_live_step_ms(app.config.live_step_ms);
                    Ok(Reply::ok(json!({ "stepMs": app.live_step_ms() })))
                }
                Method::GET => Ok(Reply::ok(json!({ "stepMs": app.live_step_ms() }))),
                _ => Err(GraphError::method_not_allowed()),
            }
        }
        "/_emulator/requests" => match *method {
            Method::GET => Ok(Reply::ok(json!({ "requests": app.requests() }))),
            Method::DELETE => {
                app.clear_requests();
                Ok(Reply::ok(json!({ "requests": [] })))
            }
            _ => Err(GraphError::method_not_allowed()),
        },
        "/_emulator/health" => Ok(Reply::ok(
            json!({ "status": "ok", "seed": app.config.seed }),
        )),
        _ => Err(GraphError::not_found(format!(
            "No emulator endpoint at '{path}'."
        ))),
    }
}
