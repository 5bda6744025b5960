//! One badge for every status: processing status (run, user, task, task
//! report) and workflow execution type, typed. Colour plus icon plus text, a
//! tooltip that says what the value means at that level, and a neutral badge
//! with the raw value for anything unknown.

use crate::model::{ExecutionType, Level, ProcessingStatus, Tone};
use leptos::prelude::*;

/// What a badge shows: a processing status at a level, or an execution type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadgeValue {
    /// `processingStatus`; its meaning differs by level.
    Processing(Option<ProcessingStatus>, Level),
    /// `workflowExecutionType`.
    Execution(Option<ExecutionType>),
}

impl BadgeValue {
    /// The value as Graph sent it (empty when absent).
    pub fn wire(&self) -> String {
        match self {
            BadgeValue::Processing(s, _) => s.as_ref().map(|s| s.as_str().to_string()),
            BadgeValue::Execution(e) => e.as_ref().map(|e| e.as_str().to_string()),
        }
        .unwrap_or_default()
    }
}

/// The CSS class of a tone.
pub fn tone_class(tone: Tone) -> String {
    format!("badge badge-{}", tone.as_str())
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

/// Describes a value for a badge; never fails.
pub fn badge_info(value: &BadgeValue) -> BadgeInfo {
    match value {
        BadgeValue::Processing(status, level) => processing_info(status.as_ref(), *level),
        BadgeValue::Execution(exec) => execution_info(exec.as_ref()),
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

fn processing_info(status: Option<&ProcessingStatus>, level: Level) -> BadgeInfo {
    let Some(status) = status else {
        return unknown("", "processing status");
    };
    let icon = match status {
        ProcessingStatus::Queued => "◷",
        ProcessingStatus::InProgress => "↻",
        ProcessingStatus::Completed => "✓",
        ProcessingStatus::CompletedWithErrors => "⚠",
        ProcessingStatus::Failed => "✕",
        ProcessingStatus::Canceled | ProcessingStatus::Canceling => "⊘",
        ProcessingStatus::Quarantined => "!",
        ProcessingStatus::UnknownFutureValue | ProcessingStatus::Unknown(_) => {
            return unknown(status.as_str(), "processing status")
        }
    };
    BadgeInfo {
        label: status.label().to_string(),
        icon,
        tone: status.tone(),
        tooltip: status.meaning(level).to_string(),
    }
}

fn execution_info(exec: Option<&ExecutionType>) -> BadgeInfo {
    match exec {
        Some(ExecutionType::Scheduled) => info(
            "Scheduled",
            "↺",
            Tone::Neutral,
            "Started by the workflow's schedule for users who met its execution conditions.",
        ),
        Some(ExecutionType::OnDemand) => info(
            "On demand",
            "▶",
            Tone::Info,
            "Started manually by an administrator (run on demand) for chosen users.",
        ),
        Some(ExecutionType::ActivatedWithScope) => info(
            "Activated with scope",
            "◎",
            Tone::Info,
            "Started by activating the workflow for a chosen scope of users.",
        ),
        Some(ExecutionType::Preview) => info(
            "Preview",
            "◌",
            Tone::Neutral,
            "A preview run of the workflow.",
        ),
        Some(other) => unknown(other.as_str(), "execution type"),
        None => unknown("", "execution type"),
    }
}

/// A status badge: `<span>` with icon, text and a tooltip (`title`).
#[component]
pub fn StatusBadge(
    /// The value to show.
    #[prop(into)]
    value: BadgeValue,
) -> impl IntoView {
    let BadgeInfo {
        label,
        icon,
        tone,
        tooltip,
    } = badge_info(&value);
    view! {
        <span class=tone_class(tone) title=tooltip data-value=value.wire()>
            <span class="badge-icon" aria-hidden="true">{icon}</span>
            <span class="badge-text">{label}</span>
        </span>
    }
}

/// A [`StatusBadge`] whose value changes in place (pooled table rows): the
/// same markup, attributes and text updated instead of rebuilt.
#[component]
pub fn LiveStatusBadge(
    /// The value to show.
    value: Signal<BadgeValue>,
) -> impl IntoView {
    let info = Memo::new(move |_| value.with(badge_info));
    view! {
        <span
            class=move || info.with(|i| tone_class(i.tone))
            title=move || info.with(|i| i.tooltip.clone())
            data-value=move || value.with(BadgeValue::wire)
        >
            <span class="badge-icon" aria-hidden="true">{move || info.with(|i| i.icon)}</span>
            <span class="badge-text">{move || info.with(|i| i.label.clone())}</span>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn processing(raw: &str, level: Level) -> BadgeInfo {
        badge_info(&BadgeValue::Processing(
            Some(ProcessingStatus::from_wire(raw)),
            level,
        ))
    }

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
            for level in [Level::Run, Level::User, Level::Task, Level::TaskReport] {
                let b = processing(raw, level);
                assert!(!b.label.is_empty() && !b.icon.is_empty());
                assert!(!b.tooltip.is_empty(), "{raw} at {level:?}");
            }
        }
    }

    #[test]
    fn meaning_differs_by_level() {
        let run = processing("failed", Level::Run);
        let user = processing("failed", Level::User);
        assert_ne!(run.tooltip, user.tooltip);
        assert_eq!(run.tone, Tone::Danger);
        assert_eq!(tone_class(run.tone), "badge badge-danger");
    }

    #[test]
    fn unknown_values_render_raw_and_neutral() {
        let b = processing("brandNew", Level::Run);
        assert_eq!(b.label, "brandNew");
        assert_eq!(b.tone, Tone::Neutral);
        let e = badge_info(&BadgeValue::Execution(None));
        assert_eq!(e.label, "—");
        let odd = badge_info(&BadgeValue::Execution(Some(ExecutionType::from_wire("x"))));
        assert_eq!(odd.label, "x");
    }
}
