//! Deterministic generation of the demo (and large) tenant from a seed.
//! Everything is relative to `now`, over the last 90 days.

use std::collections::HashMap;

use super::catalog::{self, KINDS};
use super::names;
use super::{
    Category, Dataset, ExecType, Run, RunCounts, Scale, Status, Task, User, UserResult, Workflow,
};
use crate::rng::{Guid, Rng};
use crate::ticks::{Ticks, DAY, HOUR, MINUTE, SECOND};

pub const SEED_WF1: &str = "14879e66-9ea9-48d0-804d-8fea672d0341";
pub const SEED_RUN1: &str = "dad77a47-6eda-4de7-bc37-fe8eb5aaf17d";
pub const SEED_WF2: &str = "15239232-66ed-445b-8292-2f5bbb2eb833";
pub const SEED_RUN2: &str = "e65e08a0-d68d-41dc-915b-8c4019af5cc2";
const SEED_UPR1: &str = "78b83505-6967-4168-a7ea-4921c0543ce9";
const SEED_UPR2: &str = "16db611b-2518-48cf-89c0-3763abf8d0ab";
const SEED_UPR3: &str = "40efc576-840f-47d0-ab95-5abca800f8a2";
const SEED_SUBJECTS: [&str; 3] = [
    "ea09ac2e-77e3-4134-85f2-25ccf3c33387",
    "8cdf25a8-c9d2-423e-a03d-3f39f03c3e97",
    "df744d9e-2148-4922-88a8-633896c1e929",
];
/// Users of the large run: 100,000 user processing results.
pub const LARGE_RUN_USERS: usize = 100_000;
const DEMO_USERS: usize = 600;

/// What a workflow looks like and how busy it is.
struct Spec {
    fixed_id: Option<&'static str>,
    name: &'static str,
    description: &'static str,
    category: Category,
    enabled: bool,
    scheduling: bool,
    quarantined: bool,
    deleted: bool,
    tasks: &'static [usize],
    /// Runs in the last 90 days and max users a run.
    runs: usize,
    max_users: i64,
    rule: &'static str,
    trigger: &'static str,
    offset: i32,
    /// What the newest run is doing now.
    newest: Option<Status>,
}

use catalog::*;

