//! The run screen's URL state, typed: tab, view (failed first, only
//! failures, all), user statuses, search, sort and shown columns.

use crate::app::url::query::parse_columns;
use crate::app::url::query::{parse_list, QueryLookup, QueryProblem, SortParam};
use crate::app::url::screen_query::{parse_enum, Pairs, ScreenQuery, WireEnum};
use crate::model::{ProcessingStatus, UserProcessingResult};
use crate::table::{columns_param, default_columns};

/// The sort key that puts failures first, worst status first (not a column).
pub(super) const FAILED_FIRST: &str = "failedFirst";

/// The default sort.
pub(super) const DEFAULT_SORT: SortParam = SortParam {
    key: FAILED_FIRST,
    descending: true,
};

/// Which tab of the run is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RunTab {
    Users,
    TaskReports,
}

impl WireEnum for RunTab {
    const WIRE: &'static [(Self, &'static str)] =
        &[(RunTab::Users, "users"), (RunTab::TaskReports, "tasks")];
}

/// `view=`: every user (failures first by default), or only failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UsersView {
    All,
    Failures,
}

impl WireEnum for UsersView {
    const WIRE: &'static [(Self, &'static str)] = &[(UsersView::Failures, "failures")];
}

/// Statuses offered in the status filter.
pub(super) fn status_choices() -> Vec<ProcessingStatus> {
    ProcessingStatus::filter_choices()
}

/// What the run screen shows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RunQuery {
    pub tab: RunTab,
    /// `view=failures`: only failed and completed-with-errors users.
    pub only_failures: bool,
    pub statuses: Vec<ProcessingStatus>,
    /// Search over name, UPN and ids.
    pub q: String,
    pub sort: SortParam,
    /// Shown column keys of the users table.
    pub columns: Vec<&'static str>,
    /// `task=<task id>`: only users for whom that task did not complete
    /// (the Task reports tab's rows open this).
    pub task: Option<String>,
}

impl Default for RunQuery {
    fn default() -> Self {
        RunQuery {
            tab: RunTab::Users,
            only_failures: false,
            statuses: Vec::new(),
            q: String::new(),
            sort: DEFAULT_SORT,
            columns: default_columns::<UserProcessingResult>(),
            task: None,
        }
    }
}

impl ScreenQuery for RunQuery {
    const KEYS: &'static [&'static str] =
        &["tab", "view", "status", "q", "sort", "dir", "cols", "task"];

    /// Reads the query string; unknown values go to `problems`.
    fn parse(map: &(impl QueryLookup + ?Sized)) -> (RunQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let query = RunQuery {
            tab: parse_enum(map, "tab", RunTab::Users, &mut problems),
            only_failures: parse_enum(map, "view", UsersView::All, &mut problems)
                == UsersView::Failures,
            statuses: parse_list(
                "status",
                map.value("status"),
                known_status,
                "failed, completedWithErrors, completed, inProgress or canceled",
                &mut problems,
            ),
            q: map.value("q").unwrap_or_default().to_string(),
            sort: SortParam::parse::<UserProcessingResult>(
                map.value("sort"),
                map.value("dir"),
                DEFAULT_SORT,
                &[FAILED_FIRST],
                &mut problems,
            ),
            columns: parse_columns::<UserProcessingResult>(map.value("cols"), &mut problems),
            task: map
                .value("task")
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from),
        };
        (query, problems)
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let view = if self.only_failures {
            UsersView::Failures
        } else {
            UsersView::All
        };
        let statuses: Vec<&str> = self.statuses.iter().map(ProcessingStatus::as_str).collect();
        Pairs::new()
            .choice("tab", self.tab, RunTab::Users)
            .choice("view", view, UsersView::All)
            .text("status", statuses.join(","))
            .text("q", self.q.as_str())
            .extend(self.sort.pairs(DEFAULT_SORT))
            .text(
                "cols",
                columns_param::<UserProcessingResult>(&self.columns).unwrap_or_default(),
            )
            .text("task", self.task.clone().unwrap_or_default())
            .done()
    }
}

impl RunQuery {
    /// "Failed first": every user, worst status first.
    pub(crate) fn failed_first(&mut self) {
        self.only_failures = false;
        self.sort = DEFAULT_SORT;
    }

    /// "All users": every user, by start time when failures were first
    /// (the sort the admin chose otherwise stays).
    pub(crate) fn all_users(&mut self) {
        if self.is_failed_first() {
            self.sort = SortParam {
                key: "started",
                descending: true,
            };
        }
        self.only_failures = false;
    }

    /// Failures first is the view in force (and not "only failures").
    pub(crate) fn is_failed_first(&self) -> bool {
        !self.only_failures && self.sort.key == FAILED_FIRST
    }
}

fn known_status(raw: &str) -> Option<ProcessingStatus> {
    let status = ProcessingStatus::from_wire(raw);
    status_choices().contains(&status).then_some(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (RunQuery, Vec<QueryProblem>) {
        RunQuery::parse(pairs)
    }

    #[test]
    fn defaults_put_failures_first() {
        let (q, problems) = parse(&[]);
        assert!(problems.is_empty());
        assert!(q.is_failed_first());
        assert_eq!(q.tab, RunTab::Users);
    }

    #[test]
    fn unknown_sort_tab_and_view_are_reported() {
        let (q, problems) = parse(&[
            ("sort", "shoeSize"),
            ("tab", "x"),
            ("view", "odd"),
            ("q", "graham"),
        ]);
        assert_eq!(q.sort, DEFAULT_SORT);
        assert_eq!(q.q, "graham");
        let keys: Vec<&str> = problems.iter().map(|p| p.key).collect();
        assert_eq!(keys, vec!["tab", "view", "sort"]);
    }

    #[test]
    fn task_filter_is_read_from_the_link() {
        assert_eq!(parse(&[]).0.task, None);
        assert_eq!(parse(&[("task", " ")]).0.task, None);
        assert_eq!(parse(&[("task", "k-2")]).0.task.as_deref(), Some("k-2"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod round_trip_tests {
    use super::*;
    use crate::app::url::screen_query::round_trip;
    use crate::app::url::screen_query::strategies::{columns, sort, subset};
    use proptest::prelude::*;

    fn any_query() -> impl Strategy<Value = RunQuery> {
        (
            proptest::sample::select(vec![RunTab::Users, RunTab::TaskReports]),
            any::<bool>(),
            subset(status_choices()),
            ".{0,8}",
            sort::<UserProcessingResult>(&[FAILED_FIRST]),
            columns::<UserProcessingResult>(),
            proptest::option::of("[a-z0-9-]{1,8}"),
        )
            .prop_map(
                |(tab, only_failures, statuses, q, sort, columns, task)| RunQuery {
                    tab,
                    only_failures,
                    statuses,
                    q,
                    sort,
                    columns,
                    task,
                },
            )
    }

    proptest! {
        #[test]
        fn every_query_round_trips(q in any_query()) {
            prop_assert_eq!(round_trip(&q), (q, Vec::new()));
        }

        #[test]
        fn unknown_values_of_each_choice_are_reported(
            key in proptest::sample::select(&["tab", "view", "status", "sort", "dir", "cols"][..]),
            value in "[a-z]{1,6}9",
        ) {
            let (_, problems) = RunQuery::parse(&[(key, value.as_str())][..]);
            prop_assert_eq!(problems.len(), 1);
            prop_assert_eq!(problems[0].key, key);
        }
    }
}
