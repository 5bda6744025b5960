//! Deterministic generation of the demo (and large) tenant from a seed:
//! users, then one workflow per spec with its run history, then the runs the
//! documentation examples refer to. Everything is relative to `now`, over
//! the last 90 days. The data itself is in `specs`.

use super::catalog::*;
use super::runs::{build_run, is_live, jitter, seconds, RunPlan};
use super::specs::{self, seed_guid, BulkRun, Spec, SEED_RUNS};
use super::users::make_users;
use super::{ExecType, Run, Scale, Sizes, Status, Task, User, Workflow};
use crate::rng::{Guid, Rng};
use crate::ticks::{Ticks, DAY, HOUR, MINUTE, SECOND};

/// Users the demo workflows' runs pick from (the large scale adds more).
pub const DEMO_USERS: usize = 600;
/// The tenant's verified domain.
const DOMAIN: &str = "contoso.onmicrosoft.com";
/// One in this many runs of a scheduling workflow was started on demand.
pub const ON_DEMAND_ODDS: u64 = 8;
/// One in this many history runs found no user in scope.
pub const EMPTY_RUN_ODDS: u64 = 6;
/// A history run's users are every this-many-th user from a random one.
const SUBJECT_STRIDE: usize = 7;
/// The oldest 1/this of a workflow's runs ran its previous version.
const OLD_VERSION_SHARE: usize = 3;
const QUARANTINE_REASON: &str = "The workflow was quarantined because the number of users in scope exceeded the configured threshold of 50 users.";

/// What generation makes; `Dataset::new` adds the indices.
pub(super) struct Generated {
    pub tenant_id: Guid,
    pub domain: String,
    pub workflows: Vec<Workflow>,
    pub users: Vec<User>,
}

/// Mixed into the seed for the copies of `--workflows` (their own random
/// stream, so the rest of the tenant does not change with them).
const COPY_STREAM: u64 = 0xC05E_EDC0_71E5;

/// The tenant for a seed, scale and sizes, as of `now`.
pub(super) fn generate(seed: u64, scale: Scale, sizes: Sizes, now: Ticks) -> Generated {
    let mut rng = Rng::new(seed);
    let domain = DOMAIN.to_string();
    let users = make_users(&mut rng, user_count(scale, sizes), &domain);
    let mut workflows: Vec<Workflow> = specs::for_scale(scale)
        .map(|s| make_workflow(&mut rng, s, bulk_of(s, sizes), now))
        .collect();
    add_seed_runs(&mut rng, &mut workflows, now);
    let tenant_id = Guid::from_parts(rng.next_u64(), rng.next_u64());
    if let Some(target) = sizes.workflows {
        add_copies(seed, &mut workflows, target, now);
    }
    Generated {
        tenant_id,
        domain,
        workflows,
        users,
    }
}

/// A spec's bulk run, with its users sized by `sizes.results`.
fn bulk_of(spec: &Spec, sizes: Sizes) -> Option<BulkRun> {
    spec.bulk_run.map(|b| BulkRun {
        users: sizes.results.unwrap_or(b.users),
        ..b
    })
}

/// The demo users plus the users of the scale's bulk runs.
fn user_count(scale: Scale, sizes: Sizes) -> usize {
    let bulk: usize = specs::for_scale(scale)
        .filter_map(|s| bulk_of(s, sizes))
        .map(|b| b.users)
        .sum();
    DEMO_USERS + bulk
}

/// Numbered copies of the live demo workflows (new ids, their own runs)
/// until `target` workflows are live.
fn add_copies(seed: u64, workflows: &mut Vec<Workflow>, target: usize, now: Ticks) {
    let templates: Vec<&Spec> = specs::SPECS
        .iter()
        .filter(|s| !s.deleted && s.bulk_run.is_none())
        .collect();
    let mut rng = Rng::new(seed ^ COPY_STREAM);
    let mut live = workflows.iter().filter(|w| w.deleted.is_none()).count();
    let mut copy = 0;
    while live < target {
        let spec = templates[copy % templates.len()];
        let mut workflow = make_workflow(&mut rng, spec, None, now);
        workflow.id = rng.guid();
        workflow.display_name = format!("{} ({})", spec.name, copy / templates.len() + 2);
        workflows.push(workflow);
        copy += 1;
        live += 1;
    }
}

