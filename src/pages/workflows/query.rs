//! The workflows screen's URL state, typed: the search, the period of the
//! failure columns (`24h`, `7d` by default, `30d`, `90d`) and the sort
//! (`name`, `lastRun`, `failedUsers`, `failedRuns`). Unknown values are
//! reported and dropped; written back without the defaults. Also the
//! order the rows take for a sort.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::app::load::workflow_health::WorkflowHealth;
use crate::app::url::period::WORKFLOWS;
use crate::app::url::query::{QueryLookup, QueryProblem};
use crate::app::url::screen_query::{problem, Pairs, ScreenQuery, WireEnum};
use crate::model::{sorting, Preset, Workflow};

/// A column the workflows can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WorkflowSort {
    Name,
    LastRun,
    FailedUsers,
    FailedRuns,
}

impl WireEnum for WorkflowSort {
    const WIRE: &'static [(Self, &'static str)] = &[
        (WorkflowSort::Name, "name"),
        (WorkflowSort::LastRun, "lastRun"),
        (WorkflowSort::FailedUsers, "failedUsers"),
        (WorkflowSort::FailedRuns, "failedRuns"),
    ];
}

impl WorkflowSort {
    /// The direction a first click sorts in: names A to Z, the rest with
    /// the newest or the most failures first.
    pub(crate) fn first_descending(self) -> bool {
        self != WorkflowSort::Name
    }
}

/// The workflows screen's query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WorkflowsQuery {
    /// Search over name, description, category and id.
    pub q: String,
    /// The period of the failed users and runs columns.
    pub period: Preset,
    pub sort: WorkflowSort,
    pub descending: bool,
}

impl Default for WorkflowsQuery {
    fn default() -> Self {
        WorkflowsQuery {
            q: String::new(),
            period: WORKFLOWS.default,
            sort: WorkflowSort::Name,
            descending: false,
        }
    }
}

impl ScreenQuery for WorkflowsQuery {
    const KEYS: &'static [&'static str] = &["q", "range", "sort", "dir"];

    /// Reads `q`, `range`, `sort` and `dir`; what it cannot read goes to
    /// the problems and is dropped.
    fn parse(map: &(impl QueryLookup + ?Sized)) -> (Self, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let mut query = WorkflowsQuery {
            q: map.value("q").unwrap_or_default().to_string(),
            period: WORKFLOWS.parse_preset(map, &mut problems),
            ..Self::default()
        };
        if let Some(sort) = map.value("sort").filter(|s| !s.is_empty()) {
            match WorkflowSort::from_wire(sort) {
                Some(s) => {
                    query.sort = s;
                    query.descending = s.first_descending();
                }
                None => problems.push(problem("sort", sort, WorkflowSort::expected())),
            }
        }
        match map.value("dir") {
            None | Some("") => {}
            Some("asc") => query.descending = false,
            Some("desc") => query.descending = true,
            Some(other) => problems.push(problem("dir", other, "asc or desc")),
        }
        (query, problems)
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let default = Self::default();
        let sorted = (self.sort, self.descending) != (default.sort, default.descending);
        let sort = sorted.then(|| {
            [
                ("sort", self.sort.wire().to_string()),
                (
                    "dir",
                    if self.descending { "desc" } else { "asc" }.to_string(),
                ),
            ]
        });
        Pairs::new()
            .text("q", self.q.as_str())
            .choice("range", self.period, default.period)
            .extend(sort.into_iter().flatten())
            .done()
    }
}

impl WorkflowsQuery {
    /// Sorted by `column`: the other direction when it is the sort
    /// already, else its first direction.
    pub(crate) fn sort_by(&mut self, column: WorkflowSort) {
        self.descending = if self.sort == column {
            !self.descending
        } else {
            column.first_descending()
        };
        self.sort = column;
    }
}