const SPECS: &[Spec] = &[
    Spec {
        fixed_id: Some(SEED_WF1),
        name: "Onboard pre-hire employee",
        description: "Configure pre-hire tasks for onboarding employees before their first day",
        category: Category::Joiner,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[TAP, WELCOME],
        runs: 30,
        max_users: 12,
        rule: "(department eq 'Sales')",
        trigger: "employeeHireDate",
        offset: -2,
        newest: None,
    },
    Spec {
        fixed_id: Some(SEED_WF2),
        name: "Onboard new hire employee",
        description: "Configure new hire tasks for onboarding employees on their first day",
        category: Category::Joiner,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[ENABLE, ADD_GROUPS, WELCOME],
        runs: 45,
        max_users: 20,
        rule: "(department eq 'Marketing') or (department eq 'Engineering')",
        trigger: "employeeHireDate",
        offset: 0,
        newest: Some(Status::InProgress),
    },
    Spec {
        fixed_id: None,
        name: "Onboard interns – summer cohort",
        description: "Interns get a Temporary Access Pass, groups and Teams",
        category: Category::Joiner,
        enabled: false,
        scheduling: false,
        quarantined: false,
        deleted: false,
        tasks: &[TAP, ADD_GROUPS, ADD_TEAMS],
        runs: 12,
        max_users: 30,
        rule: "(jobTitle eq 'Intern')",
        trigger: "employeeHireDate",
        offset: -1,
        newest: Some(Status::Canceled),
    },
    Spec {
        fixed_id: None,
        name: "Onboarding reminder for managers",
        description: "Remind managers one week after a new hire starts",
        category: Category::Joiner,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[REMINDER, ACCESS_PACKAGE],
        runs: 25,
        max_users: 10,
        rule: "(employeeType eq 'Employee')",
        trigger: "employeeHireDate",
        offset: 7,
        newest: Some(Status::Queued),
    },
    Spec {
        fixed_id: None,
        name: "Mover – department change",
        description: "Update groups and notify the manager when a user changes department",
        category: Category::Mover,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[MOVER_MAIL, REMOVE_SELECTED, ADD_GROUPS, ADD_TEAMS],
        runs: 40,
        max_users: 8,
        rule: "(department ne null)",
        trigger: "department",
        offset: 0,
        newest: None,
    },
    Spec {
        fixed_id: None,
        name: "Mover – job title change notification",
        description: "Tell the manager about a job change; on-demand only",
        category: Category::Mover,
        enabled: true,
        scheduling: false,
        quarantined: false,
        deleted: false,
        tasks: &[MOVER_MAIL, ACCESS_PACKAGE],
        runs: 8,
        max_users: 3,
        rule: "(jobTitle ne null)",
        trigger: "jobTitle",
        offset: 0,
        newest: None,
    },
    Spec {
        fixed_id: None,
        name: "Pre-offboarding of an employee",
        description: "Configure pre-offboarding tasks for employees before their last day of work",
        category: Category::Leaver,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[MAIL_BEFORE, REMOVE_SELECTED, CUSTOM_EXT],
        runs: 35,
        max_users: 10,
        rule: "(companyName eq 'Contoso')",
        trigger: "employeeLeaveDateTime",
        offset: -7,
        newest: Some(Status::Canceling),
    },
    Spec {
        fixed_id: None,
        name: "Offboard an employee",
        description: "Configure offboarding tasks for employees on their last day of work",
        category: Category::Leaver,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[DISABLE, REMOVE_GROUPS, REMOVE_TEAMS, MAIL_LAST_DAY],
        runs: 50,
        max_users: 15,
        rule: "(accountEnabled eq true)",
        trigger: "employeeLeaveDateTime",
        offset: 0,
        newest: None,
    },
    Spec {
        fixed_id: None,
        name: "Post-offboarding of an employee",
        description: "Configure tasks to run after an employee's last day of work",
        category: Category::Leaver,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[REMOVE_LICENSES, REMOVE_GROUPS, DELETE_USER, MAIL_AFTER],
        runs: 30,
        max_users: 12,
        rule: "(accountEnabled eq false)",
        trigger: "employeeLeaveDateTime",
        offset: 7,
        newest: None,
    },
    Spec {
        fixed_id: None,
        name: "Real-time employee termination",
        description: "Remove access immediately; run on demand by HR",
        category: Category::Leaver,
        enabled: true,
        scheduling: false,
        quarantined: false,
        deleted: false,
        tasks: &[
            DISABLE,
            REMOVE_GROUPS,
            REMOVE_TEAMS,
            REMOVE_LICENSES,
            DELETE_USER,
        ],
        runs: 10,
        max_users: 2,
        rule: "(employeeType eq 'Employee')",
        trigger: "employeeLeaveDateTime",
        offset: 0,
        newest: None,
    },
    Spec {
        fixed_id: None,
        name: "Contractor expiry – remove access",
        description:
            "Contractors whose contract ended lose access; quarantined after too many users matched",
        category: Category::Leaver,
        enabled: true,
        scheduling: false,
        quarantined: true,
        deleted: false,
        tasks: &[DISABLE, REMOVE_LICENSES, CUSTOM_EXT],
        runs: 15,
        max_users: 25,
        rule: "(employeeType eq 'Contractor')",
        trigger: "employeeLeaveDateTime",
        offset: 0,
        newest: Some(Status::Quarantined),
    },
    Spec {
        fixed_id: None,
        name: "Rehire – returning employees",
        description: "Re-enable accounts and restore groups for rehired employees",
        category: Category::Joiner,
        enabled: true,
        scheduling: true,
        quarantined: false,
        deleted: false,
        tasks: &[ENABLE, TAP, ADD_GROUPS, WELCOME, CUSTOM_EXT],
        runs: 20,
        max_users: 4,
        rule: "(employeeType eq 'Rehire')",
        trigger: "employeeHireDate",
        offset: 0,
        newest: None,
    },
    Spec {
        fixed_id: None,
        name: "Legacy offboarding (2023)",
        description: "Replaced by 'Offboard an employee'",
        category: Category::Leaver,
        enabled: false,
        scheduling: false,
        quarantined: false,
        deleted: true,
        tasks: &[DISABLE, DELETE_USER],
        runs: 6,
        max_users: 5,
        rule: "(department eq 'Legacy')",
        trigger: "employeeLeaveDateTime",
        offset: 0,
        newest: Some(Status::Canceled),
    },
];

