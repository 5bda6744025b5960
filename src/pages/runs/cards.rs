//! The runs screen's summary cards, in Graph's terms: what
//! `runs/summary(...)` counts, and for the cards that count runs, the
//! status filter that lists exactly those runs (Graph's `failedRuns` are
//! runs with any failure: Failed or Completed with errors).

use crate::components::cards::Card;
use crate::model::{ProcessingStatus, RunSummary, Tone};

/// What a card filters the runs to, if it counts runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum CardFilter {
    /// Every run of the period (no status filter).
    AllRuns,
    /// Runs with one of these statuses.
    Statuses(Vec<ProcessingStatus>),
}

impl CardFilter {
    /// The statuses the runs table filters to (empty: all).
    pub(super) fn statuses(&self) -> Vec<ProcessingStatus> {
        match self {
            CardFilter::AllRuns => Vec::new(),
            CardFilter::Statuses(s) => s.clone(),
        }
    }

    /// Whether `statuses` (the URL's, in any order) is this filter.
    pub(super) fn is_in_force(&self, statuses: &[ProcessingStatus]) -> bool {
        let mine = self.statuses();
        mine.len() == statuses.len() && mine.iter().all(|s| statuses.contains(s))
    }
}

/// One card and the filter it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RunCard {
    pub card: Card,
    pub filter: Option<CardFilter>,
}

/// Label, count, tone, what it counts, and its filter.
type CardSpec = (
    &'static str,
    Option<u32>,
    Tone,
    &'static str,
    Option<CardFilter>,
);

/// The filter of runs with any failure (Graph's `failedRuns`).
pub(super) fn with_failures() -> Vec<ProcessingStatus> {
    vec![
        ProcessingStatus::Failed,
        ProcessingStatus::CompletedWithErrors,
    ]
}

/// The cards of `summary`, each pressed when its filter is `statuses`
/// (and no other run filter is set: `other_filters`).
pub(super) fn run_cards(
    summary: &RunSummary,
    statuses: &[ProcessingStatus],
    other_filters: bool,
) -> Vec<RunCard> {
    let count = |n: Option<u32>| n.map(i64::from);
    let specs: [CardSpec; 5] = [
        (
            "Total runs",
            summary.total_runs,
            Tone::Neutral,
            "every run in the period",
            Some(CardFilter::AllRuns),
        ),
        (
            "Successful runs",
            summary.successful_runs,
            Tone::Success,
            "status Completed",
            Some(CardFilter::Statuses(vec![ProcessingStatus::Completed])),
        ),
        (
            "Runs with failures",
            summary.failed_runs,
            Tone::Danger,
            "Failed or Completed with errors",
            Some(CardFilter::Statuses(with_failures())),
        ),
        (
            "User results",
            summary.total_users,
            Tone::Neutral,
            "users processed, added up over the runs",
            None,
        ),
        (
            "Failed tasks",
            summary.failed_tasks,
            Tone::Danger,
            "task results that failed, added up over the runs",
            None,
        ),
    ];
    specs
        .into_iter()
        .map(|(label, value, tone, counts, filter)| RunCard {
            card: Card {
                label,
                value: count(value),
                tone,
                counts,
                filter: filter
                    .as_ref()
                    .map(|f| !other_filters && f.is_in_force(statuses)),
            },
            filter,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> RunSummary {
        RunSummary {
            total_runs: Some(11),
            successful_runs: Some(4),
            failed_runs: Some(7),
            total_users: Some(87),
            failed_tasks: Some(12),
            total_tasks: Some(200),
        }
    }

    #[test]
    fn failed_runs_filter_to_runs_with_any_failure() {
        let cards = run_cards(&summary(), &[], false);
        let failed = &cards[2];
        assert_eq!(failed.card.value, Some(7));
        assert_eq!(failed.card.label, "Runs with failures");
        assert_eq!(
            failed.filter.as_ref().map(CardFilter::statuses),
            Some(with_failures())
        );
        assert_eq!(
            cards[1].filter.as_ref().map(CardFilter::statuses),
            Some(vec![ProcessingStatus::Completed])
        );
        assert_eq!(cards[0].filter, Some(CardFilter::AllRuns));
    }

    #[test]
    fn users_are_user_results_and_not_a_filter() {
        let cards = run_cards(&summary(), &[], false);
        assert_eq!(cards[3].card.label, "User results");
        assert_eq!(cards[3].card.value, Some(87));
        assert_eq!(cards[3].filter, None);
        assert_eq!(cards[3].card.filter, None);
    }

    #[test]
    fn the_card_of_the_filter_in_force_is_pressed() {
        let reversed = [
            ProcessingStatus::CompletedWithErrors,
            ProcessingStatus::Failed,
        ];
        let pressed: Vec<Option<bool>> = run_cards(&summary(), &reversed, false)
            .iter()
            .map(|c| c.card.filter)
            .collect();
        assert_eq!(pressed, [Some(false), Some(false), Some(true), None, None]);
        let all = run_cards(&summary(), &[], false);
        assert_eq!(all[0].card.filter, Some(true));
        // With a type filter or a search, no card's count is the table's.
        let typed = run_cards(&summary(), &[], true);
        assert_eq!(typed[0].card.filter, Some(false));
    }
}
