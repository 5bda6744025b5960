//! The failures screen's URL state: period (as on Insights), search, sort,
//! shown columns, the view (failures or reason groups) and the open group
//! (its task and reason pattern). Unknown values are reported and dropped.

use crate::app::url::query::parse_columns;
use crate::app::url::query::{QueryLookup, QueryProblem, SortParam};
use crate::pages::insights::{parse_period, Period};
use crate::table::failures::FailureRow;

/// Failures listed, or their groups by reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailuresView {
    Rows,
    Groups,
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

impl FailuresQuery {
    /// Reads the query string; unknown values go to the problems.
    pub fn parse(map: &(impl QueryLookup + ?Sized)) -> (FailuresQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let view = match map.value("view").unwrap_or_default() {
            "" | "failures" => FailuresView::Rows,
            "groups" => FailuresView::Groups,
            other => {
                problems.push(QueryProblem {
                    key: "view",
                    value: other.to_string(),
                    expected: "failures or groups".into(),
                    keep: None,
                });
                FailuresView::Rows
            }
        };
        let group = match (map.value("gtask"), map.value("gpattern")) {
            (Some(task), Some(pattern)) if !pattern.is_empty() => Some(GroupKey {
                task: task.to_string(),
                pattern: pattern.to_string(),
            }),
            _ => None,
        };
        let query = FailuresQuery {
            period: parse_period(map, &mut problems),
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
        assert_eq!(q.period.key(), "7d");
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
