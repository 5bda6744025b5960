//! One badge for every status: processing status (run, user, task, task
//! report) and workflow execution type. Colour plus icon plus text, a tooltip
//! that says what the value means at that level, and a neutral badge with the
//! raw value for anything unknown.

use leptos::prelude::*;

/// Which enum the badge shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadgeKind {
    /// `processingStatus`.
    Processing,
    /// `workflowExecutionType`.
    ExecutionType,
}

/// The level a processing status belongs to; its meaning differs by level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusLevel {
    /// A workflow run.
    Run,
    /// A user processing result.
    User,
    /// A task processing result.
    Task,
    /// A task report (one task across the users of a run).
    TaskReport,
}

/// The colour family of a badge (always paired with an icon and text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Green.
    Success,
    /// Amber.
    Warning,
    /// Red.
    Danger,
    /// Blue.
    Info,
    /// Grey.
    Neutral,
}

impl Tone {
    /// CSS class of the tone.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Success => "badge badge-success",
            Tone::Warning => "badge badge-warning",
            Tone::Danger => "badge badge-danger",
            Tone::Info => "badge badge-info",
            Tone::Neutral => "badge badge-neutral",
        }
    }
}

/// Everything a badge shows for one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadgeInfo {
    /// Visible text.
    pub label: String,
    /// A symbol shown before the text (hidden from screen readers).
    pub icon: &'static str,
    /// Colour family.
    pub tone: Tone,
    /// What the value means at this level.
    pub tooltip: String,
}

/// Describes a raw enum value for a badge; never fails.
pub fn badge_info(kind: BadgeKind, level: StatusLevel, raw: &str) -> BadgeInfo {
    match kind {
        BadgeKind::Processing => processing_info(level, raw),
        BadgeKind::ExecutionType => execution_info(raw),
    }
}

fn info(label: &str, icon: &'static str, tone: Tone, tooltip: &str) -> BadgeInfo {
    BadgeInfo {
        label: label.to_string(),
        icon,
        tone,
        tooltip: tooltip.to_string(),
    }
}

fn unknown(raw: &str, what: &str) -> BadgeInfo {
    let label = if raw.is_empty() { "—" } else { raw };
    BadgeInfo {
        label: label.to_string(),
        icon: "?",
        tone: Tone::Neutral,
        tooltip: format!("A {what} value this viewer does not know yet: {label}"),
    }
}

fn processing_info(level: StatusLevel, raw: &str) -> BadgeInfo {
    let (label, icon, tone) = match raw {
        "queued" => ("Queued", "◷", Tone::Neutral),
        "inProgress" => ("In progress", "↻", Tone::Info),
        "completed" => ("Completed", "✓", Tone::Success),
        "completedWithErrors" => ("Completed with errors", "⚠", Tone::Warning),
        "failed" => ("Failed", "✕", Tone::Danger),
        "canceled" => ("Canceled", "⊘", Tone::Neutral),
        "canceling" => ("Canceling", "⊘", Tone::Neutral),
        "quarantined" => ("Quarantined", "⛔", Tone::Danger),
        _ => return unknown(raw, "processing status"),
    };
    info(label, icon, tone, &processing_tooltip(level, raw))
}

