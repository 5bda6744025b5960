//! The workflow screen's URL state, typed: how the scope rule is shown
//! (`rule=raw`: as written; else one clause a line).

use crate::app::url::query::{QueryLookup, QueryProblem};
use crate::app::url::screen_query::{parse_enum, Pairs, ScreenQuery, WireEnum};

/// How the scope rule is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RuleView {
    /// One top-level clause a line (the default).
    Clauses,
    /// The rule as written.
    Raw,
}

impl WireEnum for RuleView {
    const WIRE: &'static [(Self, &'static str)] =
        &[(RuleView::Clauses, "clauses"), (RuleView::Raw, "raw")];
}

/// What the workflow screen shows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct WorkflowQuery {
    pub rule: RuleView,
}

impl Default for WorkflowQuery {
    fn default() -> Self {
        WorkflowQuery {
            rule: RuleView::Clauses,
        }
    }
}

impl ScreenQuery for WorkflowQuery {
    const KEYS: &'static [&'static str] = &["rule"];

    fn parse(map: &(impl QueryLookup + ?Sized)) -> (WorkflowQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let query = WorkflowQuery {
            rule: parse_enum(map, "rule", RuleView::Clauses, &mut problems),
        };
        (query, problems)
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        Pairs::new()
            .choice("rule", self.rule, RuleView::Clauses)
            .done()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::url::screen_query::round_trip;
    use proptest::prelude::*;

    #[test]
    fn the_default_leaves_the_url_empty_and_raw_is_read() {
        assert!(WorkflowQuery::default().to_pairs().is_empty());
        let (q, problems) = WorkflowQuery::parse(&[("rule", "raw")][..]);
        assert_eq!(q.rule, RuleView::Raw);
        assert!(problems.is_empty());
        let (q, problems) = WorkflowQuery::parse(&[("rule", "sideways")][..]);
        assert_eq!(q.rule, RuleView::Clauses);
        assert_eq!(problems.len(), 1);
    }

    proptest! {
        #[test]
        fn every_query_round_trips(raw in any::<bool>()) {
            let q = WorkflowQuery { rule: if raw { RuleView::Raw } else { RuleView::Clauses } };
            prop_assert_eq!(round_trip(&q), (q, Vec::new()));
        }
    }
}
