//! The run screen's URL state, typed: tab, view (failed first, only
//! failures, all), user statuses, search, sort and shown columns.

use crate::app::url::query::parse_columns;
use crate::app::url::query::{parse_list, QueryLookup, QueryProblem, SortParam};
use crate::model::{ProcessingStatus, UserProcessingResult};

/// The sort key that puts failures first, worst status first (not a column).
pub const FAILED_FIRST: &str = "failedFirst";

/// The default sort.
pub const DEFAULT_SORT: SortParam = SortParam {
    key: FAILED_FIRST,
    descending: true,
};

/// Which tab of the run is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunTab {
    Users,
    TaskReports,
}

/// Statuses offered in the status filter.
pub fn status_choices() -> Vec<ProcessingStatus> {
    ProcessingStatus::filter_choices()
}

/// What the run screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RunQuery {
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

impl RunQuery {
    /// Reads the query string; unknown values go to `problems`.
    pub fn parse(map: &(impl QueryLookup + ?Sized)) -> (RunQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let query = RunQuery {
            tab: parse_tab(map.value("tab"), &mut problems),
            only_failures: parse_view(map.value("view"), &mut problems),
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

    /// Failures first is the view in force (and not "only failures").
    pub fn is_failed_first(&self) -> bool {
        !self.only_failures && self.sort.key == FAILED_FIRST
    }
}

fn known_status(raw: &str) -> Option<ProcessingStatus> {
    let status = ProcessingStatus::from_wire(raw);
    status_choices().contains(&status).then_some(status)
}

fn parse_tab(raw: Option<&str>, problems: &mut Vec<QueryProblem>) -> RunTab {
    match raw {
        None | Some("") | Some("users") => RunTab::Users,
        Some("tasks") => RunTab::TaskReports,
        Some(other) => {
            problems.push(QueryProblem {
                key: "tab",
                value: other.to_string(),
                expected: "users or tasks".into(),
                keep: None,
            });
            RunTab::Users
        }
    }
}

fn parse_view(raw: Option<&str>, problems: &mut Vec<QueryProblem>) -> bool {
    match raw {
        None | Some("") => false,
        Some("failures") => true,
        Some(other) => {
            problems.push(QueryProblem {
                key: "view",
                value: other.to_string(),
                expected: "failures".into(),
                keep: None,
            });
            false
        }
    }
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