fn processing_tooltip(level: StatusLevel, raw: &str) -> String {
    use StatusLevel::*;
    let text = match (level, raw) {
        (_, "queued") => "Waiting to be processed.",
        (_, "inProgress") => "Processing has started and is not finished yet.",
        (_, "canceling") => "A cancellation was requested and is being applied.",
        (_, "quarantined") => {
            "The workflow was quarantined (too many failures or users in scope); processing stopped."
        }
        (Run, "completed") => "Every task ran successfully for every user in the run.",
        (Run, "completedWithErrors") => {
            "Some users succeeded; at least one task failed for at least one user."
        }
        (Run, "failed") => "Every task failed for every user in the run.",
        (Run, "canceled") => {
            "The run was frozen: the workflow was disabled, deleted or replaced by a new version."
        }
        (User, "completed") => "Every task succeeded for this user.",
        (User, "completedWithErrors") => {
            "A task with continue-on-error = true failed; the remaining tasks still ran."
        }
        (User, "failed") => {
            "A task with continue-on-error = false failed; the tasks after it did not run."
        }
        (User, "canceled") => {
            "Processing for this user was frozen: workflow disabled, deleted, a new version, or the user left the scope."
        }
        (Task, "completed") => "This task succeeded for the user.",
        (Task, "completedWithErrors") => "This task finished with errors.",
        (Task, "failed") => "This task failed for the user; read its failure reason.",
        (Task, "canceled") => "This task did not run because processing was canceled.",
        (TaskReport, "completed") => "This task succeeded for every user it ran for.",
        (TaskReport, "completedWithErrors") => "This task failed for some users.",
        (TaskReport, "failed") => "This task failed for every user it ran for.",
        (TaskReport, "canceled") => "This task was canceled before it ran.",
        _ => "",
    };
    text.to_string()
}

fn execution_info(raw: &str) -> BadgeInfo {
    match raw {
        "scheduled" => info(
            "Scheduled",
            "⏲",
            Tone::Neutral,
            "Started by the workflow's schedule for users who met its execution conditions.",
        ),
        "onDemand" => info(
            "On demand",
            "▶",
            Tone::Info,
            "Started manually by an administrator (run on demand) for chosen users.",
        ),
        "activatedWithScope" => info(
            "Activated with scope",
            "◎",
            Tone::Info,
            "Started by activating the workflow for a chosen scope of users.",
        ),
        "preview" => info(
            "Preview",
            "◌",
            Tone::Neutral,
            "A preview run of the workflow.",
        ),
        _ => unknown(raw, "execution type"),
    }
}

/// A status badge: `<span>` with icon, text and a tooltip (`title`).
#[component]
pub fn StatusBadge(
    /// Which enum the value belongs to.
    kind: BadgeKind,
    /// Level of a processing status (ignored for execution types).
    #[prop(default = StatusLevel::Run)]
    level: StatusLevel,
    /// The raw enum value as Graph sent it.
    #[prop(into)]
    value: String,
) -> impl IntoView {
    let BadgeInfo {
        label,
        icon,
        tone,
        tooltip,
    } = badge_info(kind, level, &value);
    view! {
        <span class=tone.class() title=tooltip data-value=value>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            <span class="badge-text">{label}</span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_statuses_have_text_icon_and_tooltip() {
        for raw in [
            "queued",
            "inProgress",
            "completed",
            "completedWithErrors",
            "failed",
            "canceled",
            "canceling",
            "quarantined",
        ] {
            for level in [
                StatusLevel::Run,
                StatusLevel::User,
                StatusLevel::Task,
                StatusLevel::TaskReport,
            ] {
                let b = badge_info(BadgeKind::Processing, level, raw);
                assert!(!b.label.is_empty() && !b.icon.is_empty());
                assert!(!b.tooltip.is_empty(), "{raw} at {level:?}");
            }
        }
    }

    #[test]
    fn meaning_differs_by_level() {
        let run = badge_info(BadgeKind::Processing, StatusLevel::Run, "failed");
        let user = badge_info(BadgeKind::Processing, StatusLevel::User, "failed");
        assert_ne!(run.tooltip, user.tooltip);
        assert_eq!(run.tone, Tone::Danger);
    }

    #[test]
    fn unknown_values_render_raw_and_neutral() {
        let b = badge_info(BadgeKind::Processing, StatusLevel::Run, "brandNew");
        assert_eq!(b.label, "brandNew");
        assert_eq!(b.tone, Tone::Neutral);
        let e = badge_info(BadgeKind::ExecutionType, StatusLevel::Run, "");
        assert_eq!(e.label, "—");
    }
}
