//! The failures screen's URL state: period (as on Insights), search, sort,
//! shown columns, the view (failures or reason groups) and the open group
//! (its task and reason pattern). Unknown values are reported and dropped.

use crate::app::url::period::INSIGHTS;
use crate::app::url::query::{parse_columns, QueryLookup, QueryProblem, SortParam};
use crate::app::url::screen_query::{parse_enum, Pairs, ScreenQuery, WireEnum};
use crate::model::Period;
use crate::table::failures::FailureRow;
use crate::table::{columns_param, default_columns};

/// Failures listed, or their groups by reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailuresView {
    Rows,
    Groups,
}

impl WireEnum for FailuresView {
    const WIRE: &'static [(Self, &'static str)] = &[
        (FailuresView::Rows, "failures"),
        (FailuresView::Groups, "groups"),
    ];
}

/// The open reason group: its task and reason pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupKey {
    pub task: String,
    pub pattern: String,
}

/// The default sort: latest failure first.
pub const DEFAULT_SORT: SortParam = SortParam {
    key: "time",
    descending: true,
};

#[derive(Clone, Debug, PartialEq)]
pub struct FailuresQuery {
    pub period: Period,
    pub q: String,
    pub sort: SortParam,
    pub columns: Vec<&'static str>,
    pub view: FailuresView,
    pub group: Option<GroupKey>,
}

impl Default for FailuresQuery {
    fn default() -> Self {
        FailuresQuery {
            period: INSIGHTS.default_period(),
            q: String::new(),
            sort: DEFAULT_SORT,
            columns: default_columns::<FailureRow>(),
            view: FailuresView::Rows,
            group: None,
        }
    }
}

impl ScreenQuery for FailuresQuery {
    const KEYS: &'static [&'static str] = &[
        "range", "from", "to", "q", "sort", "dir", "cols", "view", "gtask", "gpattern",
    ];

    /// Reads the query string; unknown values go to the problems. An open
    /// group is its `gpattern` (with `gtask`, empty for any task).
    fn parse(map: &(impl QueryLookup + ?Sized)) -> (FailuresQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let view = parse_enum(map, "view", FailuresView::Rows, &mut problems);
        let group = map
            .value("gpattern")
            .filter(|p| !p.is_empty())
            .map(|pattern| GroupKey {
                task: map.value("gtask").unwrap_or_default().to_string(),
                pattern: pattern.to_string(),
            });
        let query = FailuresQuery {
            period: INSIGHTS.parse(map, &mut problems),
            q: map.value("q").unwrap_or_default().to_string(),
            sort: SortParam::parse::<FailureRow>(
                map.value("sort"),
                map.value("dir"),
                DEFAULT_SORT,
                &[],
                &mut problems,
            ),
            columns: parse_columns::<FailureRow>(map.value("cols"), &mut problems),
            view,
            group,
        };
        (query, problems)
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let (task, pattern) = match &self.group {
            Some(g) => (g.task.as_str(), g.pattern.as_str()),
            None => ("", ""),
        };
        Pairs::new()
            .extend(INSIGHTS.pairs(&self.period))
            .text("q", self.q.as_str())
            .extend(self.sort.pairs(DEFAULT_SORT))
            .text(
                "cols",
                columns_param::<FailureRow>(&self.columns).unwrap_or_default(),
            )
            .choice("view", self.view, FailuresView::Rows)
            .text("gtask", task)
            .text("gpattern", pattern)
            .done()
    }
}

impl FailuresQuery {
    /// Shows `view`, no group open.
    pub fn show(&mut self, view: FailuresView) {
        self.view = view;
        self.group = None;
    }

    /// Opens a reason group's failures.
    pub fn open_group(&mut self, task: String, pattern: String) {
        self.view = FailuresView::Rows;
        self.group = Some(GroupKey { task, pattern });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_groups_and_unknown_values() {
        let (q, problems) = FailuresQuery::parse(&[][..]);
        assert!(problems.is_empty());
        assert_eq!(q.view, FailuresView::Rows);
        assert_eq!(q.sort, DEFAULT_SORT);
        assert_eq!(q.period, Period::Last(crate::model::Preset::Days7));
        let (q, _) = FailuresQuery::parse(
            &[
                ("view", "groups"),
                ("gtask", "Send Welcome Email"),
                ("gpattern", "Mailbox of <user> not found"),
                ("sort", "workflow"),
                ("dir", "asc"),
            ][..],
        );
        assert_eq!(q.view, FailuresView::Groups);
        assert_eq!(q.group.unwrap().pattern, "Mailbox of <user> not found");
        assert_eq!(q.sort.key, "workflow");
        let (_, problems) = FailuresQuery::parse(&[("view", "pie"), ("sort", "nope")][..]);
        assert_eq!(problems.len(), 2);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod round_trip_tests {
    use super::*;
    use crate::app::url::screen_query::round_trip;
    use crate::app::url::screen_query::strategies::{columns, period, sort};
    use proptest::prelude::*;

    fn any_query() -> impl Strategy<Value = FailuresQuery> {
        (
            period(INSIGHTS),
            ".{0,8}",
            sort::<FailureRow>(&[]),
            columns::<FailureRow>(),
            proptest::sample::select(vec![FailuresView::Rows, FailuresView::Groups]),
            proptest::option::of((".{0,6}", ".{1,8}")),
        )
            .prop_map(|(period, q, sort, columns, view, group)| FailuresQuery {
                period,
                q,
                sort,
                columns,
                view,
                group: group.map(|(task, pattern)| GroupKey { task, pattern }),
            })
    }

    proptest! {
        #[test]
        fn every_query_round_trips(q in any_query()) {
            prop_assert_eq!(round_trip(&q), (q, Vec::new()));
        }

        #[test]
        fn unknown_values_of_each_choice_are_reported(
            key in proptest::sample::select(&["range", "sort", "dir", "cols", "view"][..]),
            value in "[a-z]{1,6}9",
        ) {
            let (_, problems) = FailuresQuery::parse(&[(key, value.as_str())][..]);
            prop_assert_eq!(problems.len(), 1);
            prop_assert_eq!(problems[0].key, key);
        }
    }
}
