//! Failure reasons grouped by what they say, not by the ids in them: a
//! reason is normalised into a pattern (GUIDs, UPNs and e-mail addresses,
//! numbers, dates and quoted values become placeholders), and failures are
//! grouped by pattern (one cause across tasks and workflows) or by task and
//! pattern, with counts, the tasks and workflows affected, users, first
//! and last seen and one full example. Pure: no Leptos, no Graph.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

/// Placeholder for a GUID or another long opaque id.
pub const ID: &str = "<id>";
/// Placeholder for a UPN or e-mail address.
pub const USER: &str = "<user>";
/// Placeholder for a number.
pub const NUMBER: &str = "<n>";
/// Placeholder for a date or time.
pub const TIME: &str = "<time>";
/// Placeholder for a quoted value.
pub const VALUE: &str = "<value>";

/// Longest quoted value replaced (longer quotes are prose, kept).
const MAX_QUOTED: usize = 200;

/// The pattern of a failure reason: the same failure with other ids, users,
/// numbers, times or quoted names gives the same pattern.
pub fn reason_pattern(reason: &str) -> String {
    let chars: Vec<char> = reason.chars().collect();
    let mut out = String::with_capacity(reason.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(end) = quoted_end(&chars, i) {
            out.push(c);
            out.push_str(VALUE);
            out.push(chars[end]);
            i = end + 1;
        } else if is_token_char(c) {
            let start = i;
            while i < chars.len() && is_token_char(chars[i]) {
                i += 1;
            }
            push_token(&mut out, &chars[start..i]);
        } else if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out.trim_end().to_string()
}

/// Characters a token (word, id, address, number, time) is made of.
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | ':' | '+' | '/')
}

/// Where a quote opened at `start` closes, when it does soon enough.
fn quoted_end(chars: &[char], start: usize) -> Option<usize> {
    let close = match chars[start] {
        '\'' => '\'',
        '"' => '"',
        '“' => '”',
        '‘' => '’',
        _ => return None,
    };
    // An apostrophe inside a word ("can't") is not a quote.
    if close == '\'' && start > 0 && chars[start - 1].is_alphanumeric() {
        return None;
    }
    let end = chars[start + 1..]
        .iter()
        .take(MAX_QUOTED)
        .position(|&c| c == close)?;
    (end > 0).then_some(start + 1 + end)
}

/// Writes a token, or its placeholder; trailing sentence punctuation stays.
fn push_token(out: &mut String, token: &[char]) {
    let trail = token
        .iter()
        .rev()
        .take_while(|c| matches!(c, '.' | ':' | '-' | '/'))
        .count();
    let (core, rest) = token.split_at(token.len() - trail);
    let core: String = core.iter().collect();
    out.push_str(classify(&core).unwrap_or(&core));
    out.extend(rest);
}

/// The placeholder a token stands for, if any.
fn classify(token: &str) -> Option<&'static str> {
    if token.is_empty() {
        return None;
    }
    if is_guid(token) || is_long_hex(token) {
        Some(ID)
    } else if is_address(token) {
        Some(USER)
    } else if is_time(token) {
        Some(TIME)
    } else if is_number(token) {
        Some(NUMBER)
    } else {
        None
    }
}

fn is_guid(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_long_hex(t: &str) -> bool {
    t.len() >= 16
        && t.chars().all(|c| c.is_ascii_hexdigit())
        && t.chars().any(|c| c.is_ascii_digit())
}

fn is_address(t: &str) -> bool {
    match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        }
        None => false,
    }
}

fn is_time(t: &str) -> bool {
    let b = t.as_bytes();
    let date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/')
        && b[5..7].iter().all(u8::is_ascii_digit);
    let clock = b.len() >= 5
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit);
    date || clock
}

fn is_number(t: &str) -> bool {
    let digits = t.trim_start_matches(['+', '-']);
    !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A cause that reprocessing alone does not remove: the task fails again
/// unchanged until someone fixes it in the directory or the tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FailsAgain {
    /// A dynamic membership group: its rule decides its members.
    DynamicGroup,
    /// The user has no manager (the manager attribute is empty).
    MissingManager,
    /// The tenant's Temporary Access Pass policy is disabled.
    TapPolicyDisabled,
}

