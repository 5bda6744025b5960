//! The failures screen's URL state: period (as on Insights), search, the
//! view (failures, groups by reason, or groups by task and reason), the
//! sort and shown columns of that view's table, and the open group (its
//! reason pattern, and task when it is one task's), and the exact filters
//! Insights links with: `task` (a task definition id or a task's name) and
//! `workflow` (a workflow id). Unknown values are reported and dropped.

use crate::app::url::period::INSIGHTS;
use crate::app::url::query::{parse_columns, query_string, QueryLookup, QueryProblem, SortParam};
use crate::app::url::screen_query::{parse_enum, Pairs, ScreenQuery, WireEnum};
use crate::model::Period;
use crate::table::failures::FailureRow;
use crate::table::reasons::{FailureGroup, GroupBy};
use crate::table::{columns_param, default_columns, TableRow};

/// Failures listed, or their groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FailuresView {
    Rows,
    /// Groups by reason pattern, across tasks and workflows.
    Groups,
    /// Groups by task and reason pattern.
    TaskGroups,
}

impl WireEnum for FailuresView {
    const WIRE: &'static [(Self, &'static str)] = &[
        (FailuresView::Rows, "failures"),
        (FailuresView::Groups, "groups"),
        (FailuresView::TaskGroups, "task-groups"),
    ];
}

impl FailuresView {
    /// How a groups view groups (`None` for the failures).
    pub(crate) fn group_by(self) -> Option<GroupBy> {
        match self {
            FailuresView::Rows => None,
            FailuresView::Groups => Some(GroupBy::Reason),
            FailuresView::TaskGroups => Some(GroupBy::TaskAndReason),
        }
    }

    /// The default sort of the view's table.
    pub(crate) fn default_sort(self) -> SortParam {
        match self {
            FailuresView::Rows => DEFAULT_SORT,
            _ => GROUPS_SORT,
        }
    }

    /// The default shown columns of the view's table.
    pub(crate) fn default_columns(self) -> Vec<&'static str> {
        match self {
            FailuresView::Rows => default_columns::<FailureRow>(),
            _ => default_columns::<FailureGroup>(),
        }
    }
}

/// The open reason group: its task and reason pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GroupKey {
    pub task: String,
    pub pattern: String,
}

/// The default sort of the failures: latest failure first.
pub(super) const DEFAULT_SORT: SortParam = SortParam {
    key: "time",
    descending: true,
};

/// The default sort of the groups: most failures first.
pub(super) const GROUPS_SORT: SortParam = SortParam {
    key: "failures",
    descending: true,
};

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FailuresQuery {
    pub period: Period,
    pub q: String,
    /// The sort of the view's table (failures or groups).
    pub sort: SortParam,
    /// The shown columns of the view's table.
    pub columns: Vec<&'static str>,
    pub view: FailuresView,
    pub group: Option<GroupKey>,
    /// Only the failures of this task: its definition id or its name
    /// (exact); empty for every task.
    pub task: String,
    /// Only the failures of the workflow with this id; empty for every one.
    pub workflow: String,
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
            task: String::new(),
            workflow: String::new(),
        }
    }
}

impl ScreenQuery for FailuresQuery {
    const KEYS: &'static [&'static str] = &[
        "range", "from", "to", "q", "sort", "dir", "cols", "view", "gtask", "gpattern", "task",
        "workflow",
    ];

    /// Reads the query string; unknown values go to the problems. An open
    /// group is its `gpattern` (with `gtask`, empty for any task); `sort`
    /// and `cols` are of the view's table.
    fn parse(map: &(impl QueryLookup + ?Sized)) -> (FailuresQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let view = parse_enum(map, "view", FailuresView::Rows, &mut problems);
        let (sort, columns) = match view {
            FailuresView::Rows => table_state::<FailureRow>(map, DEFAULT_SORT, &mut problems),
            _ => table_state::<FailureGroup>(map, GROUPS_SORT, &mut problems),
        };
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
            sort,
            columns,
            view,
            group,
            task: map.value("task").unwrap_or_default().to_string(),
            workflow: map.value("workflow").unwrap_or_default().to_string(),
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
            .extend(self.sort.pairs(self.view.default_sort()))
            .text("cols", self.columns_param().unwrap_or_default())
            .choice("view", self.view, FailuresView::Rows)
            .text("gtask", task)
            .text("gpattern", pattern)
            .text("task", self.task.as_str())
            .text("workflow", self.workflow.as_str())
            .done()
    }
}