/// Sorts `rows` for `query`; figures not known yet (or unknowable) go
/// last whatever the direction, and ties keep the name order.
pub(crate) fn sort_workflows(
    rows: &mut [Workflow],
    health: &HashMap<String, WorkflowHealth>,
    query: &WorkflowsQuery,
) {
    let name = |w: &Workflow| w.name().to_lowercase();
    sorting::sort_by_key(rows, name);
    if query.sort == WorkflowSort::Name {
        if query.descending {
            rows.reverse();
        }
        return;
    }
    let figure = |w: &Workflow| -> Option<i64> {
        let h = health.get(&w.id)?;
        match query.sort {
            WorkflowSort::LastRun => {
                let run = h.last_run.as_ref()?;
                run.scheduled_date_time
                    .or(run.started_date_time)
                    .map(|t| t.timestamp())
            }
            WorkflowSort::FailedUsers => h.failed_users().map(i64::from),
            WorkflowSort::FailedRuns => h.failed_runs().map(i64::from),
            WorkflowSort::Name => None,
        }
    };
    sorting::sort_by(rows, |a, b| match (figure(a), figure(b)) {
        (Some(x), Some(y)) if query.descending => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{from_value, Run, RunSummary, UserSummary};
    use serde_json::json;

    fn workflow(id: &str, name: &str) -> Workflow {
        from_value(json!({"id": id, "displayName": name})).unwrap()
    }

    fn health(failed_users: u32, last: Option<&str>) -> WorkflowHealth {
        WorkflowHealth {
            last_run: last
                .map(|at| from_value::<Run>(json!({"id": "r", "scheduledDateTime": at})).unwrap()),
            runs: Some(from_value::<RunSummary>(json!({"failedRuns": failed_users / 2})).unwrap()),
            users: Some(from_value::<UserSummary>(json!({"failedUsers": failed_users})).unwrap()),
            problem: None,
        }
    }

    #[test]
    fn defaults_and_reading_a_link() {
        let (q, problems) = WorkflowsQuery::parse(&[][..]);
        assert_eq!(q, WorkflowsQuery::default());
        assert!(problems.is_empty());
        let (q, problems) =
            WorkflowsQuery::parse(&[("range", "30d"), ("sort", "failedUsers"), ("q", "x")][..]);
        assert_eq!(q.period, Preset::Days30);
        assert_eq!(q.sort, WorkflowSort::FailedUsers);
        assert!(q.descending, "most failures first");
        assert!(problems.is_empty());
    }

    #[test]
    fn unknown_values_are_reported_and_dropped() {
        let (q, problems) =
            WorkflowsQuery::parse(&[("range", "2y"), ("sort", "size"), ("dir", "up")][..]);
        assert_eq!(q, WorkflowsQuery::default());
        let keys: Vec<&str> = problems.iter().map(|p| p.key).collect();
        assert_eq!(keys, vec!["range", "sort", "dir"]);
    }

    #[test]
    fn a_second_click_flips_the_direction() {
        let mut q = WorkflowsQuery::default();
        q.sort_by(WorkflowSort::Name);
        assert!(q.descending);
        assert_eq!(dir_of(&q), Some("desc"));
        let mut q = WorkflowsQuery::default();
        q.sort_by(WorkflowSort::FailedRuns);
        assert_eq!(dir_of(&q), Some("desc"));
    }

    fn dir_of(q: &WorkflowsQuery) -> Option<&'static str> {
        let pairs = q.to_pairs();
        let dir = pairs.iter().find(|(k, _)| *k == "dir")?;
        Some(if dir.1 == "desc" { "desc" } else { "asc" })
    }

    #[test]
    fn sorting_by_failures_puts_the_worst_first_and_unknowns_last() {
        let mut rows = vec![
            workflow("a", "Alpha"),
            workflow("b", "Bravo"),
            workflow("c", "Charlie"),
            workflow("d", "Delta"),
        ];
        let health: HashMap<String, WorkflowHealth> = [
            ("a".to_string(), health(1, Some("2026-11-20T00:00:00Z"))),
            ("b".to_string(), health(9, Some("2026-11-29T00:00:00Z"))),
            ("c".to_string(), health(1, None)),
        ]
        .into_iter()
        .collect();
        let mut q = WorkflowsQuery {
            sort: WorkflowSort::FailedUsers,
            descending: true,
            ..WorkflowsQuery::default()
        };
        sort_workflows(&mut rows, &health, &q);
        let ids: Vec<&str> = rows.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, vec!["b", "a", "c", "d"]);
        q.descending = false;
        sort_workflows(&mut rows, &health, &q);
        let ids: Vec<&str> = rows.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, vec!["a", "c", "b", "d"]);
        q.sort = WorkflowSort::LastRun;
        q.descending = true;
        sort_workflows(&mut rows, &health, &q);
        let ids: Vec<&str> = rows.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, vec!["b", "a", "c", "d"]);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod round_trip_tests {
    use super::*;
    use crate::app::url::screen_query::round_trip;
    use proptest::prelude::*;

    fn any_query() -> impl Strategy<Value = WorkflowsQuery> {
        (
            ".{0,8}",
            proptest::sample::select(WORKFLOWS.presets),
            proptest::sample::select(WorkflowSort::WIRE),
            any::<bool>(),
        )
            .prop_map(|(q, period, (sort, _), descending)| WorkflowsQuery {
                q,
                period,
                sort,
                descending,
            })
    }

    proptest! {
        #[test]
        fn every_query_round_trips(q in any_query()) {
            prop_assert_eq!(round_trip(&q), (q, Vec::new()));
        }

        #[test]
        fn unknown_values_of_each_choice_are_reported(key in proptest::sample::select(&["range", "sort", "dir"][..]), value in "[a-z]{1,6}9") {
            let (_, problems) = WorkflowsQuery::parse(&[(key, value.as_str())][..]);
            prop_assert_eq!(problems.len(), 1);
            prop_assert_eq!(problems[0].key, key);
        }
    }
}
