//! The runs table's empty state in words that fit the filter in force: a
//! Failed filter that finds nothing points at "Completed with errors" (what
//! the summary counts as failed runs), other filters are named, and under an
//! error nothing but the error is said.

use super::query::RunsQuery;
use crate::app::url::period::preset_label;
use crate::components::time::{local_day, local_day_start, local_text};
use crate::model::Period;
use crate::model::ProcessingStatus;
use crate::pages::empty::{EmptyKind, BECAUSE_OF_ERROR};

/// What the empty state says, and the filter its button applies, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Advice {
    pub title: String,
    pub hint: String,
    /// A button: its text and the statuses it filters to.
    pub action: Option<(&'static str, Vec<ProcessingStatus>)>,
}

/// The period in words ("the last 30 days", "2024-01-01 to 2024-01-31"), a
/// custom one in the browser's zone, as the range and the table say it.
fn period_words(period: &Period) -> String {
    match period {
        Period::Last(p) => preset_label(*p)
            .to_lowercase()
            .replacen("last", "the last", 1),
        Period::Days { .. } | Period::Window(_) => match period.local_days(local_day) {
            Some((from, to)) if period.is_local_days(local_day, local_day_start) => {
                format!("{from} to {to}")
            }
            _ => {
                let r = period.range(chrono::Utc::now());
                format!("{} to {}", local_text(r.start), local_text(r.end))
            }
        },
    }
}

/// The empty state of `kind` under `query`.
pub(super) fn runs_advice(kind: EmptyKind, query: &RunsQuery) -> Advice {
    match kind {
        EmptyKind::BecauseOfError => Advice {
            title: BECAUSE_OF_ERROR.into(),
            hint: String::new(),
            action: None,
        },
        EmptyKind::NoneMatch => Advice {
            title: format!("No run matches the search “{}”", query.q.trim()),
            hint: "Clear or change the search text.".into(),
            action: None,
        },
        EmptyKind::NothingLoaded => nothing_in_period(query),
    }
}

fn nothing_in_period(query: &RunsQuery) -> Advice {
    let period = period_words(&query.period);
    let only_failed = query.statuses == [ProcessingStatus::Failed];
    if only_failed {
        return Advice {
            title: format!("No failed run in {period}"),
            hint: "Graph marks a run Failed only when every task failed for every user. Runs where some users or tasks failed are Completed with errors; the summary counts both as runs with failures.".into(),
            action: Some(("Show runs with failures", super::cards::with_failures())),
        };
    }
    let mut filters = Vec::new();
    if !query.statuses.is_empty() {
        let names: Vec<String> = query
            .statuses
            .iter()
            .map(|s| s.label().to_string())
            .collect();
        filters.push(format!("status {}", names.join(" or ")));
    }
    if let Some(e) = &query.execution {
        filters.push(format!("type {}", e.label()));
    }
    if filters.is_empty() {
        return Advice {
            title: format!("No runs in {period}"),
            hint:
                "The workflow did not run in this period. Widen the date range (e.g. Last 90 days)."
                    .into(),
            action: None,
        };
    }
    Advice {
        title: format!("No run in {period} with {}", filters.join(" and ")),
        hint: "Clear the status or type filter, or widen the date range.".into(),
        action: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::url::screen_query::ScreenQuery;

    fn query(pairs: &[(&str, &str)]) -> RunsQuery {
        RunsQuery::parse(pairs).0
    }

    #[test]
    fn an_empty_failed_filter_points_at_completed_with_errors() {
        let a = runs_advice(EmptyKind::NothingLoaded, &query(&[("status", "failed")]));
        assert_eq!(a.title, "No failed run in the last 30 days");
        assert!(a.hint.contains("Completed with errors"));
        assert!(!a.hint.contains("search"));
        let (_, statuses) = a.action.expect("a way to the runs with failures");
        assert_eq!(statuses, super::super::cards::with_failures());
    }

    #[test]
    fn advice_names_the_filters_in_force_and_nothing_else() {
        let plain = runs_advice(EmptyKind::NothingLoaded, &query(&[]));
        assert_eq!(plain.title, "No runs in the last 30 days");
        assert!(!plain.hint.contains("status"));
        let typed = runs_advice(
            EmptyKind::NothingLoaded,
            &query(&[("exec", "onDemand"), ("status", "completed")]),
        );
        assert!(
            typed.title.contains("status Completed and type On demand"),
            "{}",
            typed.title
        );
        let search = runs_advice(EmptyKind::NoneMatch, &query(&[("q", "abc")]));
        assert!(search.title.contains("“abc”"));
        let error = runs_advice(EmptyKind::BecauseOfError, &query(&[("q", "abc")]));
        assert_eq!(error.title, BECAUSE_OF_ERROR);
        assert!(error.hint.is_empty() && error.action.is_none());
    }
}