fn make_workflow(rng: &mut Rng, spec: &Spec, bulk: Option<BulkRun>, now: Ticks) -> Workflow {
    let id = spec.fixed_id.map(seed_guid).unwrap_or_else(|| rng.guid());
    let tasks = make_tasks(rng, spec.tasks);
    let version = rng.range(1, 6) as i32;
    let created = now - rng.range(120, 400) * DAY - seconds(rng, 0, DAY / SECOND);
    let last_modified = now - rng.range(91, 119) * DAY + seconds(rng, 0, DAY / SECOND);
    let deleted = spec
        .deleted
        .then(|| now - rng.range(3, 20) * DAY + jitter(rng));
    let mut runs: Vec<Run> = (0..spec.runs)
        .map(|i| history_run(rng, spec, &tasks, version, now, i))
        .collect();
    runs.extend(bulk.map(|b| bulk_run(rng, &tasks, b, version, now)));
    Workflow {
        id,
        display_name: spec.name.to_string(),
        description: spec.description.to_string(),
        category: spec.category,
        is_enabled: spec.enabled,
        is_scheduling_enabled: spec.scheduling,
        version,
        created,
        last_modified,
        next_schedule: next_schedule(spec, now),
        deleted,
        quarantine: spec
            .quarantined
            .then(|| (now - 3 * HOUR, QUARANTINE_REASON.to_string())),
        conditions: spec.conditions,
        quarantine_config: spec.quarantine_config,
        created_by: Some(author(id, 0)),
        modified_by: Some(author(id, 1)),
        tasks,
        runs,
    }
}

/// One of the first demo users, picked from the id (no draw from `rng`, so
/// the runs generated after it stay as they were).
fn author(id: crate::rng::Guid, which: u32) -> usize {
    ((id.0 >> (8 * which)) % super::specs::SEED_USERS.len() as u128) as usize
}

/// The next 3-hour boundary, for a workflow that runs on schedule.
fn next_schedule(spec: &Spec, now: Ticks) -> Option<Ticks> {
    (spec.enabled && spec.scheduling && !spec.quarantined)
        .then(|| (now / (3 * HOUR) + 1) * 3 * HOUR)
}

fn make_tasks(rng: &mut Rng, kinds: &[usize]) -> Vec<Task> {
    kinds
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let kind = &KINDS[k];
            Task {
                id: rng.guid(),
                display_name: kind.display_name,
                description: kind.description,
                category: kind.category,
                execution_sequence: i as i32 + 1,
                continue_on_error: continues_on_error(k),
                is_enabled: true,
                task_definition_id: kind.definition_id,
                arguments: kind
                    .arguments
                    .iter()
                    .map(|(n, v)| (*n, v.to_string()))
                    .collect(),
                kind: k,
            }
        })
        .collect()
}

/// Notification and extension tasks keep going after an error.
fn continues_on_error(kind: usize) -> bool {
    matches!(
        kind,
        WELCOME
            | REMINDER
            | MAIL_BEFORE
            | MAIL_LAST_DAY
            | MAIL_AFTER
            | MOVER_MAIL
            | ADD_TEAMS
            | CUSTOM_EXT
    )
}

/// The `i`th of the workflow's past runs (the newest in its `newest` state).
fn history_run(
    rng: &mut Rng,
    spec: &Spec,
    tasks: &[Task],
    version: i32,
    now: Ticks,
    i: usize,
) -> Run {
    let scheduled = slot_time(rng, spec, now, i);
    let exec = if !spec.scheduling || rng.one_in(ON_DEMAND_ODDS) {
        ExecType::OnDemand
    } else {
        ExecType::Scheduled
    };
    let subjects = pick_subjects(rng, spec.max_users);
    let state = if i + 1 == spec.runs {
        spec.newest
    } else {
        None
    };
    // A run still going was scheduled a few minutes ago.
    let scheduled = if is_live(state) {
        now - rng.range(2, 20) * MINUTE
    } else {
        scheduled
    };
    let plan = RunPlan {
        id: rng.guid(),
        exec,
        scheduled,
        subjects,
        state,
        version: run_version(version, i, spec.runs),
        upr_ids: &[],
    };
    build_run(rng, tasks, plan)
}

