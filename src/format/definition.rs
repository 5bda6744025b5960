//! A workflow's definition in an admin's words: the trigger ("7 days after
//! Employee hire date", "When added to group Interns", "On demand only"),
//! the scope rule one clause a line, and the quarantine configuration.
//! Attribute names are the Entra admin center's.

use serde_json::Value;

use crate::model::definition::{
    ExecutionConditions, GroupRef, QuarantineCondition, QuarantineConfiguration, Scope, Trigger,
};

/// An attribute as the admin center names it in a time-based trigger
/// ("Employee hire date"); others as words ("job title").
pub fn attribute_label(name: &str) -> String {
    match name {
        "employeeHireDate" => "Employee hire date".into(),
        "employeeLeaveDateTime" => "Employee leave date time".into(),
        "createdDateTime" => "Created date time".into(),
        other => camel_words(other),
    }
}

/// `jobTitle` → `job title`; anything not plain camelCase as it is.
fn camel_words(name: &str) -> String {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() && !out.is_empty() {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The short `@odata.type` of a raw object, or "none given".
fn type_of(v: &Value) -> String {
    v.get("@odata.type")
        .and_then(Value::as_str)
        .map(|t| t.rsplit('.').next().unwrap_or(t).to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "none given".into())
}

/// "Interns", "one of the groups Interns, Sales", "a group" (none listed).
fn groups_words(groups: &[GroupRef]) -> String {
    match groups {
        [] => "a group".into(),
        [one] => format!("group {}", one.name()),
        many => {
            let names: Vec<&str> = many.iter().map(GroupRef::name).collect();
            format!("one of the groups {}", names.join(", "))
        }
    }
}

/// What starts the workflow, as one sentence.
pub fn trigger_words(c: &ExecutionConditions) -> String {
    match c {
        ExecutionConditions::OnDemandOnly => "On demand only".into(),
        ExecutionConditions::Unknown(Value::Null) => "No execution conditions given".into(),
        ExecutionConditions::Unknown(raw) => {
            format!("Unknown execution conditions ({})", type_of(raw))
        }
        ExecutionConditions::Triggered { trigger, scope } => triggered_words(trigger, scope),
    }
}

fn triggered_words(trigger: &Trigger, scope: &Scope) -> String {
    match trigger {
        Trigger::TimeBased {
            attribute,
            offset_in_days,
        } => {
            let label = attribute
                .as_deref()
                .map(attribute_label)
                .unwrap_or_else(|| "an attribute not given".into());
            match offset_in_days {
                Some(0) => format!("On {label}"),
                Some(n) if *n < 0 => format!("{} before {label}", days(n.saturating_abs())),
                Some(n) => format!("{} after {label}", days(*n)),
                None => format!("On or around {label} (offset not given)"),
            }
        }
        Trigger::AttributeChange { attributes } => match attributes.as_slice() {
            [] => "When an attribute changes (none named)".into(),
            [one] => format!("When {} changes", camel_words(one)),
            [rest @ .., last] => {
                let rest: Vec<String> = rest.iter().map(|a| camel_words(a)).collect();
                format!("When {} or {} changes", rest.join(", "), camel_words(last))
            }
        },
        Trigger::MembershipChange { change_type } => {
            let groups = match scope {
                Scope::Groups(groups) => groups_words(groups),
                _ => "a group".into(),
            };
            match change_type.as_deref() {
                Some("add") => format!("When added to {groups}"),
                Some("remove") => format!("When removed from {groups}"),
                Some(other) => format!("When the membership of {groups} changes ({other})"),
                None => format!("When the membership of {groups} changes"),
            }
        }
        Trigger::Unknown(Value::Null) => "No trigger given".into(),
        Trigger::Unknown(raw) => format!("Unknown trigger ({})", type_of(raw)),
    }
}

/// The scope rule one top-level `and`/`or` clause a line, the connector
/// starting its line ("and (department ne 'Sales')"). Parentheses and
/// quoted strings are respected; a rule that does not parse (unbalanced
/// parentheses, an open quote) is one line, whole. A pair of parentheses
/// around the whole rule is looked inside.
pub fn rule_clauses(rule: &str) -> Vec<String> {
    let rule = rule.trim();
    if rule.is_empty() {
        return Vec::new();
    }
    match split_top_level(rule) {
        Some(clauses) if clauses.len() > 1 => clauses,
        Some(_) => match strip_outer(rule) {
            Some(inner) => match split_top_level(inner) {
                Some(clauses) if clauses.len() > 1 => clauses,
                _ => vec![rule.to_string()],
            },
            None => vec![rule.to_string()],
        },
        None => vec![rule.to_string()],
    }
}

/// Parentheses and single-quoted strings read so far in a rule.
#[derive(Default)]
struct Nesting {
    depth: i32,
    quoted: bool,
}

impl Nesting {
    /// Reads one byte; `false` once a `)` closes more than was opened.
    fn read(&mut self, c: u8) -> bool {
        match (self.quoted, c) {
            (true, b'\'') => self.quoted = false,
            (true, _) => {}
            (false, b'\'') => self.quoted = true,
            (false, b'(') => self.depth += 1,
            (false, b')') => self.depth -= 1,
            _ => {}
        }
        self.depth >= 0
    }

    /// Outside every parenthesis and string.
    fn at_top(&self) -> bool {
        self.depth == 0 && !self.quoted
    }
}

/// The clauses at depth 0, or `None` when the rule does not parse.
fn split_top_level(rule: &str) -> Option<Vec<String>> {
    let b = rule.as_bytes();
    let (mut nesting, mut start, mut i) = (Nesting::default(), 0usize, 0usize);
    let mut out = Vec::new();
    while i < b.len() {
        if !nesting.read(b[i]) {
            return None;
        }
        if nesting.at_top() && i > start {
            if let Some(len) = connector_at(b, i) {
                out.push(rule.get(start..i)?.trim().to_string());
                start = i;
                i += len;
                continue;
            }
        }
        i += 1;
    }
    if !nesting.at_top() {
        return None;
    }
    out.push(rule.get(start..)?.trim().to_string());
    Some(out)
}

/// The length of `and`/`or` at `i` when it stands as a word there.
fn connector_at(b: &[u8], i: usize) -> Option<usize> {
    let before = i.checked_sub(1).and_then(|p| b.get(p))?;
    if !(before.is_ascii_whitespace() || *before == b')') {
        return None;
    }
    ["and", "or"].into_iter().find_map(|word| {
        let end = i + word.len();
        let here = b.get(i..end)?;
        let after = b.get(end)?;
        (here.eq_ignore_ascii_case(word.as_bytes())
            && (after.is_ascii_whitespace() || *after == b'('))
            .then_some(word.len())
    })
}

/// The inside of `( … )` when that pair encloses the whole rule.
fn strip_outer(rule: &str) -> Option<&str> {
    let inner = rule.strip_prefix('(')?.strip_suffix(')')?;
    // The first '(' must close at the very end: the inside stays balanced.
    let mut nesting = Nesting::default();
    if !inner.bytes().all(|c| nesting.read(c)) {
        return None;
    }
    nesting.at_top().then_some(inner.trim())
}

/// How the scope reads: the rule's clauses, the groups' names, or what
/// could not be read.
pub fn scope_lines(c: &ExecutionConditions) -> Vec<String> {
    match c {
        ExecutionConditions::OnDemandOnly => {
            vec!["Any user it is started for (no scope: on demand only)".into()]
        }
        ExecutionConditions::Unknown(_) => Vec::new(),
        ExecutionConditions::Triggered { scope, .. } => match scope {
            Scope::Rule(Some(rule)) => rule_clauses(rule),
            Scope::Rule(None) => vec!["A rule was not given".into()],
            Scope::Groups(groups) if groups.is_empty() => {
                vec!["Members of groups (none listed)".into()]
            }
            Scope::Groups(groups) => groups
                .iter()
                .map(|g| format!("Members of {}", g.name()))
                .collect(),
            Scope::Unknown(Value::Null) => vec!["No scope given".into()],
            Scope::Unknown(raw) => vec![format!("Unknown scope ({})", type_of(raw))],
        },
    }
}

/// The rule as written, when the scope is a rule.
pub fn raw_rule(c: &ExecutionConditions) -> Option<&str> {
    match c {
        ExecutionConditions::Triggered {
            scope: Scope::Rule(Some(rule)),
            ..
        } => Some(rule),
        _ => None,
    }
}

/// The quarantine configuration: a heading and one line a condition.
pub fn quarantine_lines(q: &QuarantineConfiguration) -> (String, Vec<String>) {
    let heading = match q.match_mode.as_deref() {
        Some(m) if m.eq_ignore_ascii_case("any") => "Quarantined when any of these is exceeded",
        Some(m) if m.eq_ignore_ascii_case("all") => "Quarantined when all of these are exceeded",
        Some(other) => return (format!("Quarantined by match mode “{other}”"), lines(q)),
        None => "Quarantined when these are exceeded (match mode not given)",
    };
    (heading.to_string(), lines(q))
}

fn lines(q: &QuarantineConfiguration) -> Vec<String> {
    let conditions = q.typed_conditions();
    if conditions.is_empty() {
        return vec!["No conditions listed".into()];
    }
    conditions
        .iter()
        .map(|c| match c {
            QuarantineCondition::Count(Some(n)) => format!("More than {n} users in scope"),
            QuarantineCondition::Count(None) => "A count of users (threshold not given)".into(),
            QuarantineCondition::Percentage(Some(p)) => {
                format!("More than {p}% of the users in scope")
            }
            QuarantineCondition::Percentage(None) => {
                "A share of users (percentage not given)".into()
            }
            QuarantineCondition::Unknown(raw) => format!("Unknown condition ({})", type_of(raw)),
        })
        .collect()
}

/// An argument's value as shown: an empty value says so.
pub fn argument_value(value: &str) -> String {
    if value.trim().is_empty() {
        "(empty)".into()
    } else {
        value.to_string()
    }
}

/// "yes" / "no" / "not given".
pub fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "Yes",
        Some(false) => "No",
        None => super::MISSING,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn conditions(v: Value) -> ExecutionConditions {
        ExecutionConditions::from_value(&v)
    }

    fn time(attribute: &str, offset: i64) -> String {
        trigger_words(&conditions(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.timeBasedAttributeTrigger",
                "timeBasedAttribute": attribute, "offsetInDays": offset},
        })))
    }

    #[test]
    fn time_based_triggers_read_as_the_admin_center_says() {
        assert_eq!(
            time("employeeLeaveDateTime", -14),
            "14 days before Employee leave date time"
        );
        assert_eq!(
            time("employeeHireDate", 7),
            "7 days after Employee hire date"
        );
        assert_eq!(time("employeeHireDate", 0), "On Employee hire date");
        assert_eq!(time("createdDateTime", 1), "1 day after Created date time");
        assert_eq!(
            time("employeeHireDate", -1),
            "1 day before Employee hire date"
        );
    }

    #[test]
    fn change_membership_and_on_demand_triggers_have_words() {
        let attr = conditions(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.attributeChangeTrigger",
                "triggerAttributes": [{"name": "department"}]},
        }));
        assert_eq!(trigger_words(&attr), "When department changes");
        let two = conditions(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.attributeChangeTrigger",
                "triggerAttributes": [{"name": "department"}, {"name": "jobTitle"}]},
        }));
        assert_eq!(trigger_words(&two), "When department or job title changes");
        let group = conditions(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.membershipChangeTrigger", "changeType": "add"},
            "scope": {"@odata.type": "#microsoft.graph.identityGovernance.groupBasedSubjectSet",
                "groups": [{"id": "g1", "displayName": "Summer Interns 2026"}]},
        }));
        assert_eq!(
            trigger_words(&group),
            "When added to group Summer Interns 2026"
        );
        assert_eq!(scope_lines(&group), vec!["Members of Summer Interns 2026"]);
        let removed = conditions(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.membershipChangeTrigger", "changeType": "remove"},
            "scope": {"@odata.type": "#microsoft.graph.identityGovernance.groupBasedSubjectSet", "groups": ["g1", "g2"]},
        }));
        assert_eq!(
            trigger_words(&removed),
            "When removed from one of the groups g1, g2"
        );
        let on_demand = conditions(
            json!({"@odata.type": "#microsoft.graph.identityGovernance.onDemandExecutionOnly"}),
        );
        assert_eq!(trigger_words(&on_demand), "On demand only");
    }

    #[test]
    fn unknown_triggers_are_named_not_failed() {
        let odd = conditions(json!({
            "@odata.type": "#microsoft.graph.identityGovernance.triggerAndScopeBasedConditions",
            "trigger": {"@odata.type": "#microsoft.graph.identityGovernance.moonPhaseTrigger"},
            "scope": {"@odata.type": "#microsoft.graph.identityGovernance.starSignSubjectSet"},
        }));
        assert_eq!(trigger_words(&odd), "Unknown trigger (moonPhaseTrigger)");
        assert_eq!(
            scope_lines(&odd),
            vec!["Unknown scope (starSignSubjectSet)"]
        );
        let none = conditions(Value::Null);
        assert_eq!(trigger_words(&none), "No execution conditions given");
        let other = conditions(
            json!({"@odata.type": "#microsoft.graph.identityGovernance.futureConditions"}),
        );
        assert_eq!(
            trigger_words(&other),
            "Unknown execution conditions (futureConditions)"
        );
    }

    #[test]
    fn each_top_level_clause_is_a_line() {
        assert_eq!(
            rule_clauses("(department eq 'Marketing') or (department eq 'Engineering')"),
            vec![
                "(department eq 'Marketing')",
                "or (department eq 'Engineering')"
            ]
        );
        assert_eq!(
            rule_clauses(
                "(companyName eq 'Contoso') and (department ne 'Research and Development') and (employeeType in ('Employee','Contractor'))"
            ),
            vec![
                "(companyName eq 'Contoso')",
                "and (department ne 'Research and Development')",
                "and (employeeType in ('Employee','Contractor'))"
            ]
        );
        // Inside parentheses and quotes nothing splits; outer parentheses are looked inside.
        assert_eq!(
            rule_clauses("((a eq 'x') AND (b eq 'it''s or not'))"),
            vec!["(a eq 'x')", "AND (b eq 'it''s or not')"]
        );
        assert_eq!(
            rule_clauses("(department eq 'Sales')"),
            vec!["(department eq 'Sales')"]
        );
        assert_eq!(
            rule_clauses("department eq 'Sales and Marketing'"),
            vec!["department eq 'Sales and Marketing'"]
        );
        assert_eq!(
            rule_clauses("a eq 1 and(b eq 2)"),
            vec!["a eq 1", "and(b eq 2)"]
        );
        assert!(rule_clauses("  ").is_empty());
    }

    #[test]
    fn a_rule_that_does_not_parse_is_shown_whole() {
        for bad in [
            "(department eq 'Sales' and (x eq 1)",
            "department eq 'Sales) and (x eq 1",
            "a eq 1) and (b eq 2",
        ] {
            assert_eq!(rule_clauses(bad), vec![bad.to_string()], "{bad}");
        }
    }

    #[test]
    fn a_long_rule_splits_without_losing_a_character() {
        let clause = "(extensionAttribute1 eq 'ü-<b>x</b>')";
        let rule = vec![clause; 100].join(" or ");
        assert!(rule.len() >= 4_000);
        let lines = rule_clauses(&rule);
        assert_eq!(lines.len(), 100);
        assert_eq!(lines.join(" "), rule);
        let whole = format!("{rule} and (");
        assert_eq!(rule_clauses(&whole), vec![whole.clone()]);
    }

    #[test]
    fn quarantine_configuration_reads_as_thresholds() {
        let q: QuarantineConfiguration = crate::model::parse_json(
            r##"{"matchMode":"all","conditions":[
              {"@odata.type":"#microsoft.graph.identityGovernance.countBasedQuarantineCondition","threshold":100},
              {"@odata.type":"#microsoft.graph.identityGovernance.percentageBasedQuarantineCondition","percentage":20}]}"##,
        )
        .expect("configuration");
        let (heading, lines) = quarantine_lines(&q);
        assert_eq!(heading, "Quarantined when all of these are exceeded");
        assert_eq!(
            lines,
            vec![
                "More than 100 users in scope",
                "More than 20% of the users in scope"
            ]
        );
        let empty = QuarantineConfiguration::default();
        assert_eq!(quarantine_lines(&empty).1, vec!["No conditions listed"]);
    }

    #[test]
    fn argument_values_are_text_and_empty_says_so() {
        assert_eq!(argument_value(""), "(empty)");
        assert_eq!(
            argument_value("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        assert_eq!(attribute_label("jobTitle"), "job title");
        assert_eq!(
            attribute_label("extension_9a_Cost-Center"),
            "extension_9a_Cost-Center"
        );
    }
}
