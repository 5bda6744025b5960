//! The demo tenant as data: the workflows (what they look like and how busy
//! they are), the extra workflow of the large scale, and the fixed ids and
//! runs the Graph documentation examples refer to.

use super::catalog::*;
use super::model::{Conditions, QuarantineConfig, Scope, ScopeGroup, Trigger};
use super::{Category, Scale, Status};
use crate::rng::Guid;
use crate::ticks::{Ticks, DAY, HOUR};

pub const SEED_WF1: &str = "14879e66-9ea9-48d0-804d-8fea672d0341";
pub const SEED_RUN1: &str = "dad77a47-6eda-4de7-bc37-fe8eb5aaf17d";
pub const SEED_WF2: &str = "15239232-66ed-445b-8292-2f5bbb2eb833";
pub const SEED_RUN2: &str = "e65e08a0-d68d-41dc-915b-8c4019af5cc2";
const SEED_UPR1: &str = "78b83505-6967-4168-a7ea-4921c0543ce9";
const SEED_UPR2: &str = "16db611b-2518-48cf-89c0-3763abf8d0ab";
const SEED_UPR3: &str = "40efc576-840f-47d0-ab95-5abca800f8a2";

/// Users of the large run: 100,000 user processing results.
pub const LARGE_RUN_USERS: usize = 100_000;

/// The first users, with the fixed ids the documentation examples use.
pub struct SeedUser {
    pub id: &'static str,
    pub given: &'static str,
    pub surname: &'static str,
}

pub const SEED_USERS: &[SeedUser] = &[
    SeedUser {
        id: "ea09ac2e-77e3-4134-85f2-25ccf3c33387",
        given: "Adele",
        surname: "Vance",
    },
    SeedUser {
        id: "8cdf25a8-c9d2-423e-a03d-3f39f03c3e97",
        given: "Alex",
        surname: "Wilber",
    },
    SeedUser {
        id: "df744d9e-2148-4922-88a8-633896c1e929",
        given: "Megan",
        surname: "Bowen",
    },
];

/// A one-off run over users generated after the demo users.
#[derive(Clone, Copy)]
pub struct BulkRun {
    /// How many users it processes (they are generated for it).
    pub users: usize,
    /// How long before `now` it was scheduled.
    pub ago: Ticks,
}

/// What a workflow looks like and how busy it is.
pub struct Spec {
    pub fixed_id: Option<&'static str>,
    pub name: &'static str,
    pub description: &'static str,
    pub category: Category,
    pub enabled: bool,
    pub scheduling: bool,
    pub quarantined: bool,
    pub deleted: bool,
    pub tasks: &'static [usize],
    /// Runs in the last 90 days and max users a run.
    pub runs: usize,
    pub max_users: i64,
    /// Trigger and scope (or on demand only).
    pub conditions: Conditions,
    /// `settings.quarantineConfiguration`, where set.
    pub quarantine_config: Option<QuarantineConfig>,
    /// What the newest run is doing now.
    pub newest: Option<Status>,
    /// A one-off bulk run added after the history (the large scale's).
    pub bulk_run: Option<BulkRun>,
}

/// The group whose new members the interns' workflow starts for.
const INTERN_GROUPS: &[ScopeGroup] = &[ScopeGroup {
    id: "5d3f8c2a-9b41-4e7a-8c6d-2f1e0a9b7c34",
    display_name: "Summer Interns 2026",
}];

/// A rule with several clauses, a quoted `and` and a nested list.
const PRE_OFFBOARDING_RULE: &str = "(companyName eq 'Contoso') and (department ne 'Research and Development') and (employeeType in ('Employee','Contractor'))";

