//! The one table of Graph calls → the permissions that allow them, and
//! the directory role a signed-in user also needs. A 403 names the
//! permissions of the call that failed (its [`Call`] travels with the
//! error) and only those the token lacks; the sign-in screen's warnings,
//! the write buttons and the browser sign-in's scopes read the same rows.
//!
//! From the Graph reference (checked against `learn.microsoft.com`), least
//! privileged first: the workflow list and a workflow,
//! `LifecycleWorkflows-Workflow.ReadBasic.All`; versions and deleted
//! workflows, `LifecycleWorkflows-Workflow.Read.All`; runs, results, task
//! reports and their summaries, `LifecycleWorkflows-Reports.Read.All`; the
//! insights functions and task definitions, `LifecycleWorkflows.Read.All`;
//! `activate` and `activateWithScope`, `LifecycleWorkflows-Workflow.Activate`;
//! `cancelProcessing`, `LifecycleWorkflows-Workflow.ReadWrite.All`
//! (Activate is not enough); `clearQuarantine` lists no permission, only
//! the role, so the viewer asks for the ReadWrite permissions as for
//! cancel; user names, `User.ReadBasic.All`. Each broader
//! `LifecycleWorkflows.Read.All` / `ReadWrite.All` also allows the call.

use super::claims::TokenInfo;
use crate::graph::{Call, GraphError};

/// The role template ids (`wids`) that may read Lifecycle Workflows:
/// Global Reader, Lifecycle Workflows Administrator, Global Administrator.
pub const READ_ROLE_IDS: [&str; 3] = [
    "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
    "59d46f88-662b-457b-bceb-5c3809e5908f",
    "62e90394-69f5-4237-9190-012177145e10",
];

/// The role template ids (`wids`) that may write: Lifecycle Workflows
/// Administrator, Global Administrator.
const WRITE_ROLE_IDS: [&str; 2] = [
    "59d46f88-662b-457b-bceb-5c3809e5908f",
    "62e90394-69f5-4237-9190-012177145e10",
];

/// The role a delegated user needs for every write.
pub const WRITE_ROLE: &str = "Lifecycle Workflows Administrator";

/// The roles a delegated user needs to read.
pub const READ_ROLE: &str = "Global Reader or Lifecycle Workflows Administrator";

/// The directory role a signed-in user needs besides the permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Global Reader or Lifecycle Workflows Administrator.
    Reader,
    /// Lifecycle Workflows Administrator.
    Writer,
    /// No role (user names).
    None,
}

impl Role {
    /// Whether a delegated token's `wids` show the role is missing (`false`
    /// when they cannot tell: an app token or no `wids` claim).
    fn is_missing(self, info: &TokenInfo) -> bool {
        let ids: &[&str] = match self {
            Role::Reader => &READ_ROLE_IDS,
            Role::Writer => &WRITE_ROLE_IDS,
            Role::None => return false,
        };
        !info.is_app_only()
            && !info.claims.wids.is_empty()
            && !info
                .claims
                .wids
                .iter()
                .any(|w| ids.iter().any(|r| r.eq_ignore_ascii_case(w)))
    }

    fn name(self) -> Option<&'static str> {
        match self {
            Role::Reader => Some(READ_ROLE),
            Role::Writer => Some(WRITE_ROLE),
            Role::None => None,
        }
    }
}

/// What a call needs: one of its permissions and, for a signed-in user, its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    /// The permissions a message names, least privileged first.
    pub named: &'static [&'static str],
    /// Broader permissions that also allow the call (never asked for).
    pub also: &'static [&'static str],
    pub role: Role,
}