const LARGE_SPEC: Spec = Spec {
    fixed_id: None,
    name: "Offboard divested business unit (bulk)",
    description: "One-time bulk offboarding of the Northwind Traders unit",
    category: Category::Leaver,
    enabled: true,
    scheduling: false,
    quarantined: false,
    deleted: false,
    tasks: &[DISABLE, REMOVE_LICENSES, REMOVE_GROUPS],
    runs: 3,
    max_users: 50,
    rule: "(companyName eq 'Northwind Traders')",
    trigger: "employeeLeaveDateTime",
    offset: 0,
    newest: None,
};

fn guid(s: &str) -> Guid {
    Guid::parse(s).unwrap_or(Guid(0))
}

/// Rough ASCII folding for UPN local parts.
pub fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let r = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'Å' => "a",
            'é' | 'è' | 'ê' | 'ë' | 'É' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ø' => "o",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ñ' => "n",
            'ç' => "c",
            'ł' | 'Ł' => "l",
            'ż' | 'Ż' => "z",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'þ' | 'Þ' => "th",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(r);
    }
    out
}

fn make_users(rng: &mut Rng, count: usize, domain: &str) -> Vec<User> {
    let mut users = Vec::with_capacity(count);
    let mut seen: HashMap<String, u32> = HashMap::new();
    let fixed = [
        ("Adele Vance", "Adele", "Vance"),
        ("Alex Wilber", "Alex", "Wilber"),
        ("Megan Bowen", "Megan", "Bowen"),
    ];
    for i in 0..count {
        let (display, given, surname, local) = if i < fixed.len() {
            let (d, g, s) = fixed[i];
            (
                d.to_string(),
                g.to_string(),
                s.to_string(),
                format!("{}.{}", fold(g), fold(s)),
            )
        } else if i - fixed.len() < names::SPECIAL.len() {
            let (d, g, s, l) = names::SPECIAL[i - fixed.len()];
            (d.to_string(), g.to_string(), s.to_string(), l.to_string())
        } else {
            let g = *rng.pick(names::GIVEN);
            let s = *rng.pick(names::SURNAMES);
            (
                format!("{g} {s}"),
                g.to_string(),
                s.to_string(),
                format!("{}.{}", fold(g), fold(s)),
            )
        };
        let n = seen.entry(local.clone()).or_insert(0);
        *n += 1;
        let local = if *n > 1 { format!("{local}{n}") } else { local };
        let id = if i < SEED_SUBJECTS.len() {
            guid(SEED_SUBJECTS[i])
        } else {
            rng.guid()
        };
        let upn = format!("{local}@{domain}");
        let has_mail = rng.below(20) != 0;
        users.push(User {
            id,
            display_name: display,
            given_name: Some(given),
            surname: Some(surname),
            mail: has_mail.then(|| upn.replace("#EXT#", "")),
            upn,
            job_title: Some(*rng.pick(names::JOBS)),
            department: if rng.below(10) == 0 {
                None
            } else {
                Some(*rng.pick(names::DEPARTMENTS))
            },
            office: Some(*rng.pick(names::OFFICES)),
            preferred_language: Some(*rng.pick(names::LANGUAGES)),
        });
    }
    users
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
                // Notification and extension tasks keep going after an error.
                continue_on_error: matches!(
                    k,
                    WELCOME
                        | REMINDER
                        | MAIL_BEFORE
                        | MAIL_LAST_DAY
                        | MAIL_AFTER
                        | MOVER_MAIL
                        | ADD_TEAMS
                        | CUSTOM_EXT
                ),
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

/// Task statuses for one user with the given final outcome.
pub fn task_statuses(rng: &mut Rng, tasks: &[Task], outcome: Status) -> (Status, Vec<Status>) {
    let n = tasks.len();
    let mut s = vec![Status::Completed; n];
    let mut outcome = outcome;
    match outcome {
        Status::CompletedWithErrors => {
            let soft: Vec<usize> = (0..n).filter(|&i| tasks[i].continue_on_error).collect();
            if soft.is_empty() {
                outcome = Status::Failed;
            } else {
                s[*rng.pick(&soft)] = Status::Failed;
            }
        }
        Status::Queued | Status::Quarantined => s.iter_mut().for_each(|x| *x = Status::Queued),
        _ => {}
    }
    match outcome {
        Status::Failed => {
            let hard: Vec<usize> = (0..n).filter(|&i| !tasks[i].continue_on_error).collect();
            let k = if hard.is_empty() {
                rng.below(n as u64) as usize
            } else {
                *rng.pick(&hard)
            };
            s[k] = Status::Failed;
            for x in s.iter_mut().skip(k + 1) {
                *x = Status::Canceled;
            }
        }
        Status::InProgress | Status::Canceling => {
            let k = rng.below(n as u64) as usize;
            s[k] = Status::InProgress;
            for x in s.iter_mut().skip(k + 1) {
                *x = Status::Queued;
            }
        }
        Status::Canceled => {
            let k = rng.below(n as u64 + 1) as usize;
            for x in s.iter_mut().skip(k) {
                *x = Status::Canceled;
            }
        }
        _ => {}
    }
    (outcome, s)
}

fn roll_user_outcome(rng: &mut Rng, doomed: bool) -> Status {
    if doomed {
        return Status::Failed;
    }
    let r = rng.below(100);
    match r {
        0..=83 => Status::Completed,
        84..=91 => Status::CompletedWithErrors,
        _ => Status::Failed,
    }
}

pub struct RunPlan<'a> {
    pub id: Guid,
    pub exec: ExecType,
    pub scheduled: Ticks,
    pub subjects: Vec<u32>,
    pub state: Option<Status>,
    pub version: i32,
    pub upr_ids: &'a [&'a str],
}

