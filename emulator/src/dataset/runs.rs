//! Generation of one run and its user results from a plan, in small steps:
//! the run's fate, each user's target outcome, the task statuses that lead
//! there, the timestamps, and the run's status. The odds are named below.

use super::specs::seed_guid;
use super::{ExecType, Run, RunCounts, Status, Task, UserResult};
use crate::rng::{Guid, Rng};
use crate::ticks::{Ticks, SECOND};

/// One in this many unplanned runs with users fails for every user.
pub const DOOMED_RUN_ODDS: u64 = 40;
/// One in this many unplanned runs was canceled part way through its users.
pub const CANCELED_RUN_ODDS: u64 = 30;
/// How the users of a settled run end: out of 100, 84 complete, 8 complete
/// with errors and the other 8 fail.
pub const USER_OUTCOMES: Odds = Odds {
    out_of: 100,
    outcomes: &[(Status::Completed, 84), (Status::CompletedWithErrors, 8)],
    rest: Status::Failed,
};

/// Weighted outcomes: one roll below `out_of`; each outcome takes the next
/// `n` values in order, and `rest` takes what is left.
pub struct Odds {
    pub out_of: u64,
    pub outcomes: &'static [(Status, u64)],
    pub rest: Status,
}

impl Odds {
    pub fn roll(&self, rng: &mut Rng) -> Status {
        let r = rng.below(self.out_of);
        let mut edge = 0;
        for &(status, n) in self.outcomes {
            edge += n;
            if r < edge {
                return status;
            }
        }
        self.rest
    }
}

/// What to generate: the run's id, how and when it ran, its users, and its
/// forced state (`None`: settled, with rolled outcomes).
pub struct RunPlan<'a> {
    pub id: Guid,
    pub exec: ExecType,
    pub scheduled: Ticks,
    pub subjects: Vec<u32>,
    pub state: Option<Status>,
    pub version: i32,
    /// Fixed user result ids for the first users; the rest are random.
    pub upr_ids: &'a [&'a str],
}

/// What was decided for the run as a whole before its users.
struct Fate {
    /// Every user fails.
    doomed: bool,
    canceled: bool,
    /// Users from this index on were canceled (the user count if none).
    cancel_at: usize,
}

/// Where the run's clock stands while its users are processed.
struct Clock {
    /// When the latest user started.
    t: Ticks,
    /// When the latest user finished.
    last: Ticks,
}

/// Whether a run in this state is still going (or waiting).
pub fn is_live(state: Option<Status>) -> bool {
    matches!(
        state,
        Some(Status::Queued | Status::InProgress | Status::Canceling | Status::Quarantined)
    )
}

/// Up to a second, in ticks: keeps timestamps from looking round.
pub fn jitter(rng: &mut Rng) -> Ticks {
    rng.range(0, 9_999_999)
}

/// A whole number of seconds in `lo..=hi`, in ticks.
pub fn seconds(rng: &mut Rng, lo: i64, hi: i64) -> Ticks {
    rng.range(lo, hi) * SECOND
}

/// Builds one run with its user results from a plan; counters are recomputed.
pub fn build_run(rng: &mut Rng, tasks: &[Task], plan: RunPlan<'_>) -> Run {
    let started = plan.scheduled + seconds(rng, 2, 40) + jitter(rng);
    let fate = roll_fate(rng, &plan);
    let mut clock = Clock {
        t: started,
        last: started,
    };
    let users = (0..plan.subjects.len())
        .map(|i| build_user(rng, tasks, &plan, &fate, i, &mut clock))
        .collect();
    let mut run = Run {
        id: plan.id,
        status: Status::Completed,
        exec_type: plan.exec,
        scheduled: Some(plan.scheduled),
        started: Some(started),
        completed: None,
        last_updated: None,
        users,
        counts: RunCounts::default(),
    };
    run.recount();
    run.status = run_status(&plan, &fate, &run);
    stamp_run(rng, &mut run, plan.scheduled, &clock);
    run
}

/// Whether an unplanned run is doomed or canceled, and from which user.
fn roll_fate(rng: &mut Rng, plan: &RunPlan<'_>) -> Fate {
    let n = plan.subjects.len();
    let doomed = plan.state.is_none() && n > 0 && rng.one_in(DOOMED_RUN_ODDS);
    let canceled = plan.state == Some(Status::Canceled)
        || (plan.state.is_none() && rng.one_in(CANCELED_RUN_ODDS));
    let cancel_at = if canceled {
        rng.below(n as u64 + 1) as usize
    } else {
        n
    };
    Fate {
        doomed,
        canceled,
        cancel_at,
    }
}

/// The `i`th user's result, its clock advanced past the last user.
fn build_user(
    rng: &mut Rng,
    tasks: &[Task],
    plan: &RunPlan<'_>,
    fate: &Fate,
    i: usize,
    clock: &mut Clock,
) -> UserResult {
    let id = plan
        .upr_ids
        .get(i)
        .map(|s| seed_guid(s))
        .unwrap_or_else(|| rng.guid());
    let want = user_target(rng, plan, fate, i);
    let (status, task_s) = task_statuses(rng, tasks, want);
    // A user of a canceling run is still being processed.
    let status = if status == Status::Canceling {
        Status::InProgress
    } else {
        status
    };
    let (started, completed) = user_times(rng, status, clock);
    let mut u = UserResult {
        id,
        subject: plan.subjects[i],
        status,
        exec_type: plan.exec,
        workflow_version: plan.version,
        scheduled: Some(plan.scheduled),
        started,
        completed,
        task_count: 0,
        task_bits: 0,
    };
    u.set_task_statuses(&task_s);
    u
}