pub const SPECS: &[Spec] = &[
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
        conditions: Conditions::time("employeeHireDate", -2, "(department eq 'Sales')"),
        quarantine_config: None,
        newest: None,
        bulk_run: None,
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
        conditions: Conditions::time(
            "employeeHireDate",
            0,
            "(department eq 'Marketing') or (department eq 'Engineering')",
        ),
        quarantine_config: Some(QuarantineConfig {
            match_mode: "any",
            count: None,
            percentage: Some(30),
        }),
        newest: Some(Status::InProgress),
        bulk_run: None,
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
        conditions: Conditions::Triggered {
            trigger: Trigger::MembershipChange("add"),
            scope: Scope::Groups(INTERN_GROUPS),
        },
        quarantine_config: None,
        newest: Some(Status::Canceled),
        bulk_run: None,
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
        conditions: Conditions::time("employeeHireDate", 7, "(employeeType eq 'Employee')"),
        quarantine_config: None,
        newest: Some(Status::Queued),
        bulk_run: None,
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
        conditions: Conditions::attribute("department", "(department ne null)"),
        quarantine_config: None,
        newest: None,
        bulk_run: None,
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
        conditions: Conditions::attribute("jobTitle", "(jobTitle ne null)"),
        quarantine_config: None,
        newest: None,
        bulk_run: None,
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
        conditions: Conditions::time("employeeLeaveDateTime", -7, PRE_OFFBOARDING_RULE),
        quarantine_config: None,
        newest: Some(Status::Canceling),
        bulk_run: None,
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
        conditions: Conditions::time("employeeLeaveDateTime", 0, "(accountEnabled eq true)"),
        quarantine_config: Some(QuarantineConfig {
            match_mode: "all",
            count: Some(100),
            percentage: Some(20),
        }),
        newest: None,
        bulk_run: None,
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
        conditions: Conditions::time("employeeLeaveDateTime", 7, "(accountEnabled eq false)"),
        quarantine_config: None,
        newest: None,
        bulk_run: None,
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
        conditions: Conditions::OnDemandOnly,
        quarantine_config: None,
        newest: None,
        bulk_run: None,
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
        conditions: Conditions::time("employeeLeaveDateTime", 0, "(employeeType eq 'Contractor')"),
        quarantine_config: Some(QuarantineConfig {
            match_mode: "any",
            count: Some(50),
            percentage: None,
        }),
        newest: Some(Status::Quarantined),
        bulk_run: None,
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
        conditions: Conditions::time("employeeHireDate", 0, "(employeeType eq 'Rehire')"),
        quarantine_config: None,
        newest: None,
        bulk_run: None,
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
        conditions: Conditions::time("employeeLeaveDateTime", 0, "(department eq 'Legacy')"),
        quarantine_config: None,
        newest: Some(Status::Canceled),
        bulk_run: None,
    },
];

pub const LARGE_SPEC: Spec = Spec {
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
    conditions: Conditions::time(
        "employeeLeaveDateTime",
        0,
        "(companyName eq 'Northwind Traders')",
    ),
    quarantine_config: None,
    newest: None,
    bulk_run: Some(BulkRun {
        users: LARGE_RUN_USERS,
        ago: 2 * DAY + 3 * HOUR,
    }),
};

/// The workflows generated at a scale, in generation order.
pub fn for_scale(scale: Scale) -> impl Iterator<Item = &'static Spec> {
    let extra = match scale {
        Scale::Demo => None,
        Scale::Large => Some(&LARGE_SPEC),
    };
    SPECS.iter().chain(extra)
}

/// A completed on-demand run the Graph documentation examples refer to.
pub struct SeedRun {
    pub workflow: &'static str,
    pub run: &'static str,
    /// How long before `now` it was scheduled.
    pub ago: Ticks,
    /// Indices of its users.
    pub subjects: &'static [u32],
    pub user_result_ids: &'static [&'static str],
}

pub const SEED_RUNS: &[SeedRun] = &[
    SeedRun {
        workflow: SEED_WF1,
        run: SEED_RUN1,
        ago: 9 * DAY + 5 * HOUR,
        subjects: &[0, 1],
        user_result_ids: &[SEED_UPR1, SEED_UPR2],
    },
    SeedRun {
        workflow: SEED_WF2,
        run: SEED_RUN2,
        ago: 9 * DAY + 3 * HOUR,
        subjects: &[2],
        user_result_ids: &[SEED_UPR3],
    },
];

/// A fixed id from this file (all of them parse).
pub fn seed_guid(s: &str) -> Guid {
    Guid::parse(s).unwrap_or(Guid(0))
}