/// Builds one run with its user results from a plan; counters are recomputed.
pub fn build_run(rng: &mut Rng, tasks: &[Task], plan: RunPlan<'_>) -> Run {
    let started = plan.scheduled + rng.range(2, 40) * SECOND + rng.range(0, 9_999_999);
    let doomed = plan.state.is_none() && !plan.subjects.is_empty() && rng.below(40) == 0;
    let canceled =
        plan.state == Some(Status::Canceled) || (plan.state.is_none() && rng.below(30) == 0);
    let live = matches!(
        plan.state,
        Some(Status::Queued | Status::InProgress | Status::Canceling | Status::Quarantined)
    );
    let n = plan.subjects.len();
    let cancel_at = if canceled {
        rng.below(n as u64 + 1) as usize
    } else {
        n
    };
    let mut users = Vec::with_capacity(n);
    let mut t = started;
    let mut last = started;
    for (i, &subject) in plan.subjects.iter().enumerate() {
        let id = plan
            .upr_ids
            .get(i)
            .map(|s| guid(s))
            .unwrap_or_else(|| rng.guid());
        let want = match plan.state {
            Some(Status::Queued) | Some(Status::Quarantined) => Status::Queued,
            Some(Status::InProgress) | Some(Status::Canceling) => {
                if i * 2 < n {
                    roll_user_outcome(rng, false)
                } else if i * 2 == n || i * 2 == n + 1 {
                    if plan.state == Some(Status::Canceling) {
                        Status::Canceling
                    } else {
                        Status::InProgress
                    }
                } else {
                    Status::Queued
                }
            }
            _ if i >= cancel_at => Status::Canceled,
            _ => roll_user_outcome(rng, doomed),
        };
        let (status, task_s) = task_statuses(rng, tasks, want);
        let status = if status == Status::Canceling {
            Status::InProgress
        } else {
            status
        };
        t += rng.range(1, 6) * SECOND / 10 + rng.range(0, 999_999);
        let u_started = (!matches!(status, Status::Queued)).then_some(t);
        let u_completed = if matches!(status, Status::Queued | Status::InProgress) {
            None
        } else {
            let c = t + rng.range(3, 45) * SECOND + rng.range(0, 9_999_999);
            last = last.max(c);
            Some(c)
        };
        let mut u = UserResult {
            id,
            subject,
            status,
            exec_type: plan.exec,
            workflow_version: plan.version,
            scheduled: Some(plan.scheduled),
            started: u_started,
            completed: u_completed,
            task_count: 0,
            task_bits: 0,
        };
        u.set_task_statuses(&task_s);
        users.push(u);
    }
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
    let c = &run.counts;
    run.status = match plan.state {
        Some(s) if live => s,
        _ if canceled => Status::Canceled,
        _ if c.total_users > 0
            && c.failed_users == c.total_users
            && run.users.iter().all(|u| u.status == Status::Failed) =>
        {
            Status::Failed
        }
        _ if c.failed_users > 0 => Status::CompletedWithErrors,
        _ => Status::Completed,
    };
    match run.status {
        Status::Queued | Status::Quarantined => {
            run.started = None;
            run.last_updated = Some(plan.scheduled);
        }
        Status::InProgress | Status::Canceling => run.last_updated = Some(last.max(t)),
        _ => {
            let done = last + rng.range(1, 20) * SECOND + rng.range(0, 9_999_999);
            run.completed = Some(done);
            run.last_updated = Some(done + rng.range(0, 300) * SECOND + rng.range(0, 9_999_999));
        }
    }
    run
}