impl FailsAgain {
    /// What to change before reprocessing, in a few words.
    pub fn fix(self) -> &'static str {
        match self {
            FailsAgain::DynamicGroup => "a dynamic group's members follow its membership rule",
            FailsAgain::MissingManager => "assign the user a manager first",
            FailsAgain::TapPolicyDisabled => "enable the Temporary Access Pass policy first",
        }
    }

    /// "fails again unchanged: <fix>".
    pub fn advice(self) -> String {
        format!("fails again unchanged: {}", self.fix())
    }
}

/// Whether a failure reason (or its pattern) is of a kind that fails again
/// when reprocessed unchanged, and which.
pub fn fails_again(reason: &str) -> Option<FailsAgain> {
    let text = reason.to_lowercase();
    let has = |words: &[&str]| words.iter().all(|w| text.contains(w));
    if has(&["dynamic", "group"]) && (text.contains("membership") || text.contains("dynamic group"))
    {
        Some(FailsAgain::DynamicGroup)
    } else if [
        "does not have a manager",
        "has no manager",
        "manager attribute is empty",
    ]
    .iter()
    .any(|w| text.contains(w))
        || (text.contains("manager of") && text.contains("not be found"))
    {
        Some(FailsAgain::MissingManager)
    } else if has(&["temporary access pass", "policy"])
        && ["disabled", "not enabled", "is off"]
            .iter()
            .any(|w| text.contains(w))
    {
        Some(FailsAgain::TapPolicyDisabled)
    } else {
        None
    }
}

/// Whether a reason is about the user's manager attribute (a missing manager).
pub fn names_the_manager(reason: &str) -> bool {
    fails_again(reason) == Some(FailsAgain::MissingManager)
}

/// Whether a reason is about a group.
pub fn names_a_group(reason: &str) -> bool {
    reason.to_lowercase().contains("group")
}

/// The group ids a reason names: each GUID written right after the word
/// "group" (quoted or not), lowercased, once each, in order.
pub fn named_group_ids(reason: &str) -> Vec<String> {
    let words: Vec<&str> = reason
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let found = words
        .windows(2)
        .filter(|w| w[0].eq_ignore_ascii_case("group") && is_guid(w[1]))
        .map(|w| w[1].to_ascii_lowercase());
    distinct(found)
}

/// Every GUID in `text` (a task argument's value may list several),
/// lowercased, once each, in order.
pub fn guids_in(text: &str) -> Vec<String> {
    let found = text
        .split(|c: char| !(c.is_ascii_hexdigit() || c == '-'))
        .filter(|w| is_guid(w))
        .map(str::to_ascii_lowercase);
    distinct(found)
}

fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// One failed task of one user, as the failures screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub workflow_id: String,
    pub workflow_name: String,
    pub user_id: String,
    pub task: String,
    pub reason: String,
    /// `reason_pattern(&reason)`, worked out by whoever builds it.
    pub pattern: String,
    pub at: Option<DateTime<Utc>>,
}

/// What makes failures one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// The reason pattern alone: one cause across tasks and workflows.
    Reason,
    /// The task and the reason pattern.
    TaskAndReason,
}

/// Failures that say the same thing (of one task, grouped by task and reason).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FailureGroup {
    pub pattern: String,
    /// The tasks that failed this way, most failures first (one when
    /// grouped by task and reason).
    pub tasks: Vec<String>,
    pub failures: usize,
    pub users: usize,
    /// How many workflows failed this way.
    pub workflows: usize,
    /// Their names, most failures first.
    pub workflow_names: Vec<String>,
    pub first_seen: Option<DateTime<Utc>>,
    pub last_seen: Option<DateTime<Utc>>,
    /// One full reason, the most recent.
    pub example: String,
    /// Whether reprocessing alone fails this way again.
    pub fails_again: Option<FailsAgain>,
    /// How the group was made.
    #[serde(skip)]
    pub by: GroupBy,
    /// Indexes of the group's failures in the input, oldest first.
    #[serde(skip)]
    pub members: Vec<usize>,
}

impl FailureGroup {
    /// The task a group of one task stands for; `""` (any task) for a
    /// group by reason alone.
    pub fn task_key(&self) -> &str {
        match self.by {
            GroupBy::Reason => "",
            GroupBy::TaskAndReason => self.tasks.first().map(String::as_str).unwrap_or_default(),
        }
    }
}