impl Need {
    /// Every permission that allows the call.
    pub fn accepted(&self) -> impl Iterator<Item = &'static str> {
        self.named.iter().chain(self.also.iter()).copied()
    }

    /// Whether the token carries one of them.
    pub fn is_met_by(&self, info: &TokenInfo) -> bool {
        self.held(info).is_some()
    }

    /// The first permission of the call the token carries.
    fn held(&self, info: &TokenInfo) -> Option<&'static str> {
        self.accepted().find(|p| info.has_permission(p))
    }

    /// `A (or B or C)`.
    pub fn names(&self) -> String {
        match self.named.split_first() {
            Some((first, [])) => first.to_string(),
            Some((first, rest)) => format!("{first} (or {})", rest.join(" or ")),
            None => String::new(),
        }
    }

    /// Why a token was refused this call, as far as its claims tell.
    fn reason(&self, info: &TokenInfo) -> String {
        let role = self.role.name();
        match (self.held(info), role) {
            (None, Some(role)) => format!(
                "The token lacks {}, which this call needs; a signed-in user also needs the {role} role.",
                self.names()
            ),
            (None, None) => format!("The token lacks {}, which this call needs.", self.names()),
            (Some(held), Some(role)) if self.role.is_missing(info) => format!(
                "The token has {held}, which this call needs, but the signed-in user holds no {role} role."
            ),
            (Some(held), Some(role)) => format!(
                "The token has {held}, which this call needs, so the refusal is about the role: a signed-in user also needs the {role} role."
            ),
            (Some(held), None) => format!(
                "The token has {held}, which this call needs; Microsoft Graph refused it for another reason."
            ),
        }
    }
}

/// The workflow list and one workflow.
pub const WORKFLOW_LIST: Need = Need {
    named: &[
        "LifecycleWorkflows-Workflow.ReadBasic.All",
        "LifecycleWorkflows.Read.All",
    ],
    also: &[
        "LifecycleWorkflows-Workflow.Read.All",
        "LifecycleWorkflows-Workflow.ReadWrite.All",
        "LifecycleWorkflows.ReadWrite.All",
    ],
    role: Role::Reader,
};

/// A workflow's versions and the deleted workflows.
pub const WORKFLOW_DETAILS: Need = Need {
    named: &[
        "LifecycleWorkflows-Workflow.Read.All",
        "LifecycleWorkflows.Read.All",
    ],
    also: &[
        "LifecycleWorkflows-Workflow.ReadWrite.All",
        "LifecycleWorkflows.ReadWrite.All",
    ],
    role: Role::Reader,
};

/// Runs, user and task results, task reports and their summaries.
pub const REPORTS: Need = Need {
    named: &[
        "LifecycleWorkflows-Reports.Read.All",
        "LifecycleWorkflows.Read.All",
    ],
    also: &["LifecycleWorkflows.ReadWrite.All"],
    role: Role::Reader,
};

/// The tenant-wide insights functions and the task definitions.
pub const TENANT_READ: Need = Need {
    named: &["LifecycleWorkflows.Read.All"],
    also: &["LifecycleWorkflows.ReadWrite.All"],
    role: Role::Reader,
};

/// User names for subject ids.
pub const USERS: Need = Need {
    named: &["User.ReadBasic.All"],
    also: &[
        "User.Read.All",
        "User.ReadWrite.All",
        "Directory.Read.All",
        "Directory.ReadWrite.All",
        "Directory.AccessAsUser.All",
    ],
    role: Role::None,
};

/// `activate` and `activateWithScope`.
pub const ACTIVATE: Need = Need {
    named: &[
        "LifecycleWorkflows-Workflow.Activate",
        "LifecycleWorkflows-Workflow.ReadWrite.All",
        "LifecycleWorkflows.ReadWrite.All",
    ],
    also: &[],
    role: Role::Writer,
};

/// `cancelProcessing` and `clearQuarantine`.
pub const MANAGE: Need = Need {
    named: &[
        "LifecycleWorkflows-Workflow.ReadWrite.All",
        "LifecycleWorkflows.ReadWrite.All",
    ],
    also: &[],
    role: Role::Writer,
};

/// The table: what `call` needs (`None` for a call no permission decides,
/// such as `$batch` itself, whose sub-requests each have their own).
pub fn need(call: Call) -> Option<&'static Need> {
    Some(match call {
        Call::ListWorkflows | Call::GetWorkflow => &WORKFLOW_LIST,
        Call::WorkflowVersions | Call::DeletedWorkflows => &WORKFLOW_DETAILS,
        Call::ListRuns
        | Call::GetRun
        | Call::RunSummary
        | Call::UserResults
        | Call::TaskResults
        | Call::TaskReports => &REPORTS,
        Call::Insights | Call::TaskDefinitions => &TENANT_READ,
        Call::Activate | Call::ActivateWithScope => &ACTIVATE,
        Call::CancelProcessing | Call::ClearQuarantine => &MANAGE,
        Call::Users => &USERS,
        Call::Batch | Call::Other => return None,
    })
}