fn make_workflow(
    rng: &mut Rng,
    spec: &Spec,
    now: Ticks,
    user_count: usize,
    large: bool,
) -> Workflow {
    let id = spec.fixed_id.map(guid).unwrap_or_else(|| rng.guid());
    let tasks = make_tasks(rng, spec.tasks);
    let version = rng.range(1, 6) as i32;
    let created = now - rng.range(120, 400) * DAY - rng.range(0, DAY / SECOND) * SECOND;
    let last_modified = now - rng.range(91, 119) * DAY + rng.range(0, DAY / SECOND) * SECOND;
    let deleted = spec
        .deleted
        .then(|| now - rng.range(3, 20) * DAY + rng.range(0, 9_999_999));
    // A disabled or deleted workflow stopped running some time ago.
    let span_end = if spec.enabled {
        now - 30 * MINUTE
    } else {
        now - 25 * DAY
    };
    let span = if spec.enabled { 88 * DAY } else { 60 * DAY };
    let mut runs = Vec::new();
    let count = spec.runs;
    for i in 0..count {
        let slot = span_end - span + (span / count as i64) * i as i64;
        let scheduled = slot
            + rng.range(0, (span / count as i64) / SECOND / 2) * SECOND
            + rng.range(0, 9_999_999);
        let exec = if !spec.scheduling || rng.below(8) == 0 {
            ExecType::OnDemand
        } else {
            ExecType::Scheduled
        };
        let n = if rng.below(6) == 0 {
            0
        } else {
            rng.range(1, spec.max_users) as usize
        };
        let base = rng.below(user_count as u64) as usize;
        let subjects: Vec<u32> = (0..n)
            .map(|k| ((base + k * 7) % user_count) as u32)
            .collect();
        let state = if i + 1 == count { spec.newest } else { None };
        let scheduled = if matches!(
            state,
            Some(Status::Queued | Status::InProgress | Status::Canceling | Status::Quarantined)
        ) {
            now - rng.range(2, 20) * MINUTE
        } else {
            scheduled
        };
        let run_version = if i * 3 < count {
            (version - 1).max(1)
        } else {
            version
        };
        let plan = RunPlan {
            id: rng.guid(),
            exec,
            scheduled,
            subjects,
            state,
            version: run_version,
            upr_ids: &[],
        };
        runs.push(build_run(rng, &tasks, plan));
    }
    if large {
        let subjects: Vec<u32> = (0..LARGE_RUN_USERS)
            .map(|k| (DEMO_USERS + k) as u32)
            .collect();
        let plan = RunPlan {
            id: rng.guid(),
            exec: ExecType::OnDemand,
            scheduled: now - 2 * DAY - 3 * HOUR,
            subjects,
            state: None,
            version,
            upr_ids: &[],
        };
        runs.push(build_run(rng, &tasks, plan));
    }
    let next_schedule = (spec.enabled && spec.scheduling && !spec.quarantined)
        .then(|| (now / (3 * HOUR) + 1) * 3 * HOUR);
    let quarantine = spec.quarantined.then(|| {
        (now - 3 * HOUR, "The workflow was quarantined because the number of users in scope exceeded the configured threshold of 50 users.".to_string())
    });
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
        next_schedule,
        deleted,
        quarantine,
        scope_rule: spec.rule.to_string(),
        trigger_attribute: spec.trigger,
        offset_days: spec.offset,
        tasks,
        runs,
    }
}