/// The workflow version the `i`th of `runs` runs ran: the oldest ones ran
/// the previous version.
fn run_version(version: i32, i: usize, runs: usize) -> i32 {
    if i * OLD_VERSION_SHARE < runs {
        (version - 1).max(1)
    } else {
        version
    }
}

/// When the `i`th run was scheduled: the history (the last 88 days, or 60
/// days ending 25 days ago for a disabled workflow) is cut into one slot a
/// run, and a run falls in the first half of its slot.
fn slot_time(rng: &mut Rng, spec: &Spec, now: Ticks, i: usize) -> Ticks {
    let (end, span) = if spec.enabled {
        (now - 30 * MINUTE, 88 * DAY)
    } else {
        (now - 25 * DAY, 60 * DAY)
    };
    let slot = span / spec.runs as i64;
    end - span + slot * i as i64 + seconds(rng, 0, slot / SECOND / 2) + jitter(rng)
}

/// Up to `max_users` demo users a stride apart (none, at the named odds).
fn pick_subjects(rng: &mut Rng, max_users: i64) -> Vec<u32> {
    let n = if rng.one_in(EMPTY_RUN_ODDS) {
        0
    } else {
        rng.range(1, max_users) as usize
    };
    let base = rng.below(DEMO_USERS as u64) as usize;
    (0..n)
        .map(|k| ((base + k * SUBJECT_STRIDE) % DEMO_USERS) as u32)
        .collect()
}

/// The bulk run over the users generated after the demo users.
fn bulk_run(rng: &mut Rng, tasks: &[Task], bulk: BulkRun, version: i32, now: Ticks) -> Run {
    let plan = RunPlan {
        id: rng.guid(),
        exec: ExecType::OnDemand,
        scheduled: now - bulk.ago,
        subjects: (0..bulk.users).map(|k| (DEMO_USERS + k) as u32).collect(),
        state: None,
        version,
        upr_ids: &[],
    };
    build_run(rng, tasks, plan)
}

/// Inserts the runs the Graph documentation examples refer to.
fn add_seed_runs(rng: &mut Rng, wfs: &mut [Workflow], now: Ticks) {
    for seed in SEED_RUNS {
        let Some(w) = wfs.iter_mut().find(|w| w.id == seed_guid(seed.workflow)) else {
            continue;
        };
        let plan = RunPlan {
            id: seed_guid(seed.run),
            exec: ExecType::OnDemand,
            scheduled: now - seed.ago,
            subjects: seed.subjects.to_vec(),
            state: Some(Status::Completed),
            version: 1,
            upr_ids: seed.user_result_ids,
        };
        let mut run = build_run(rng, &w.tasks, plan);
        force_success(&mut run);
        insert_by_time(&mut w.runs, run);
    }
}

/// Makes every user and task of a run complete.
fn force_success(run: &mut Run) {
    for u in &mut run.users {
        u.status = Status::Completed;
        let n = u.task_count as usize;
        u.set_task_statuses(&vec![Status::Completed; n]);
        if u.completed.is_none() {
            u.completed = u.started;
        }
    }
    run.status = Status::Completed;
    run.recount();
    if run.completed.is_none() {
        run.completed = run.started;
        run.last_updated = run.started;
    }
}

/// Inserts a run before the first one scheduled later.
fn insert_by_time(runs: &mut Vec<Run>, run: Run) {
    let pos = runs
        .iter()
        .position(|r| r.scheduled > run.scheduled)
        .unwrap_or(runs.len());
    runs.insert(pos, run);
}
