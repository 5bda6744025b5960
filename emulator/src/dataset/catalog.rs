//! Built-in Lifecycle Workflows task definitions, with the failure reasons and
//! processing notes the real service writes for them.

/// A failure reason may hold placeholders that vary per failure, as the
/// service's texts do: `{upn}` (the user), `{id}` and `{id2}` (GUIDs),
/// `{hex}` (a 32-digit id), `{n}` (a number) and `{time}` (ISO 8601 UTC).
pub struct TaskKind {
    pub display_name: &'static str,
    pub description: &'static str,
    pub category: &'static str,
    pub definition_id: &'static str,
    pub arguments: &'static [(&'static str, &'static str)],
    pub failures: &'static [&'static str],
    pub info: &'static str,
}

pub const TAP: usize = 0;
pub const WELCOME: usize = 1;
pub const ADD_GROUPS: usize = 2;
pub const ENABLE: usize = 3;
pub const ADD_TEAMS: usize = 4;
pub const REMINDER: usize = 5;
pub const DISABLE: usize = 6;
pub const REMOVE_GROUPS: usize = 7;
pub const REMOVE_TEAMS: usize = 8;
pub const REMOVE_LICENSES: usize = 9;
pub const DELETE_USER: usize = 10;
pub const MAIL_BEFORE: usize = 11;
pub const MAIL_LAST_DAY: usize = 12;
pub const MAIL_AFTER: usize = 13;
pub const CUSTOM_EXT: usize = 14;
pub const MOVER_MAIL: usize = 15;
pub const REMOVE_SELECTED: usize = 16;
pub const ACCESS_PACKAGE: usize = 17;

const NO_MANAGER: &str = "The manager of user {upn} could not be found (manager attribute is empty). Assign a manager to the user and reprocess the workflow. Request id: {id}.";
const NO_MAIL: &str = "Email could not be sent: the mailbox of {upn} was not found (ErrorInvalidUser; the mail property is empty). Request id: {id}.";