/// Inserts the runs the Graph documentation examples refer to.
fn add_seed_runs(rng: &mut Rng, wfs: &mut [Workflow], now: Ticks) {
    let at = now - 9 * DAY - 5 * HOUR;
    if let Some(w) = wfs.iter_mut().find(|w| w.id == guid(SEED_WF1)) {
        let plan = RunPlan {
            id: guid(SEED_RUN1),
            exec: ExecType::OnDemand,
            scheduled: at,
            subjects: vec![0, 1],
            state: Some(Status::Completed),
            version: 1,
            upr_ids: &[SEED_UPR1, SEED_UPR2],
        };
        let mut run = build_run(rng, &w.tasks, plan);
        force_success(&mut run);
        insert_by_time(&mut w.runs, run);
    }
    if let Some(w) = wfs.iter_mut().find(|w| w.id == guid(SEED_WF2)) {
        let plan = RunPlan {
            id: guid(SEED_RUN2),
            exec: ExecType::OnDemand,
            scheduled: at + 2 * HOUR,
            subjects: vec![2],
            state: Some(Status::Completed),
            version: 1,
            upr_ids: &[SEED_UPR3],
        };
        let mut run = build_run(rng, &w.tasks, plan);
        force_success(&mut run);
        insert_by_time(&mut w.runs, run);
    }
}

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

fn insert_by_time(runs: &mut Vec<Run>, run: Run) {
    let pos = runs
        .iter()
        .position(|r| r.scheduled > run.scheduled)
        .unwrap_or(runs.len());
    runs.insert(pos, run);
}

pub fn generate(seed: u64, scale: Scale, now: Ticks) -> Dataset {
    let mut rng = Rng::new(seed);
    let large = scale == Scale::Large;
    let domain = "contoso.onmicrosoft.com".to_string();
    let user_count = DEMO_USERS + if large { LARGE_RUN_USERS } else { 0 };
    let users = make_users(&mut rng, user_count, &domain);
    let mut workflows: Vec<Workflow> = SPECS
        .iter()
        .map(|s| make_workflow(&mut rng, s, now, DEMO_USERS, false))
        .collect();
    if large {
        workflows.push(make_workflow(&mut rng, &LARGE_SPEC, now, DEMO_USERS, true));
    }
    add_seed_runs(&mut rng, &mut workflows, now);
    let mut ds = Dataset {
        now,
        tenant_id: Guid::from_parts(rng.next_u64(), rng.next_u64()),
        domain,
        workflows,
        users,
        wf_index: HashMap::new(),
        run_index: HashMap::new(),
        upr_index: HashMap::new(),
        user_index: HashMap::new(),
        upn_index: HashMap::new(),
    };
    ds.reindex();
    ds
}