/// Groups `failures` by reason pattern (and task, with
/// [`GroupBy::TaskAndReason`]), most failures first (ties: most recent
/// first, then pattern and task).
pub fn group_failures(failures: &[Failure], by: GroupBy) -> Vec<FailureGroup> {
    let mut by_key: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, f) in failures.iter().enumerate() {
        let task = match by {
            GroupBy::Reason => "",
            GroupBy::TaskAndReason => f.task.as_str(),
        };
        by_key
            .entry((f.pattern.as_str(), task))
            .or_default()
            .push(i);
    }
    let mut groups: Vec<FailureGroup> = by_key
        .into_iter()
        .map(|((pattern, _), members)| summarise(failures, pattern.to_string(), by, members))
        .collect();
    groups.sort_by(|a, b| {
        b.failures
            .cmp(&a.failures)
            .then(b.last_seen.cmp(&a.last_seen))
            .then_with(|| a.pattern.cmp(&b.pattern))
            .then_with(|| a.tasks.cmp(&b.tasks))
    });
    groups
}

/// The distinct values of `members` by `key`, most frequent first (ties
/// by name), and how many distinct ones `id` tells apart.
fn ranked<'a>(
    members: &[usize],
    name: impl Fn(usize) -> &'a str,
    id: impl Fn(usize) -> &'a str,
) -> (Vec<String>, usize) {
    let mut counts: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for &i in members {
        let entry = counts.entry(id(i)).or_insert((0, name(i)));
        entry.0 += 1;
    }
    let distinct = counts.len();
    let mut ranked: Vec<(usize, &str)> = counts.into_values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    (
        ranked.into_iter().map(|(_, n)| n.to_string()).collect(),
        distinct,
    )
}

