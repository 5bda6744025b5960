//! Graph request routing: version, authentication, then the resource tree.

pub mod actions;
pub mod collection;
pub mod emulator;
pub mod insights;
pub mod lifecycle_workflows;
pub mod summary;
pub mod users;
pub mod writes;

use crate::bearer_auth::authenticate;
use crate::graph_error::GraphError;
use crate::state::Shared;
use crate::wire::{percent_decode, GraphRequest, Reply};

pub const INVALID_JSON: &str =
    "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

/// The path's segments, percent-decoded, empty ones (trailing `/`) dropped.
pub fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode(s, false))
        .collect()
}

/// Whether this is a `$batch` request (handled by `batch`, not here).
pub fn is_batch(path: &str) -> bool {
    let s = segments(path);
    s.len() == 2 && s[1] == "$batch"
}

pub fn version(seg: Option<&String>) -> Result<&'static str, GraphError> {
    match seg.map(|s| s.to_ascii_lowercase()) {
        Some(v) if v == "v1.0" => Ok("v1.0"),
        Some(v) if v == "beta" => Ok("beta"),
        Some(v) => Err(GraphError::bad_request(format!("Invalid version: {v}"))),
        None => Err(GraphError::bad_request("Invalid version.")),
    }
}

/// Handles one non-batch Graph request; never fails, errors become replies.
pub fn handle_single(app: &Shared, req: &GraphRequest) -> Reply {
    let mut reply = match dispatch(app, req) {
        Ok(r) => r,
        Err(e) => e.into_reply(&req.ids),
    };
    if req.include_unknown() && reply.status < 300 {
        reply.headers.push((
            "Preference-Applied".into(),
            "include-unknown-enum-members".into(),
        ));
    }
    reply
}

fn dispatch(app: &Shared, req: &GraphRequest) -> Result<Reply, GraphError> {
    let segs = segments(&req.path);
    let ver = version(segs.first())?;
    let claims = authenticate(&req.headers)?;
    let s: Vec<&str> = segs[1..].iter().map(String::as_str).collect();
    let is = |i: usize, name: &str| s.get(i).is_some_and(|x| x.eq_ignore_ascii_case(name));
    if is(0, "identityGovernance") {
        if !is(1, "lifecycleWorkflows") {
            return Err(GraphError::segment(
                s.get(1).copied().unwrap_or("identityGovernance"),
            ));
        }
        let rest = &s[2..];
        if rest.len() == 3 && rest[0].eq_ignore_ascii_case("workflows") {
            if let Some(action) = actions::action_name(rest[2]) {
                return actions::handle(app, req, rest[1], action, &claims);
            }
        }
        let ds = app.read();
        if rest
            .first()
            .is_some_and(|x| x.eq_ignore_ascii_case("insights"))
        {
            return insights::handle(req, ver, &rest[1..], &ds, &claims);
        }
        return lifecycle_workflows::handle(req, ver, rest, &ds, &claims);
    }
    if is(0, "users") {
        let ds = app.read();
        return users::get(req, ver, &s[1..], &ds, &claims);
    }
    if is(0, "directoryObjects") {
        if s.len() == 2 && (is(1, "getByIds") || is(1, "microsoft.graph.getByIds")) {
            let ds = app.read();
            return users::get_by_ids(req, ver, &ds, &claims);
        }
        return Err(GraphError::segment(
            s.get(1).copied().unwrap_or("directoryObjects"),
        ));
    }
    if is(0, "workflowBase") {
        if s.len() >= 2 && is(1, "runs") {
            return writes::runs(app, req, ver, &s[2..], &claims);
        }
        return Err(GraphError::segment(
            s.get(1).copied().unwrap_or("workflowBase"),
        ));
    }
    if is(0, "$batch") {
        return Err(GraphError::bad_request(
            "Nested batch requests are not supported.",
        ));
    }
    Err(GraphError::segment(s.first().copied().unwrap_or("")))
}
