//! The columns of the reason groups table (a [`FailureGroup`] per row):
//! the reason pattern, the tasks and workflows it hit, counts, first and
//! last seen and one full example, so the groups sort, search, pick
//! columns and export like every table.

use std::borrow::Cow;

use super::reasons::FailureGroup;
use super::{Column, Priority, TableRow, Width};
use crate::model::{Cell, ProcessingStatus};

/// A count cell (a count past `u32` shows as missing).
fn count(n: usize) -> Cell<'static> {
    Cell::Count(u32::try_from(n).ok())
}

/// Names joined for one cell.
fn names(list: &[String]) -> Cell<'static> {
    Cell::Text(Cow::Owned(list.join(", ")))
}

/// Columns of the reason groups table.
const GROUP_COLUMNS: &[Column<FailureGroup>] = &[
    Column {
        key: "reason",
        title: "Reason",
        width: Width::Long,
        priority: Priority::Essential,
        search: true,
        value: |g, _| Cell::Text(Cow::Borrowed(&g.pattern)),
    },
    Column {
        key: "tasks",
        title: "Tasks",
        width: Width::Text,
        priority: Priority::Essential,
        search: true,
        value: |g, _| names(&g.tasks),
    },
    Column {
        key: "failures",
        title: "Failures",
        width: Width::Count,
        priority: Priority::Essential,
        search: false,
        value: |g, _| count(g.failures),
    },
    Column {
        key: "users",
        title: "Users",
        width: Width::Count,
        priority: Priority::Default,
        search: false,
        value: |g, _| count(g.users),
    },
    Column {
        key: "workflows",
        title: "Workflows",
        width: Width::Count,
        priority: Priority::Essential,
        search: false,
        value: |g, _| count(g.workflows),
    },
    Column {
        key: "workflowNames",
        title: "Workflow names",
        width: Width::Text,
        priority: Priority::Default,
        search: true,
        value: |g, _| names(&g.workflow_names),
    },
    Column {
        key: "again",
        title: "Fails again unchanged",
        width: Width::Type,
        priority: Priority::Default,
        search: false,
        value: |g, _| Cell::Flag(Some(g.fails_again.is_some())),
    },
    Column {
        key: "first",
        title: "First seen",
        width: Width::Time,
        priority: Priority::Optional,
        search: false,
        value: |g, _| Cell::Time(g.first_seen),
    },
    Column {
        key: "last",
        title: "Last seen",
        width: Width::Time,
        priority: Priority::Default,
        search: false,
        value: |g, _| Cell::Time(g.last_seen),
    },
    Column {
        key: "example",
        title: "Example",
        width: Width::Long,
        priority: Priority::Default,
        search: true,
        value: |g, _| Cell::Text(Cow::Borrowed(&g.example)),
    },
];

impl TableRow for FailureGroup {
    fn columns() -> &'static [Column<FailureGroup>] {
        GROUP_COLUMNS
    }

    fn status(&self) -> Option<&ProcessingStatus> {
        None
    }

    fn name_id(&self) -> Option<&str> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SortDir;
    use crate::table::reasons::{group_failures, reason_pattern, Failure, GroupBy};
    use crate::table::{Sort, Table, ViewSpec};

    fn failure(wf: &str, user: &str, task: &str, reason: &str) -> Failure {
        Failure {
            workflow_id: wf.into(),
            workflow_name: format!("Workflow {wf}"),
            user_id: user.into(),
            task: task.into(),
            reason: reason.into(),
            pattern: reason_pattern(reason),
            at: None,
        }
    }

    fn table() -> Table<FailureGroup> {
        let items = vec![
            failure("w1", "u1", "Mail", "Mailbox not found for a@contoso.com"),
            failure("w2", "u2", "TAP", "Mailbox not found for b@contoso.com"),
            failure("w1", "u3", "Groups", "The group 'Sales' is dynamic."),
            failure("w1", "u4", "Groups", "The group 'HR' is dynamic."),
            failure("w3", "u5", "Groups", "The group 'HR' is dynamic."),
        ];
        Table::new(group_failures(&items, GroupBy::Reason))
    }

    #[test]
    fn groups_sort_by_a_count_and_search_their_tasks_and_workflows() {
        let mut t = table();
        let sort = |column| {
            Some(Sort {
                column,
                dir: SortDir::Asc,
            })
        };
        let by_failures = t.view(&ViewSpec {
            sort: sort("failures"),
            ..ViewSpec::default()
        });
        let patterns: Vec<&str> = by_failures
            .iter()
            .filter_map(|&i| t.get(i).map(|g| g.pattern.as_str()))
            .collect();
        assert_eq!(
            patterns,
            [
                "Mailbox not found for <user>",
                "The group '<value>' is dynamic."
            ]
        );
        let tap = t.view(&ViewSpec {
            search: "tap".into(),
            ..ViewSpec::default()
        });
        assert_eq!(tap.len(), 1);
        let w3 = t.view(&ViewSpec {
            search: "workflow w3".into(),
            ..ViewSpec::default()
        });
        assert_eq!(w3.len(), 1);
        assert_eq!(t.cell(w3[0], "workflows"), Some(Cell::Count(Some(2))));
        assert_eq!(t.cell(w3[0], "tasks"), Some(Cell::Text("Groups".into())));
    }

    #[test]
    fn the_csv_has_the_shown_columns() {
        let t = table();
        let keys = ["reason", "tasks", "failures", "workflows"];
        assert_eq!(t.csv_header(&keys), "Reason,Tasks,Failures,Workflows\r\n");
        let lines = t.csv_lines(&[0], &keys);
        assert!(
            lines.starts_with("The group '<value>' is dynamic.,Groups,3,2"),
            "{lines}"
        );
    }
}
