//! The demo accounts offered on the emulator's sign-in page: the first is an
//! administrator with every Lifecycle Workflows permission; the others have
//! fewer, so the viewer's permission warnings can be seen.

/// A demo account: which tenant user it is and what its tokens carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Account {
    /// Index of the tenant user the account signs in as.
    pub user: usize,
    /// What the sign-in page says about it.
    pub role: &'static str,
    /// The delegated permissions its access tokens carry (`scp`).
    pub scopes: &'static str,
}

/// Every demo account, the administrator first.
pub const ACCOUNTS: [Account; 3] = [
    Account {
        user: 0,
        role: "Lifecycle Workflows Administrator: every Lifecycle Workflows permission",
        scopes: "LifecycleWorkflows.ReadWrite.All LifecycleWorkflows.Read.All LifecycleWorkflows-Reports.Read.All LifecycleWorkflows-Workflow.ReadBasic.All LifecycleWorkflows-Workflow.Read.All LifecycleWorkflows-Workflow.Activate User.ReadBasic.All",
    },
    Account {
        user: 1,
        role: "Reports reader: run reports and user names, not the workflow list",
        scopes: "LifecycleWorkflows-Reports.Read.All User.ReadBasic.All",
    },
    Account {
        user: 2,
        role: "Help desk: user names only, no Lifecycle Workflows permission",
        scopes: "User.ReadBasic.All",
    },
];

/// The account at `index` (as posted by the sign-in page).
pub fn get(index: &str) -> Option<Account> {
    ACCOUNTS.get(index.trim().parse::<usize>().ok()?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_account_has_every_read_permission_the_others_fewer() {
        let admin = ACCOUNTS[0].scopes;
        for p in [
            "LifecycleWorkflows-Reports.Read.All",
            "LifecycleWorkflows-Workflow.ReadBasic.All",
            "User.ReadBasic.All",
        ] {
            assert!(admin.split(' ').any(|s| s == p), "{p}");
        }
        assert!(ACCOUNTS[1..].iter().all(|a| a.scopes.len() < admin.len()));
        assert_eq!(get("1"), Some(ACCOUNTS[1]));
        assert_eq!(get("9"), None);
        assert_eq!(get("x"), None);
    }
}
