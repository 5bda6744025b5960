//! The Graph API's bearer-token checks on each request: 401 for a missing, malformed or expired token, 403
//! when the token's `scp`/`roles` hold none of the permissions an API needs.

use axum::http::HeaderMap;

use crate::access_token::{decode, Claims};
use crate::graph_error::GraphError;
use crate::ticks;

/// The permission families the emulated APIs need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perm {
    /// Runs, results, reports and summaries.
    Reports,
    /// The workflow list and workflow objects.
    Workflows,
    /// `activate`, `activateWithScope` and creating runs.
    Write,
    /// `cancelProcessing` and `clearQuarantine`: changing a workflow's state.
    Manage,
    /// Directory users.
    Users,
    /// `taskDefinitions`: the shared page names `LifecycleWorkflows.Read.All`.
    Definitions,
}

impl Perm {
    pub fn accepted(self) -> &'static [&'static str] {
        match self {
            Perm::Reports => &[
                "LifecycleWorkflows-Reports.Read.All",
                "LifecycleWorkflows.Read.All",
                "LifecycleWorkflows.ReadWrite.All",
            ],
            Perm::Workflows => &[
                "LifecycleWorkflows-Workflow.ReadBasic.All",
                "LifecycleWorkflows-Workflow.Read.All",
                "LifecycleWorkflows-Workflow.ReadWrite.All",
                "LifecycleWorkflows.Read.All",
                "LifecycleWorkflows.ReadWrite.All",
            ],
            // Graph reference (activate, activateWithScope): least privileged
            // LifecycleWorkflows-Workflow.Activate; higher
            // LifecycleWorkflows-Workflow.ReadWrite.All, LifecycleWorkflows.ReadWrite.All.
            Perm::Write => &[
                "LifecycleWorkflows.ReadWrite.All",
                "LifecycleWorkflows-Workflow.ReadWrite.All",
                "LifecycleWorkflows-Workflow.Activate",
            ],
            // Graph reference (cancelProcessing): least privileged
            // LifecycleWorkflows-Workflow.ReadWrite.All; Activate is not enough.
            Perm::Manage => &[
                "LifecycleWorkflows.ReadWrite.All",
                "LifecycleWorkflows-Workflow.ReadWrite.All",
            ],
            Perm::Definitions => &[
                "LifecycleWorkflows.Read.All",
                "LifecycleWorkflows.ReadWrite.All",
            ],
            Perm::Users => &[
                "User.ReadBasic.All",
                "User.Read.All",
                "User.ReadWrite.All",
                "Directory.Read.All",
                "Directory.ReadWrite.All",
            ],
        }
    }
}

/// Validates the `Authorization` header and returns the token's claims.
pub fn authenticate(headers: &HeaderMap) -> Result<Claims, GraphError> {
    let raw = match headers.get("authorization").map(|v| v.to_str()) {
        None => return Err(GraphError::unauthorized("Access token is empty.")),
        Some(Err(_)) => {
            return Err(GraphError::unauthorized(
                "CompactToken parsing failed with error code: 80049217",
            ))
        }
        Some(Ok(v)) => v.trim(),
    };
    let token = match raw.split_once(' ') {
        Some((scheme, t)) if scheme.eq_ignore_ascii_case("bearer") => t.trim(),
        _ => {
            return Err(GraphError::unauthorized(
                "CompactToken parsing failed with error code: 80049217",
            ))
        }
    };
    if token.is_empty() {
        return Err(GraphError::unauthorized("Access token is empty."));
    }
    let claims = decode(token).ok_or_else(|| {
        GraphError::unauthorized("CompactToken parsing failed with error code: 80049217")
    })?;
    match claims.aud.as_deref() {
        Some(a)
            if a.contains("graph.microsoft")
                || a.contains("microsoftgraph")
                || a == crate::access_token::GRAPH_APP_ID => {}
        _ => return Err(GraphError::unauthorized("Invalid audience.")),
    }
    let now = ticks::now() / ticks::SECOND;
    match claims.exp {
        Some(exp) if exp > now => Ok(claims),
        _ => Err(GraphError::unauthorized(
            "Lifetime validation failed, the token is expired.",
        )),
    }
}

pub fn authorize(claims: &Claims, perm: Perm) -> Result<(), GraphError> {
    let writes = matches!(perm, Perm::Write | Perm::Manage);
    if writes && claims.delegated && !claims.wids.is_empty() && !has_admin_role(claims) {
        return Err(GraphError::forbidden());
    }
    let ok = claims
        .scopes
        .iter()
        .any(|s| perm.accepted().iter().any(|a| a.eq_ignore_ascii_case(s)));
    if ok {
        Ok(())
    } else {
        Err(GraphError::forbidden())
    }
}

/// Writes by a delegated user need the Lifecycle Workflows Administrator
/// (least privileged, per the Graph reference) or Global Administrator role.
fn has_admin_role(claims: &Claims) -> bool {
    claims.wids.iter().any(|w| {
        w.eq_ignore_ascii_case(crate::access_token::LW_ADMIN)
            || w.eq_ignore_ascii_case(crate::access_token::GLOBAL_ADMIN)
    })
}
