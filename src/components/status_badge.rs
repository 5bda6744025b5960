//! One badge for every status: processing status (run, user, task, task
//! report) and workflow execution type. Colour plus icon plus text, a tooltip
//! that says what the value means at that level, and a neutral badge with the
//! raw value for anything unknown.

use crate::model::{Level, ProcessingStatus, Tone as ModelTone};
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
    let status = ProcessingStatus::from_wire(raw);
    let icon = match status {
        ProcessingStatus::Queued => "◷",
        ProcessingStatus::InProgress => "↻",
        ProcessingStatus::Completed => "✓",
        ProcessingStatus::CompletedWithErrors => "⚠",
        ProcessingStatus::Failed => "✕",
        ProcessingStatus::Canceled | ProcessingStatus::Canceling => "⊘",
        ProcessingStatus::Quarantined => "!",
        ProcessingStatus::UnknownFutureValue | ProcessingStatus::Unknown(_) => {
            return unknown(raw, "processing status")
        }
    };
    let model_level = match level {
        StatusLevel::Run => Level::Run,
        StatusLevel::User => Level::User,
        StatusLevel::Task | StatusLevel::TaskReport => Level::Task,
    };
    BadgeInfo {
        label: status.label().to_string(),
        icon,
        tone: tone_of(status.tone()),
        tooltip: status.meaning(model_level).to_string(),
    }
}

fn tone_of(tone: ModelTone) -> Tone {
    match tone {
        ModelTone::Success => Tone::Success,
        ModelTone::Warning => Tone::Warning,
        ModelTone::Danger => Tone::Danger,
        ModelTone::Info => Tone::Info,
        ModelTone::Neutral => Tone::Neutral,
    }
}

fn execution_info(raw: &str) -> BadgeInfo {
    match raw {
        "scheduled" => info(
            "Scheduled",
            "↺",
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

/// A [`StatusBadge`] whose value changes in place (pooled table rows): the
/// same markup, attributes and text updated instead of rebuilt.
#[component]
pub fn LiveStatusBadge(
    /// Which enum the value belongs to.
    kind: BadgeKind,
    /// Level of a processing status (ignored for execution types).
    #[prop(default = StatusLevel::Run)]
    level: StatusLevel,
    /// The raw enum value as Graph sent it.
    #[prop(into)]
    value: Signal<String>,
) -> impl IntoView {
    let info = Memo::new(move |_| value.with(|v| badge_info(kind, level, v)));
    view! {
        <span class=move || info.with(|i| i.tone.class()) title=move || info.with(|i| i.tooltip.clone()) data-value=value>
            <span class="badge-icon" aria-hidden="true">{move || info.with(|i| i.icon)}</span>
            <span class="badge-text">{move || info.with(|i| i.label.clone())}</span>
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
