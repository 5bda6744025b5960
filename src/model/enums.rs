//! Graph enums that keep values this viewer has never seen (`Unknown(raw)`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The colour family of a status badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    Success,
    Warning,
    Danger,
    Info,
    Neutral,
}

impl Tone {
    /// A CSS-friendly name: `success`, `warning`, `danger`, `info`, `neutral`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Success => "success",
            Tone::Warning => "warning",
            Tone::Danger => "danger",
            Tone::Info => "info",
            Tone::Neutral => "neutral",
        }
    }
}

/// Declares an enum of Graph wire strings with an `Unknown(String)` variant,
/// `as_str`, `label`, `from_wire` (case-insensitive), `known()` and serde.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
            /// A value this viewer does not know; kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The value as Graph spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(raw) => raw,
                }
            }

            /// Words for people ("In progress"); unknown values as sent.
            pub fn label(&self) -> &str {
                match self {
                    $($name::$variant => $label,)+
                    $name::Unknown(raw) => raw,
                }
            }

            /// Reads a wire value; never fails.
            pub fn from_wire(raw: &str) -> Self {
                let trimmed = raw.trim();
                $(if trimmed.eq_ignore_ascii_case($wire) {
                    return $name::$variant;
                })+
                $name::Unknown(raw.to_string())
            }

            /// Every known value, in declaration order.
            pub fn known() -> &'static [$name] {
                &[$($name::$variant,)+]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                Ok($name::from_wire(&raw))
            }
        }
    };
}

wire_enum!(
    /// `lifecycleWorkflowProcessingStatus` of runs, user results, task results and reports.
    ProcessingStatus {
        Queued => "queued", "Queued";
        InProgress => "inProgress", "In progress";
        Completed => "completed", "Completed";
        CompletedWithErrors => "completedWithErrors", "Completed with errors";
        Canceled => "canceled", "Canceled";
        Failed => "failed", "Failed";
        UnknownFutureValue => "unknownFutureValue", "Unknown future value";
        Canceling => "canceling", "Canceling";
        Quarantined => "quarantined", "Quarantined";
    }
);

impl ProcessingStatus {
    /// `failed` or `completedWithErrors`: something needs an admin's look.
    pub fn is_failure(&self) -> bool {
        matches!(self, Self::Failed | Self::CompletedWithErrors)
    }

    /// Still moving: queued, in progress or canceling.
    pub fn is_running(&self) -> bool {
        matches!(self, Self::Queued | Self::InProgress | Self::Canceling)
    }

    /// Finished one way or another (no further change expected).
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Completed | Self::CompletedWithErrors | Self::Canceled | Self::Failed
        )
    }

    /// Badge colour family.
    pub fn tone(&self) -> Tone {
        match self {
            Self::Completed => Tone::Success,
            Self::CompletedWithErrors | Self::Quarantined | Self::Canceling => Tone::Warning,
            Self::Failed => Tone::Danger,
            Self::Queued | Self::InProgress => Tone::Info,
            Self::Canceled | Self::UnknownFutureValue | Self::Unknown(_) => Tone::Neutral,
        }
    }

    /// Order for "failed first": failures, then running, then the rest.
    pub fn severity_rank(&self) -> u8 {
        match self {
            Self::Failed => 0,
            Self::CompletedWithErrors => 1,
            Self::Quarantined => 2,
            Self::Canceling | Self::Canceled => 3,
            Self::InProgress | Self::Queued => 4,
            Self::Unknown(_) | Self::UnknownFutureValue => 5,
            Self::Completed => 6,
        }
    }
}

wire_enum!(
    /// `workflowExecutionType`: how a run or user result was started.
    ExecutionType {
        Scheduled => "scheduled", "Scheduled";
        OnDemand => "onDemand", "On demand";
        UnknownFutureValue => "unknownFutureValue", "Unknown future value";
        ActivatedWithScope => "activatedWithScope", "Activated with scope";
        Preview => "preview", "Preview";
    }
);

wire_enum!(
    /// `quarantineType`: which threshold put a workflow in quarantine.
    QuarantineType {
        NotQuarantined => "notQuarantined", "Not quarantined";
        CountBasedThresholdExceeded => "countBasedThresholdExceeded", "Too many users in scope (count threshold)";
        PercentageBasedThresholdExceeded => "percentageBasedThresholdExceeded", "Too large a share of users in scope (percentage threshold)";
        MultipleConditionsExceeded => "multipleConditionsExceeded", "Several quarantine conditions exceeded";
        UnknownFutureValue => "unknownFutureValue", "Unknown future value";
    }
);

wire_enum!(
    /// `lifecycleWorkflowCategory` of a workflow, one flag of a task category.
    WorkflowCategory {
        Joiner => "joiner", "Joiner";
        Leaver => "leaver", "Leaver";
        UnknownFutureValue => "unknownFutureValue", "Unknown future value";
        Mover => "mover", "Mover";
        Extensibility => "extensibility", "Extensibility";
    }
);

/// A task's `category`: a flags value such as `"joiner,leaver"`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TaskCategory(pub Vec<WorkflowCategory>);

impl TaskCategory {
    /// Splits `"joiner, leaver"` into flags; empty parts are dropped.
    pub fn from_wire(raw: &str) -> Self {
        TaskCategory(
            raw.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(WorkflowCategory::from_wire)
                .collect(),
        )
    }

    /// Back to the wire form, `"joiner,leaver"`.
    pub fn to_wire(&self) -> String {
        self.0
            .iter()
            .map(WorkflowCategory::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }

    /// `"Joiner, Leaver"`.
    pub fn label(&self) -> String {
        self.0
            .iter()
            .map(WorkflowCategory::label)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the flag is set.
    pub fn contains(&self, category: &WorkflowCategory) -> bool {
        self.0.contains(category)
    }
}

impl Serialize for TaskCategory {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire())
    }
}

impl<'de> Deserialize<'de> for TaskCategory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Ok(TaskCategory::from_wire(&raw))
    }
}
