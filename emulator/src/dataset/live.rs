//! On-demand runs created by `activate` and `activateWithScope`: they start
//! queued and are advanced step by step (queued -> inProgress ->
//! completed/completedWithErrors), user results finishing as they go;
//! `cancel` freezes one. `Links` keeps where a reprocessing run came from.

use std::collections::HashMap;

use super::runs::{task_statuses, Odds};
use super::{Dataset, ExecType, Run, RunCounts, Status, UserResult, Workflow};
use crate::rng::{Guid, Rng};
use crate::ticks::{self, Ticks, SECOND};

/// The outcome decided at activation; applied progressively.
#[derive(Clone, Debug)]
pub struct LivePlan {
    pub wf: Guid,
    pub run: Guid,
    pub finals: Vec<(Status, Vec<Status>)>,
}

/// How many steps a live run takes after being queued.
pub const STEPS: usize = 5;

/// `activatedOnScope` of a run started by `activateWithScope` with an
/// `activateRunScope`: the run it reprocesses and the scopes asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunScope {
    pub run: Guid,
    pub user_scope: &'static str,
    pub task_scope: &'static str,
}

/// The links between runs that writes create.
#[derive(Clone, Debug, Default)]
pub struct Links {
    /// New run -> the scope it was activated on.
    pub activated_on: HashMap<Guid, RunScope>,
    /// Old run -> the runs that reprocessed it, oldest first.
    pub reprocessed: HashMap<Guid, Vec<Guid>>,
}

/// How the users of a live run end: out of 10, one fails, one completes
/// with errors and the rest complete.
pub const LIVE_OUTCOMES: Odds = Odds {
    out_of: 10,
    outcomes: &[(Status::Failed, 1), (Status::CompletedWithErrors, 1)],
    rest: Status::Completed,
};

/// Adds a queued run of type `exec` for `subjects` and returns its plan.
pub fn start(
    ds: &mut Dataset,
    wf: usize,
    subjects: &[u32],
    exec: ExecType,
    rng: &mut Rng,
) -> LivePlan {
    let now = ticks::now();
    let w = &ds.workflows[wf];
    let id = rng.guid();
    let mut finals = Vec::new();
    let mut users = Vec::new();
    for &s in subjects {
        let want = LIVE_OUTCOMES.roll(rng);
        finals.push(task_statuses(rng, &w.tasks, want));
        users.push(queued_user(rng.guid(), s, w, exec, now));
    }
    let mut run = Run {
        id,
        status: Status::Queued,
        exec_type: exec,
        scheduled: Some(now),
        started: None,
        completed: None,
        last_updated: Some(now),
        users,
        counts: RunCounts::default(),
    };
    run.recount();
    let wf_id = w.id;
    ds.workflows[wf].runs.push(run);
    let ri = ds.workflows[wf].runs.len() - 1;
    ds.index_run(wf, ri);
    LivePlan {
        wf: wf_id,
        run: id,
        finals,
    }
}

/// A user result waiting in a new on-demand run of workflow `w`.
fn queued_user(id: Guid, subject: u32, w: &Workflow, exec: ExecType, now: Ticks) -> UserResult {
    let mut u = UserResult {
        id,
        subject,
        status: Status::Queued,
        exec_type: exec,
        workflow_version: w.version,
        scheduled: Some(now),
        started: None,
        completed: None,
        task_count: 0,
        task_bits: 0,
    };
    u.set_task_statuses(&vec![Status::Queued; w.tasks.len()]);
    u
}

/// Applies step `step` (1..=STEPS) of a plan; the last step finishes the run.
pub fn advance(ds: &mut Dataset, plan: &LivePlan, step: usize) {
    let now = ticks::now();
    let Some(&(wf, ri)) = ds.run_index.get(&plan.run) else {
        return;
    };
    if ds.workflows[wf].id != plan.wf {
        return;
    }
    let run = &mut ds.workflows[wf].runs[ri];
    if !is_running(run.status) {
        return;
    }
    let n = run.users.len();
    let done = if step >= STEPS {
        n
    } else {
        n * (step - 1) / (STEPS - 1)
    };
    if run.started.is_none() {
        run.started = Some(now);
    }
    for (i, u) in run.users.iter_mut().enumerate() {
        if i < done {
            if u.completed.is_none() {
                let (st, tasks) = &plan.finals[i];
                u.status = *st;
                u.set_task_statuses(tasks);
                u.started.get_or_insert(now - SECOND);
                u.completed = Some(now);
            }
        } else if i == done {
            u.status = Status::InProgress;
            u.started.get_or_insert(now);
            let t = u.task_count as usize;
            let mut s = vec![Status::Queued; t];
            if t > 0 {
                s[0] = Status::InProgress;
            }
            u.set_task_statuses(&s);
        }
    }
    run.recount();
    run.last_updated = Some(now);
    if step >= STEPS {
        run.completed = Some(now);
        run.status = run.settled_status();
    } else {
        run.status = Status::InProgress;
    }
}

/// Whether a run is still queued or in progress (what `cancelProcessing` stops).
pub fn is_running(s: Status) -> bool {
    matches!(s, Status::Queued | Status::InProgress)
}

/// Cancels run `ri` of workflow `wf`: unfinished users and tasks become
/// `canceled`, finished ones stay; the run ends now.
pub fn cancel(ds: &mut Dataset, wf: usize, ri: usize) {
    let now = ticks::now();
    let run = &mut ds.workflows[wf].runs[ri];
    for u in run.users.iter_mut().filter(|u| u.completed.is_none()) {
        let s: Vec<Status> = (0..u.task_count as usize)
            .map(|i| match u.task_status(i) {
                t if t.is_unprocessed() => Status::Canceled,
                t => t,
            })
            .collect();
        u.set_task_statuses(&s);
        u.status = Status::Canceled;
        u.completed = Some(now);
    }
    run.recount();
    run.status = Status::Canceled;
    run.completed = Some(now);
    run.last_updated = Some(now);
}
