//! Which writes a token allows. The Graph reference lists, per action, the
//! least privileged permission and the Lifecycle Workflows Administrator
//! role for delegated users (checked against `learn.microsoft.com`):
//! `activate` and `activateWithScope`: `LifecycleWorkflows-Workflow.Activate`,
//! or `LifecycleWorkflows-Workflow.ReadWrite.All` /
//! `LifecycleWorkflows.ReadWrite.All`; `cancelProcessing`:
//! `LifecycleWorkflows-Workflow.ReadWrite.All` or
//! `LifecycleWorkflows.ReadWrite.All` (Activate is not enough);
//! `clearQuarantine`: the reference lists no permission, only the role, so
//! the viewer asks for the ReadWrite permissions as for cancel.

use super::claims::TokenInfo;

/// The role template ids (`wids`) that may write: Lifecycle Workflows
/// Administrator, Global Administrator.
const WRITE_ROLE_IDS: [&str; 2] = [
    "59d46f88-662b-457b-bceb-5c3809e5908f",
    "62e90394-69f5-4237-9190-012177145e10",
];

/// The role a delegated user needs for every write.
pub const WRITE_ROLE: &str = "Lifecycle Workflows Administrator";

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
    /// Accepted permissions, least privileged first.
    pub fn permissions(self) -> &'static [&'static str] {
        match self {
            WriteAction::RunOnDemand | WriteAction::Reprocess => &[
                "LifecycleWorkflows-Workflow.Activate",
                "LifecycleWorkflows-Workflow.ReadWrite.All",
                "LifecycleWorkflows.ReadWrite.All",
            ],
            WriteAction::Cancel | WriteAction::ClearQuarantine => &[
                "LifecycleWorkflows-Workflow.ReadWrite.All",
                "LifecycleWorkflows.ReadWrite.All",
            ],
        }
    }

    /// The sentence naming what is needed, for a tooltip or a 403.
    pub fn requirement(self) -> String {
        let p = self.permissions();
        let rest = p[1..].join(" or ");
        format!(
            "Needs the {} permission (or {rest}) and, for a signed-in user, the {WRITE_ROLE} role.",
            p[0]
        )
    }
}

/// Why a token cannot make a write, or `None` when it can.
pub fn write_denied(info: &TokenInfo, action: WriteAction) -> Option<String> {
    let has_permission = action.permissions().iter().any(|p| info.has_permission(p));
    let missing_role = !info.is_app_only()
        && !info.claims.wids.is_empty()
        && !info
            .claims
            .wids
            .iter()
            .any(|w| WRITE_ROLE_IDS.iter().any(|r| r.eq_ignore_ascii_case(w)));
    match (has_permission, missing_role) {
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
}
