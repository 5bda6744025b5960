//! The `summary(startDateTime=…,endDateTime=…)` functions of runs, user
//! results and task reports.

use serde_json::json;

use super::collection::context;
use crate::dataset::derive::TaskReport;
use crate::dataset::{Dataset, Run, Status, Workflow};
use crate::graph_error::GraphError;
use crate::ticks::{self, Ticks};
use crate::wire::{GraphRequest, Reply};

/// `Some` when the segment is a summary call; its range or a 400.
pub fn params(seg: &str) -> Option<Result<(Ticks, Ticks), GraphError>> {
    let lower = seg.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("microsoft.graph.identitygovernance.summary")
        .or_else(|| lower.strip_prefix("summary"))?;
    if !rest.starts_with('(') {
        return None;
    }
    let inner = &seg[seg.len() - rest.len()..];
    Some(parse_args(inner))
}

fn parse_args(inner: &str) -> Result<(Ticks, Ticks), GraphError> {
    let body = inner
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .ok_or_else(|| {
            GraphError::bad_request(format!("Bad Request - Error in query syntax: '{inner}'."))
        })?;
    let (mut start, mut end) = (None, None);
    for pair in body.split(',').filter(|p| !p.trim().is_empty()) {
        let (k, v) = pair.split_once('=').ok_or_else(|| {
            GraphError::bad_request(format!("Bad Request - Error in query syntax: '{pair}'."))
        })?;
        let v = v.trim().trim_matches('\'');
        let t = ticks::parse(v).ok_or_else(|| {
            GraphError::bad_request(format!("The DateTimeOffset text '{v}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range."))
        })?;
        match k.trim().to_ascii_lowercase().as_str() {
            "startdatetime" => start = Some(t),
            "enddatetime" => end = Some(t),
            other => {
                return Err(GraphError::bad_request(format!(
                    "The parameter '{other}' is not defined for the function 'summary'."
                )))
            }
        }
    }
    match (start, end) {
        (Some(s), Some(e)) => Ok((s, e)),
        _ => Err(GraphError::bad_request(
            "The function 'summary' requires the parameters 'startDateTime' and 'endDateTime'.",
        )),
    }
}

fn in_range(r: &Run, (s, e): (Ticks, Ticks)) -> bool {
    r.started.or(r.scheduled).is_some_and(|t| t >= s && t <= e)
}

fn ctx(req: &GraphRequest, ver: &str, name: &str) -> String {
    context(
        req,
        ver,
        &format!("microsoft.graph.identityGovernance.{name}"),
        None,
        false,
    )
}

pub fn runs(req: &GraphRequest, ver: &str, w: &Workflow, range: (Ticks, Ticks)) -> Reply {
    let (mut total, mut ok, mut failed, mut users, mut tasks, mut ftasks) = (0, 0, 0, 0, 0, 0);
    for r in w.runs.iter().filter(|r| in_range(r, range)) {
        total += 1;
        match r.status {
            Status::Completed => ok += 1,
            Status::Failed | Status::CompletedWithErrors => failed += 1,
            _ => {}
        }
        users += r.counts.total_users;
        tasks += r.counts.total_tasks;
        ftasks += r.counts.failed_tasks;
    }
    Reply::ok(json!({
        "@odata.context": ctx(req, ver, "runSummary"),
        "failedRuns": failed,
        "failedTasks": ftasks,
        "successfulRuns": ok,
        "totalRuns": total,
        "totalTasks": tasks,
        "totalUsers": users,
    }))
}

pub fn users(req: &GraphRequest, ver: &str, w: &Workflow, (s, e): (Ticks, Ticks)) -> Reply {
    let (mut total, mut ok, mut failed, mut tasks, mut ftasks) = (0i64, 0i64, 0i64, 0i64, 0i64);
    for u in w.runs.iter().flat_map(|r| r.users.iter()) {
        if !u.started.or(u.scheduled).is_some_and(|t| t >= s && t <= e) {
            continue;
        }
        total += 1;
        match u.status {
            Status::Completed => ok += 1,
            Status::Failed | Status::CompletedWithErrors => failed += 1,
            _ => {}
        }
        tasks += u.task_count as i64;
        ftasks += u.failed_tasks() as i64;
    }
    Reply::ok(json!({
        "@odata.context": ctx(req, ver, "userSummary"),
        "failedTasks": ftasks,
        "failedUsers": failed,
        "successfulUsers": ok,
        "totalTasks": tasks,
        "totalUsers": total,
    }))
}

pub fn tasks(
    req: &GraphRequest,
    ver: &str,
    ds: &Dataset,
    wf: usize,
    range: (Ticks, Ticks),
) -> Reply {
    let w = &ds.workflows[wf];
    let (mut ok, mut failed, mut un, mut total) = (0, 0, 0, 0);
    for (ri, r) in w.runs.iter().enumerate() {
        if !in_range(r, range) {
            continue;
        }
        for ti in 0..w.tasks.len() {
            let rep = TaskReport::compute(ds, wf, ri, ti);
            total += 1;
            match rep.status {
                Status::Completed => ok += 1,
                Status::Failed | Status::CompletedWithErrors => failed += 1,
                _ => un += 1,
            }
        }
    }
    Reply::ok(json!({
        "@odata.context": ctx(req, ver, "taskReportSummary"),
        "failedTasks": failed,
        "successfulTasks": ok,
        "totalTasks": total,
        "unprocessedTasks": un,
    }))
}