pub const KINDS: &[TaskKind] = &[
    TaskKind {
        display_name: "Generate TAP And Send Email",
        description: "Generate Temporary Access Pass and send via email to user's manager",
        category: "joiner",
        definition_id: "1b555e50-7f65-41d5-b514-5894a026d10d",
        arguments: &[("tapLifetimeMinutes", "480"), ("tapIsUsableOnce", "true")],
        failures: &[
            NO_MANAGER,
            "Temporary Access Pass authentication method policy is disabled in this tenant. Enable it under Authentication methods. Correlation id: {id}.",
            "A Temporary Access Pass can't be created for a user who already has one that is still valid.",
        ],
        info: "Temporary Access Pass created and sent to the user's manager.",
    },
    TaskKind {
        display_name: "Send Welcome Email",
        description: "Send welcome email to new hire",
        category: "joiner",
        definition_id: "70b29d51-b59a-4773-9280-8841dfd3f2ea",
        arguments: &[("cc", ""), ("customSubject", "Welcome to Contoso!"), ("locale", "en-us")],
        failures: &[NO_MAIL, "The mailbox of the user isn't provisioned yet. Exchange Online returned 'MailboxNotEnabledForRESTAPI'."],
        info: "Welcome email sent.",
    },
    TaskKind {
        display_name: "Add user to groups",
        description: "Add user to selected groups",
        category: "joiner,leaver,mover",
        definition_id: "22085229-5809-45e8-97fd-270d28d66910",
        arguments: &[("groupID", "0732f92d-6eb5-4560-80a4-4bf242a7d501")],
        failures: &[
            "Authorization_RequestDenied: Insufficient privileges to complete the operation on group {id}. Request id: {id2}.",
            "The group 'Sales EMEA' is a dynamic membership group; members can't be added directly.",
            "Group '0732f92d-6eb5-4560-80a4-4bf242a7d501' was not found. It may have been deleted.",
        ],
        info: "User added to 1 group.",
    },
    TaskKind {
        display_name: "Enable User Account",
        description: "Enable user account in the directory",
        category: "joiner,mover",
        definition_id: "6fc52c9d-398b-4305-9763-15f42c1676fc",
        arguments: &[],
        failures: &["The user is synchronized from on-premises Active Directory; accountEnabled can only be changed on-premises."],
        info: "User account enabled.",
    },
    TaskKind {
        display_name: "Add user to teams",
        description: "Add user to selected teams",
        category: "joiner,leaver,mover",
        definition_id: "e440ed8d-25a1-4618-84ce-091ed5be5594",
        arguments: &[("teamID", "1c4a2d1f-6a66-4a4b-a7a3-0c9a8c27a4ee")],
        failures: &["The team is archived; membership changes are not allowed.", "Teams returned 429 Too Many Requests after 3 retries."],
        info: "User added to 1 team.",
    },
    TaskKind {
        display_name: "Send onboarding reminder email",
        description: "Send onboarding reminder email to user's manager",
        category: "joiner",
        definition_id: "3c860712-2d37-42a4-928f-5c93935d26a1",
        arguments: &[("cc", ""), ("locale", "en-us")],
        failures: &[NO_MANAGER, NO_MAIL],
        info: "Reminder email sent to the user's manager.",
    },
    TaskKind {
        display_name: "Disable User Account",
        description: "Disable user account in the directory",
        category: "joiner,leaver",
        definition_id: "1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950",
        arguments: &[],
        failures: &[
            "The user is synchronized from on-premises Active Directory; accountEnabled can only be changed on-premises.",
            "Insufficient privileges: the user holds a privileged administrator role and can't be disabled by Lifecycle Workflows.",
        ],
        info: "User account disabled.",
    },
    TaskKind {
        display_name: "Remove user from all groups",
        description: "Remove user from all Azure AD groups memberships",
        category: "leaver",
        definition_id: "b3a31406-2a15-4c9a-b25b-a658fa5f07fc",
        arguments: &[],
        failures: &[
            "Removed from 11 of 12 groups. The group 'All Company (dynamic)' is a dynamic membership group; members can't be removed directly.",
            "Mail-enabled security group 'Legal-DL' is managed in Exchange Online and can't be changed through Microsoft Graph.",
        ],
        info: "User removed from all groups.",
    },
    TaskKind {
        display_name: "Remove user from all Teams",
        description: "Remove user from all Teams memberships",
        category: "leaver",
        definition_id: "81f7b200-2816-4762-a6e3-4ea8b4c0a1a4",
        arguments: &[],
        failures: &["The user is the last owner of team 'Project Falcon'; a team must keep at least one owner."],
        info: "User removed from all teams.",
    },
    TaskKind {
        display_name: "Remove all licenses for user",
        description: "Remove all licenses assigned to the user",
        category: "leaver",
        definition_id: "8fa97d28-3e52-4985-b3a9-a1126f9b8b4e",
        arguments: &[],
        failures: &[
            "License 'ENTERPRISEPACK' is assigned through group membership and can't be removed directly from the user.",
            "License removal failed: dependent service plan 'EXCHANGE_S_ENTERPRISE' is still required by another license.",
        ],
        info: "All directly assigned licenses removed.",
    },
    TaskKind {
        display_name: "Delete User Account",
        description: "Delete user account in Azure AD",
        category: "leaver",
        definition_id: "8d18588d-9ad3-4c0f-99d0-ec215f0e3dff",
        arguments: &[],
        failures: &["The user is synchronized from on-premises Active Directory and can't be deleted in the cloud."],
        info: "User deleted; it stays restorable from deleted items for 30 days.",
    },
    TaskKind {
        display_name: "Send email before user's last day",
        description: "Send offboarding email to user's manager before the last day of work",
        category: "leaver",
        definition_id: "52853a3e-f4e5-4eb8-bb24-1ac09a1da935",
        arguments: &[("cc", ""), ("locale", "en-us")],
        failures: &[NO_MANAGER, NO_MAIL],
        info: "Email sent to the user's manager.",
    },
    TaskKind {
        display_name: "Send email on user's last day",
        description: "Send offboarding email to user's manager on the last day of work",
        category: "leaver",
        definition_id: "9c0a1eaf-5bda-4392-9d9e-6e155bb57411",
        arguments: &[("cc", ""), ("locale", "en-us")],
        failures: &[NO_MANAGER, NO_MAIL],
        info: "Email sent to the user's manager.",
    },
    TaskKind {
        display_name: "Send email after user's last day",
        description: "Send offboarding email to user's manager after the last day of work",
        category: "leaver",
        definition_id: "6f22ddd4-b3a5-47a4-a846-0d7c201a49ce",
        arguments: &[("cc", ""), ("locale", "en-us")],
        failures: &[NO_MANAGER],
        info: "Email sent to the user's manager.",
    },
    TaskKind {
        display_name: "Run a Custom Task Extension",
        description: "Run a Custom Task Extension to call-out to an external system.",
        category: "joiner,leaver,mover",
        definition_id: "4262b724-8dba-4fad-afc3-43fcbb497a0e",
        arguments: &[("customTaskExtensionID", "ff4a8e8b-2f9f-4f10-9c0f-2c6c0e2a1b11")],
        failures: &[
            "The custom task extension did not call back within the timeout of {n} minutes (callback started {time}). Logic App run id: {hex}.",
            "The Logic App returned status 'Failed': ActionFailed: An action failed. No dependent actions succeeded.",
            "Authorization failed when calling the Logic App: the managed identity lacks the 'Logic App Contributor' role. Request id: {id}.",
        ],
        info: "Custom task extension callback received: status Completed.",
    },
    TaskKind {
        display_name: "Send email to notify manager of user move",
        description: "Send email to notify user's manager of user move",
        category: "mover",
        definition_id: "aab41899-9972-422a-9d97-f626014578b7",
        arguments: &[("cc", ""), ("locale", "en-us")],
        failures: &[NO_MANAGER, NO_MAIL],
        info: "Email sent to the user's manager.",
    },
    TaskKind {
        display_name: "Remove user from selected groups",
        description: "Remove user from membership of selected Azure AD groups",
        category: "leaver,mover",
        definition_id: "1953a66c-751c-45e5-8bfe-01462c70da3c",
        arguments: &[("groupID", "8f3c1c2e-55e2-4a3b-9c7d-1f0e2d3c4b5a")],
        failures: &["The group 'Sales – EMEA' is a dynamic membership group; members can't be removed directly."],
        info: "User removed from 1 group.",
    },
    TaskKind {
        display_name: "Request user access package assignment",
        description: "Request user assignment to selected access package",
        category: "joiner,mover",
        definition_id: "c1ec1e76-f374-4375-aaa6-0bb6bd4c60be",
        arguments: &[("assignmentPolicyId", "c5e0c0d1-3f9b-4a66-8f0e-0a4b8d3c2e10"), ("accessPackageId", "e7a1b2c3-4d5e-4f60-8a9b-0c1d2e3f4a5b")],
        failures: &["The access package assignment policy requires approval; the request is pending and will expire in 14 days."],
        info: "Access package assignment requested.",
    },
];