/// The sort and shown columns of a table of rows `R`.
fn table_state<R: TableRow>(
    map: &(impl QueryLookup + ?Sized),
    default: SortParam,
    problems: &mut Vec<QueryProblem>,
) -> (SortParam, Vec<&'static str>) {
    let sort = SortParam::parse::<R>(map.value("sort"), map.value("dir"), default, &[], problems);
    (sort, parse_columns::<R>(map.value("cols"), problems))
}

impl FailuresQuery {
    /// The failures screen showing this query (a path under the app's base).
    pub(crate) fn path(&self) -> String {
        format!("/failures{}", query_string(&self.to_pairs()))
    }

    /// `cols` of the view's table, `None` for its default columns.
    fn columns_param(&self) -> Option<String> {
        match self.view {
            FailuresView::Rows => columns_param::<FailureRow>(&self.columns),
            _ => columns_param::<FailureGroup>(&self.columns),
        }
    }

    /// Shows `view`, no group open; a table of other rows starts with its
    /// own default sort and columns.
    pub(crate) fn show(&mut self, view: FailuresView) {
        if self.view.group_by().is_some() != view.group_by().is_some() {
            self.sort = view.default_sort();
            self.columns = view.default_columns();
        }
        self.view = view;
        self.group = None;
    }

    /// Opens a reason group's failures (`task` empty: of any task).
    pub(crate) fn open_group(&mut self, task: String, pattern: String) {
        self.show(FailuresView::Rows);
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
                ("sort", "workflows"),
                ("dir", "asc"),
            ][..],
        );
        assert_eq!(q.view, FailuresView::Groups);
        assert_eq!(q.group.unwrap().pattern, "Mailbox of <user> not found");
        assert_eq!(q.sort.key, "workflows");
        let (_, problems) = FailuresQuery::parse(&[("view", "pie"), ("sort", "nope")][..]);
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn sort_and_columns_are_of_the_view_s_table() {
        let (q, problems) = FailuresQuery::parse(&[("sort", "workflows")][..]);
        assert_eq!(problems.len(), 1, "failures have no workflows column");
        assert_eq!(q.sort, DEFAULT_SORT);
        let (mut q, problems) = FailuresQuery::parse(
            &[
                ("view", "task-groups"),
                ("cols", "reason,tasks,failures,workflows"),
            ][..],
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(q.sort, GROUPS_SORT);
        q.show(FailuresView::Groups);
        assert_eq!(q.columns, vec!["reason", "tasks", "failures", "workflows"]);
        q.open_group(String::new(), "p".into());
        assert_eq!((q.view, q.sort), (FailuresView::Rows, DEFAULT_SORT));
        assert_eq!(q.columns, default_columns::<FailureRow>());
        assert_eq!(q.group.as_ref().map(|g| g.task.as_str()), Some(""));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod round_trip_tests {
    use super::*;
    use crate::app::url::screen_query::round_trip;
    use crate::app::url::screen_query::strategies::{columns, period, sort};
    use proptest::prelude::*;

    fn view_and_table() -> impl Strategy<Value = (FailuresView, SortParam, Vec<&'static str>)> {
        let groups = proptest::sample::select(vec![FailuresView::Groups, FailuresView::TaskGroups]);
        prop_oneof![
            (sort::<FailureRow>(&[]), columns::<FailureRow>()).prop_map(|(s, c)| (
                FailuresView::Rows,
                s,
                c
            )),
            (groups, sort::<FailureGroup>(&[]), columns::<FailureGroup>())
                .prop_map(|(v, s, c)| (v, s, c)),
        ]
    }

    fn any_query() -> impl Strategy<Value = FailuresQuery> {
        (
            period(INSIGHTS),
            ".{0,8}",
            view_and_table(),
            proptest::option::of((".{0,6}", ".{1,8}")),
            (".{0,8}", ".{0,8}"),
        )
            .prop_map(
                |(period, q, (view, sort, columns), group, (task, workflow))| FailuresQuery {
                    period,
                    q,
                    sort,
                    columns,
                    view,
                    group: group.map(|(task, pattern)| GroupKey { task, pattern }),
                    task,
                    workflow,
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
            key in proptest::sample::select(&["range", "sort", "dir", "cols", "view"][..]),
            value in "[a-z]{1,6}9",
        ) {
            let (_, problems) = FailuresQuery::parse(&[(key, value.as_str())][..]);
            prop_assert_eq!(problems.len(), 1);
            prop_assert_eq!(problems[0].key, key);
        }
    }
}