/// The outcome the `i`th user is headed for.
fn user_target(rng: &mut Rng, plan: &RunPlan<'_>, fate: &Fate, i: usize) -> Status {
    match plan.state {
        Some(Status::Queued | Status::Quarantined) => Status::Queued,
        Some(s @ (Status::InProgress | Status::Canceling)) => {
            running_user_target(rng, s, i, plan.subjects.len())
        }
        _ if i >= fate.cancel_at => Status::Canceled,
        _ => roll_user_outcome(rng, fate.doomed),
    }
}

/// In a running run the first half of the users is done, the one in the
/// middle is being processed (or canceled) and the rest wait.
fn running_user_target(rng: &mut Rng, state: Status, i: usize, n: usize) -> Status {
    if i * 2 < n {
        roll_user_outcome(rng, false)
    } else if i * 2 == n || i * 2 == n + 1 {
        state
    } else {
        Status::Queued
    }
}

/// A settled user's outcome under the named odds (always failed if doomed).
fn roll_user_outcome(rng: &mut Rng, doomed: bool) -> Status {
    if doomed {
        Status::Failed
    } else {
        USER_OUTCOMES.roll(rng)
    }
}

/// When a user started (not if queued) and finished (not if still going):
/// a few tenths of a second after the previous user, done within 3-45 s.
fn user_times(rng: &mut Rng, status: Status, clock: &mut Clock) -> (Option<Ticks>, Option<Ticks>) {
    clock.t += rng.range(1, 6) * SECOND / 10 + rng.range(0, 999_999);
    let started = (status != Status::Queued).then_some(clock.t);
    let completed = if matches!(status, Status::Queued | Status::InProgress) {
        None
    } else {
        let c = clock.t + seconds(rng, 3, 45) + jitter(rng);
        clock.last = clock.last.max(c);
        Some(c)
    };
    (started, completed)
}

/// The run's status: its planned live state, canceled, or from its users.
fn run_status(plan: &RunPlan<'_>, fate: &Fate, run: &Run) -> Status {
    match plan.state {
        Some(s) if is_live(plan.state) => s,
        _ if fate.canceled => Status::Canceled,
        _ => run.settled_status(),
    }
}

/// Start, completion and last-update times that fit the run's status.
fn stamp_run(rng: &mut Rng, run: &mut Run, scheduled: Ticks, clock: &Clock) {
    match run.status {
        Status::Queued | Status::Quarantined => {
            run.started = None;
            run.last_updated = Some(scheduled);
        }
        Status::InProgress | Status::Canceling => run.last_updated = Some(clock.last.max(clock.t)),
        _ => {
            let done = clock.last + seconds(rng, 1, 20) + jitter(rng);
            run.completed = Some(done);
            run.last_updated = Some(done + seconds(rng, 0, 300) + jitter(rng));
        }
    }
}

/// Task statuses for one user with the given final outcome (which becomes
/// `failed` when no task may fail without stopping the rest).
pub fn task_statuses(rng: &mut Rng, tasks: &[Task], outcome: Status) -> (Status, Vec<Status>) {
    let mut s = vec![Status::Completed; tasks.len()];
    let outcome = match outcome {
        Status::CompletedWithErrors if fail_soft_task(rng, tasks, &mut s) => outcome,
        Status::CompletedWithErrors => Status::Failed,
        Status::Queued | Status::Quarantined => {
            s.fill(Status::Queued);
            outcome
        }
        _ => outcome,
    };
    match outcome {
        Status::Failed => fail_hard_task(rng, tasks, &mut s),
        Status::InProgress | Status::Canceling => stop_at_random_task(rng, &mut s),
        Status::Canceled => cancel_from_random_task(rng, &mut s),
        _ => {}
    }
    (outcome, s)
}

/// Fails one task that continues on error; false when there is none.
fn fail_soft_task(rng: &mut Rng, tasks: &[Task], s: &mut [Status]) -> bool {
    let soft: Vec<usize> = (0..tasks.len())
        .filter(|&i| tasks[i].continue_on_error)
        .collect();
    if soft.is_empty() {
        return false;
    }
    s[*rng.pick(&soft)] = Status::Failed;
    true
}

/// Fails a task that stops on error (any task if none does); later tasks
/// are canceled.
fn fail_hard_task(rng: &mut Rng, tasks: &[Task], s: &mut [Status]) {
    let hard: Vec<usize> = (0..tasks.len())
        .filter(|&i| !tasks[i].continue_on_error)
        .collect();
    let k = if hard.is_empty() {
        rng.below(s.len() as u64) as usize
    } else {
        *rng.pick(&hard)
    };
    s[k] = Status::Failed;
    s[k + 1..].fill(Status::Canceled);
}

/// One task is in progress; the ones after it are queued.
fn stop_at_random_task(rng: &mut Rng, s: &mut [Status]) {
    let k = rng.below(s.len() as u64) as usize;
    s[k] = Status::InProgress;
    s[k + 1..].fill(Status::Queued);
}

/// The tasks from a random one on (possibly none) are canceled.
fn cancel_from_random_task(rng: &mut Rng, s: &mut [Status]) {
    let k = rng.below(s.len() as u64 + 1) as usize;
    s[k..].fill(Status::Canceled);
}