/// The 403 message: the call that failed, the permissions it needs that
/// the token lacks (or, when it has one, the role), and Graph's words.
/// `info` is the signed-in token's claims, when there is one.
pub fn forbidden_message(error: &GraphError, info: Option<&TokenInfo>) -> String {
    let graph_says = error
        .message
        .as_deref()
        .map(|m| format!(" Microsoft Graph says: {m}"))
        .unwrap_or_default();
    let Some((call, need)) = error.call.and_then(|c| Some((c, need(c)?))) else {
        return format!("{}{graph_says}", error.denied());
    };
    let reason = match info {
        Some(info) => need.reason(info),
        None => format!("This call needs {}.", need.names()),
    };
    format!(
        "Access denied to {} ({}). {reason}{graph_says}",
        call.label(),
        call.purpose()
    )
}

/// A change the viewer can make in a tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteAction {
    /// `activate`.
    RunOnDemand,
    /// `activateWithScope` with an `activateRunScope`.
    Reprocess,
    /// `cancelProcessing` with a `cancelRunsScope`.
    Cancel,
    /// `clearQuarantine`.
    ClearQuarantine,
}

impl WriteAction {
    /// The Graph call that makes the change.
    pub fn call(self) -> Call {
        match self {
            WriteAction::RunOnDemand => Call::Activate,
            WriteAction::Reprocess => Call::ActivateWithScope,
            WriteAction::Cancel => Call::CancelProcessing,
            WriteAction::ClearQuarantine => Call::ClearQuarantine,
        }
    }

    fn need(self) -> &'static Need {
        need(self.call()).unwrap_or(&MANAGE)
    }

    /// Accepted permissions, least privileged first.
    pub fn permissions(self) -> &'static [&'static str] {
        self.need().named
    }

    /// The sentence naming what is needed, for a tooltip or a 403.
    pub fn requirement(self) -> String {
        let (first, rest) = self.need().named.split_first().unwrap_or((&"", &[]));
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!(" (or {})", rest.join(" or "))
        };
        format!(
            "Needs the {first} permission{rest} and, for a signed-in user, the {WRITE_ROLE} role."
        )
    }
}