fn summarise(
    failures: &[Failure],
    pattern: String,
    by: GroupBy,
    mut members: Vec<usize>,
) -> FailureGroup {
    members.sort_by_key(|&i| (failures[i].at, i));
    let users: HashSet<&str> = members
        .iter()
        .map(|&i| failures[i].user_id.as_str())
        .collect();
    let (tasks, _) = ranked(&members, |i| &failures[i].task, |i| &failures[i].task);
    let (workflow_names, workflows) = ranked(
        &members,
        |i| &failures[i].workflow_name,
        |i| &failures[i].workflow_id,
    );
    let times = members.iter().filter_map(|&i| failures[i].at);
    let first_seen = times.clone().min();
    let last_seen = times.max();
    let example = members
        .last()
        .map(|&i| failures[i].reason.clone())
        .unwrap_or_default();
    FailureGroup {
        tasks,
        failures: members.len(),
        users: users.len(),
        workflows,
        workflow_names,
        first_seen,
        last_seen,
        fails_again: fails_again(&pattern),
        pattern,
        example,
        by,
        members,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn permissions_failures_with_other_ids_share_a_pattern() {
        let a = reason_pattern("Insufficient privileges to complete the operation. Request id: 4b2f6c1e-1d6a-4c55-9a0e-2b1f3f1f9a11.");
        let b = reason_pattern("Insufficient privileges to complete the operation. Request id: 9d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b.");
        assert_eq!(a, b);
        assert_eq!(
            a,
            "Insufficient privileges to complete the operation. Request id: <id>."
        );
    }

    #[test]
    fn mailbox_not_found_hides_the_user() {
        assert_eq!(
            reason_pattern("The mailbox of user 'adele.vance@contoso.com' was not found."),
            "The mailbox of user '<value>' was not found."
        );
        assert_eq!(
            reason_pattern("Mailbox not found for adele.vance@contoso.com"),
            "Mailbox not found for <user>"
        );
    }

    #[test]
    fn custom_extension_timeouts_hide_times_and_durations() {
        let a = reason_pattern(
            "Custom task extension callback timed out after 300 seconds at 2026-11-30T08:01:02Z.",
        );
        let b = reason_pattern("Custom task extension callback timed out after 120 seconds at 2026-11-29T22:15:40.123Z.");
        assert_eq!(a, b);
        assert_eq!(
            a,
            "Custom task extension callback timed out after <n> seconds at <time>."
        );
    }

    #[test]
    fn tap_policy_and_manager_missing_stay_readable() {
        let tap =
            "Temporary Access Pass authentication method policy is not enabled for the tenant.";
        assert_eq!(reason_pattern(tap), tap);
        let manager = "The user 'Lee Gu' does not have a manager assigned (manager id 0a1b2c3d4e5f60718293a4b5c6d7e8f9).";
        assert_eq!(
            reason_pattern(manager),
            "The user '<value>' does not have a manager assigned (manager id <id>)."
        );
    }

    #[test]
    fn error_codes_and_contractions_are_kept() {
        assert_eq!(
            reason_pattern("AADSTS65001: The user or administrator hasn't consented."),
            "AADSTS65001: The user or administrator hasn't consented."
        );
    }

    #[test]
    fn whitespace_is_collapsed_and_odd_input_does_not_panic() {
        assert_eq!(reason_pattern("  a \n\t b  "), "a b");
        for odd in [
            "",
            "'",
            "\"",
            "@",
            "-",
            "--",
            "'unterminated",
            "é'ü'ß",
            "1:2",
            "2026-",
        ] {
            let _ = reason_pattern(odd);
        }
    }

    fn failure(wf: &str, user: &str, task: &str, reason: &str, hour: u32) -> Failure {
        Failure {
            workflow_id: wf.into(),
            workflow_name: format!("Workflow {wf}"),
            user_id: user.into(),
            task: task.into(),
            reason: reason.into(),
            pattern: reason_pattern(reason),
            at: Some(Utc.with_ymd_and_hms(2026, 11, 30, hour, 0, 0).unwrap()),
        }
    }

    fn sample() -> Vec<Failure> {
        vec![
            failure(
                "w1",
                "u1",
                "Send welcome email",
                "Mailbox not found for a@contoso.com",
                8,
            ),
            failure(
                "w1",
                "u2",
                "Send welcome email",
                "Mailbox not found for b@contoso.com",
                9,
            ),
            failure(
                "w2",
                "u2",
                "Send welcome email",
                "Mailbox not found for b@contoso.com",
                10,
            ),
            failure(
                "w2",
                "u3",
                "Add user to groups",
                "Mailbox not found for c@contoso.com",
                11,
            ),
            failure(
                "w1",
                "u4",
                "Send welcome email",
                "Insufficient privileges.",
                7,
            ),
        ]
    }

    #[test]
    fn groups_by_task_count_failures_users_workflows_and_keep_the_latest_example() {
        let items = sample();
        let groups = group_failures(&items, GroupBy::TaskAndReason);
        assert_eq!(groups.len(), 3);
        let mail = &groups[0];
        assert_eq!(mail.tasks, vec!["Send welcome email"]);
        assert_eq!(mail.task_key(), "Send welcome email");
        assert_eq!(mail.pattern, "Mailbox not found for <user>");
        assert_eq!((mail.failures, mail.users, mail.workflows), (3, 2, 2));
        assert_eq!(mail.workflow_names, vec!["Workflow w1", "Workflow w2"]);
        assert_eq!(mail.members, vec![0, 1, 2]);
        assert_eq!(mail.example, "Mailbox not found for b@contoso.com");
        assert_eq!(mail.first_seen, items[0].at);
        assert_eq!(mail.last_seen, items[2].at);
        let json = serde_json::to_value(&groups[0]).unwrap();
        assert_eq!(json["failures"], 3);
        assert_eq!(json["tasks"][0], "Send welcome email");
        assert!(json.get("members").is_none());
        // Same pattern, another task: its own group.
        assert!(groups
            .iter()
            .any(|g| g.tasks == vec!["Add user to groups"] && g.failures == 1));
    }

    #[test]
    fn groups_by_reason_find_one_cause_across_tasks_and_workflows() {
        let items = sample();
        let groups = group_failures(&items, GroupBy::Reason);
        assert_eq!(groups.len(), 2);
        let mail = &groups[0];
        assert_eq!(mail.pattern, "Mailbox not found for <user>");
        assert_eq!(mail.task_key(), "");
        assert_eq!(mail.tasks, vec!["Send welcome email", "Add user to groups"]);
        assert_eq!((mail.failures, mail.users, mail.workflows), (4, 3, 2));
        assert_eq!(mail.workflow_names, vec!["Workflow w1", "Workflow w2"]); // 2 each: by name
        assert_eq!(mail.members, vec![0, 1, 2, 3]);
        assert_eq!(mail.example, "Mailbox not found for c@contoso.com");
    }

    #[test]
    fn workflows_are_told_apart_by_id_not_name() {
        let mut items = sample();
        for f in &mut items {
            f.workflow_name = "Same name".into();
        }
        let groups = group_failures(&items, GroupBy::Reason);
        assert_eq!(groups[0].workflows, 2);
        assert_eq!(groups[0].workflow_names, vec!["Same name", "Same name"]);
    }

    #[test]
    fn the_causes_that_fail_again_unchanged_are_known_by_their_words() {
        let again = [
            ("The group 'Sales EMEA' is a dynamic membership group; members can't be added directly.", FailsAgain::DynamicGroup),
            ("Removed from 11 of 12 groups. The group 'All Company (dynamic)' is a dynamic membership group; members can't be removed directly.", FailsAgain::DynamicGroup),
            ("The manager of user adele@contoso.com could not be found (manager attribute is empty). Assign a manager to the user and reprocess the workflow. Request id: 4b2f6c1e-1d6a-4c55-9a0e-2b1f3f1f9a11.", FailsAgain::MissingManager),
            ("The user 'Lee Gu' does not have a manager assigned (manager id 0a1b2c3d4e5f60718293a4b5c6d7e8f9).", FailsAgain::MissingManager),
            ("Temporary Access Pass authentication method policy is disabled in this tenant. Enable it under Authentication methods. Correlation id: 4b2f6c1e-1d6a-4c55-9a0e-2b1f3f1f9a11.", FailsAgain::TapPolicyDisabled),
            ("Temporary Access Pass authentication method policy is not enabled for the tenant.", FailsAgain::TapPolicyDisabled),
        ];
        for (reason, kind) in again {
            assert_eq!(fails_again(reason), Some(kind), "{reason}");
            assert_eq!(
                fails_again(&reason_pattern(reason)),
                Some(kind),
                "pattern of {reason}"
            );
        }
        for passes in [
            "Teams returned 429 Too Many Requests after 3 retries.",
            "A Temporary Access Pass can't be created for a user who already has one that is still valid.",
            "Email could not be sent: the mailbox of a@contoso.com was not found (ErrorInvalidUser; the mail property is empty).",
            "Reminder email sent to the user's manager.",
            "Group '0732f92d-6eb5-4560-80a4-4bf242a7d501' was not found. It may have been deleted.",
            "",
        ] {
            assert_eq!(fails_again(passes), None, "{passes}");
        }
        assert!(FailsAgain::MissingManager.advice().contains("manager"));
    }

    #[test]
    fn a_group_says_whether_it_fails_again_unchanged() {
        let mut items = sample();
        items.push(failure(
            "w3",
            "u9",
            "Mail",
            "The manager of user z@contoso.com could not be found (manager attribute is empty).",
            12,
        ));
        let groups = group_failures(&items, GroupBy::Reason);
        let manager = groups
            .iter()
            .find(|g| g.pattern.starts_with("The manager"))
            .unwrap();
        assert_eq!(manager.fails_again, Some(FailsAgain::MissingManager));
        assert!(groups.iter().filter(|g| g.fails_again.is_none()).count() == 2);
    }

    #[test]
    fn the_groups_a_reason_names_are_found_by_id() {
        assert_eq!(
            named_group_ids("Authorization_RequestDenied: Insufficient privileges to complete the operation on group 4B2F6C1E-1d6a-4c55-9a0e-2b1f3f1f9a11. Request id: 9d0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b."),
            vec!["4b2f6c1e-1d6a-4c55-9a0e-2b1f3f1f9a11"]
        );
        assert_eq!(
            named_group_ids("Group '0732f92d-6eb5-4560-80a4-4bf242a7d501' was not found. It may have been deleted."),
            vec!["0732f92d-6eb5-4560-80a4-4bf242a7d501"]
        );
        assert!(
            named_group_ids("The group 'Sales EMEA' is a dynamic membership group.").is_empty()
        );
        assert!(names_a_group(
            "The group 'Sales EMEA' is a dynamic membership group."
        ));
        assert!(!names_a_group("Teams returned 429."));
        assert_eq!(
            guids_in("0732f92d-6eb5-4560-80a4-4bf242a7d501, 8F3C1C2E-55e2-4a3b-9c7d-1f0e2d3c4b5a;0732f92d-6eb5-4560-80a4-4bf242a7d501"),
            vec!["0732f92d-6eb5-4560-80a4-4bf242a7d501", "8f3c1c2e-55e2-4a3b-9c7d-1f0e2d3c4b5a"]
        );
        assert!(names_the_manager(
            "The manager of user a@contoso.com could not be found (manager attribute is empty)."
        ));
        assert!(!names_the_manager(
            "Reminder email sent to the user's manager."
        ));
    }
}