/// Why a token cannot make a write, or `None` when it can.
pub fn write_denied(info: &TokenInfo, action: WriteAction) -> Option<String> {
    let need = action.need();
    match (need.is_met_by(info), need.role.is_missing(info)) {
        (true, false) => None,
        (false, _) => Some(format!(
            "Your token lacks the permission. {}",
            action.requirement()
        )),
        (true, true) => Some(format!(
            "You are not a {WRITE_ROLE}. {}",
            action.requirement()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    fn info(payload: &str) -> TokenInfo {
        let token = format!("e30.{}.x", URL_SAFE_NO_PAD.encode(payload.as_bytes()));
        TokenInfo::from_token(&token).unwrap()
    }

    #[test]
    fn activate_scope_allows_runs_but_not_cancel() {
        let i = info(
            r#"{"scp":"LifecycleWorkflows-Workflow.Activate","wids":["59d46f88-662b-457b-bceb-5c3809e5908f"]}"#,
        );
        assert_eq!(write_denied(&i, WriteAction::RunOnDemand), None);
        assert_eq!(write_denied(&i, WriteAction::Reprocess), None);
        let why = write_denied(&i, WriteAction::Cancel).unwrap();
        assert!(
            why.contains("LifecycleWorkflows-Workflow.ReadWrite.All"),
            "{why}"
        );
        assert!(why.contains(WRITE_ROLE));
    }

    #[test]
    fn read_only_tokens_and_readers_are_told_what_is_missing() {
        let ro = info(r#"{"scp":"LifecycleWorkflows.Read.All"}"#);
        let why = write_denied(&ro, WriteAction::RunOnDemand).unwrap();
        assert!(why.starts_with("Your token lacks the permission."), "{why}");
        assert!(why.contains("LifecycleWorkflows-Workflow.Activate"));
        let reader = info(
            r#"{"scp":"LifecycleWorkflows.ReadWrite.All","wids":["f2ef992c-3afb-46b9-b7cf-a126ee74c451"]}"#,
        );
        let why = write_denied(&reader, WriteAction::ClearQuarantine).unwrap();
        assert!(
            why.starts_with("You are not a Lifecycle Workflows Administrator."),
            "{why}"
        );
        // No wids claim: the role can't be judged, the permission decides.
        let app = info(r#"{"roles":["LifecycleWorkflows.ReadWrite.All"]}"#);
        assert_eq!(write_denied(&app, WriteAction::Cancel), None);
    }

    fn denied(call: Call) -> GraphError {
        GraphError::from_response(
            403,
            r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"#,
            None,
        )
        .during(call)
    }

    const READER: &str = r#"{"scp":"LifecycleWorkflows-Reports.Read.All User.ReadBasic.All","wids":["f2ef992c-3afb-46b9-b7cf-a126ee74c451"]}"#;

    #[test]
    fn a_denied_workflow_list_names_its_permissions_not_the_reports_one() {
        let why = forbidden_message(&denied(Call::ListWorkflows), Some(&info(READER)));
        assert!(
            why.starts_with("Access denied to GET workflows (the workflow list)."),
            "{why}"
        );
        assert!(
            why.contains(
                "lacks LifecycleWorkflows-Workflow.ReadBasic.All (or LifecycleWorkflows.Read.All)"
            ),
            "{why}"
        );
        assert!(!why.contains("Reports.Read.All"), "{why}");
        assert!(!why.contains("User.ReadBasic.All"), "{why}");
        assert!(
            why.ends_with(
                "Microsoft Graph says: Insufficient privileges to complete the operation."
            ),
            "{why}"
        );
    }

    #[test]
    fn a_denied_call_the_token_has_the_permission_for_is_about_the_role() {
        let why = forbidden_message(&denied(Call::ListRuns), Some(&info(READER)));
        assert!(why.contains("GET workflows/{id}/runs"), "{why}");
        assert!(
            why.contains("The token has LifecycleWorkflows-Reports.Read.All"),
            "{why}"
        );
        assert!(
            why.contains("Global Reader or Lifecycle Workflows Administrator role"),
            "{why}"
        );
        // The wids claim shows no reading role: say so.
        let helpdesk = info(
            r#"{"scp":"LifecycleWorkflows-Reports.Read.All","wids":["729827e3-9c14-49f7-bb1b-9608f156bbb8"]}"#,
        );
        let why = forbidden_message(&denied(Call::GetRun), Some(&helpdesk));
        assert!(
            why.contains("holds no Global Reader or Lifecycle Workflows Administrator role"),
            "{why}"
        );
    }

    #[test]
    fn every_call_a_screen_makes_has_a_row() {
        for call in [
            Call::ListWorkflows,
            Call::GetWorkflow,
            Call::WorkflowVersions,
            Call::DeletedWorkflows,
            Call::TaskDefinitions,
            Call::ListRuns,
            Call::GetRun,
            Call::RunSummary,
            Call::UserResults,
            Call::TaskResults,
            Call::TaskReports,
            Call::Insights,
            Call::Activate,
            Call::ActivateWithScope,
            Call::CancelProcessing,
            Call::ClearQuarantine,
            Call::Users,
        ] {
            let need = need(call).unwrap_or_else(|| panic!("{call:?} has no row"));
            assert!(!need.named.is_empty(), "{call:?}");
        }
        assert_eq!(need(Call::Batch), None);
        let users = forbidden_message(
            &denied(Call::Users),
            Some(&info(r#"{"scp":"LifecycleWorkflows.Read.All"}"#)),
        );
        assert!(
            users.contains("lacks User.ReadBasic.All, which this call needs."),
            "{users}"
        );
        let insights = forbidden_message(&denied(Call::Insights), Some(&info(READER)));
        assert!(
            insights.contains("lacks LifecycleWorkflows.Read.All,"),
            "{insights}"
        );
    }

    #[test]
    fn without_a_call_or_a_token_the_message_stays_general() {
        let bare = GraphError::from_response(403, "", None);
        let why = forbidden_message(&bare, Some(&info(READER)));
        assert!(
            why.starts_with("Access denied: the token lacks a permission"),
            "{why}"
        );
        let why = forbidden_message(&denied(Call::ListWorkflows), None);
        assert!(
            why.contains("This call needs LifecycleWorkflows-Workflow.ReadBasic.All"),
            "{why}"
        );
    }
}
