//! The runs screen's URL state, typed: period (preset, or custom: entered
//! as local days, kept in the URL as UTC days or instants),
//! statuses, execution type, search, sort and shown columns. Parsed once;
//! values the screen does not know are reported and dropped.

use crate::app::api::RunFilter;
use crate::app::url::period::RUNS;
use crate::app::url::query::{
    parse_columns, parse_list, query_string, QueryLookup, QueryProblem, SortParam,
};
use crate::app::url::screen_query::{problem, Pairs, ScreenQuery};
use crate::model::{ExecutionType, Period, ProcessingStatus, Run};
use crate::table::{columns_param, default_columns};
use chrono::{DateTime, Utc};

/// The default period.
pub(super) const DEFAULT_PERIOD: Period = Period::Last(RUNS.default);

/// The default sort: newest start first.
pub(super) const DEFAULT_SORT: SortParam = SortParam {
    key: "started",
    descending: true,
};

/// Statuses offered in the status filter.
pub(super) fn status_choices() -> Vec<ProcessingStatus> {
    ProcessingStatus::filter_choices()
}

/// Execution types offered in the filter.
pub(super) const EXECUTION_CHOICES: [ExecutionType; 3] = [
    ExecutionType::Scheduled,
    ExecutionType::OnDemand,
    ExecutionType::ActivatedWithScope,
];

/// What the runs screen shows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RunsQuery {
    pub period: Period,
    pub statuses: Vec<ProcessingStatus>,
    pub execution: Option<ExecutionType>,
    /// Search over status, type and run id (in the browser).
    pub q: String,
    pub sort: SortParam,
    /// Shown column keys.
    pub columns: Vec<&'static str>,
}

/// The part that reloads from Graph when it changes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ServerKey {
    pub period: Period,
    pub statuses: Vec<ProcessingStatus>,
    pub execution: Option<ExecutionType>,
}

impl ServerKey {
    /// The key's fields as text (its query string), for the session cache.
    pub(crate) fn cache_text(&self) -> String {
        let q = RunsQuery {
            period: self.period,
            statuses: self.statuses.clone(),
            execution: self.execution.clone(),
            ..RunsQuery::default()
        };
        query_string(&q.to_pairs())
    }

    /// The Graph filter at `now`.
    pub(crate) fn filter(&self, now: DateTime<Utc>) -> RunFilter {
        RunFilter {
            range: self.period.range(now),
            statuses: self.statuses.clone(),
            execution: self.execution.clone(),
        }
    }
}

impl Default for RunsQuery {
    fn default() -> Self {
        RunsQuery {
            period: DEFAULT_PERIOD,
            statuses: Vec::new(),
            execution: None,
            q: String::new(),
            sort: DEFAULT_SORT,
            columns: default_columns::<Run>(),
        }
    }
}

impl ScreenQuery for RunsQuery {
    const KEYS: &'static [&'static str] = &[
        "range", "from", "to", "status", "exec", "q", "sort", "dir", "cols",
    ];

    /// Reads the query string; unknown values go to `problems`.
    fn parse(map: &(impl QueryLookup + ?Sized)) -> (RunsQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let query = RunsQuery {
            period: RUNS.parse(map, &mut problems),
            statuses: parse_list(
                "status",
                map.value("status"),
                known_status,
                "failed, completedWithErrors, completed, inProgress, queued or canceled",
                &mut problems,
            ),
            execution: parse_execution(map.value("exec"), &mut problems),
            q: map.value("q").unwrap_or_default().to_string(),
            sort: SortParam::parse::<Run>(
                map.value("sort"),
                map.value("dir"),
                DEFAULT_SORT,
                &[],
                &mut problems,
            ),
            columns: parse_columns::<Run>(map.value("cols"), &mut problems),
        };
        (query, problems)
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let statuses: Vec<&str> = self.statuses.iter().map(ProcessingStatus::as_str).collect();
        Pairs::new()
            .extend(RUNS.pairs(&self.period))
            .text("status", statuses.join(","))
            .text(
                "exec",
                self.execution
                    .as_ref()
                    .map(ExecutionType::as_str)
                    .unwrap_or_default(),
            )
            .text("q", self.q.as_str())
            .extend(self.sort.pairs(DEFAULT_SORT))
            .text(
                "cols",
                columns_param::<Run>(&self.columns).unwrap_or_default(),
            )
            .done()
    }
}

impl RunsQuery {
    /// Only `statuses` (no type filter, no search), so the table lists
    /// what a summary card counts.
    pub(crate) fn only_statuses(&mut self, statuses: Vec<ProcessingStatus>) {
        self.statuses = statuses;
        self.execution = None;
        self.q.clear();
    }

    /// The server-side part.
    pub(crate) fn server_key(&self) -> ServerKey {
        ServerKey {
            period: self.period,
            statuses: self.statuses.clone(),
            execution: self.execution.clone(),
        }
    }
}

fn known_status(raw: &str) -> Option<ProcessingStatus> {
    let status = ProcessingStatus::from_wire(raw);
    status_choices().contains(&status).then_some(status)
}

fn parse_execution(raw: Option<&str>, problems: &mut Vec<QueryProblem>) -> Option<ExecutionType> {
    let raw = raw.filter(|r| !r.is_empty())?;
    let exec = ExecutionType::from_wire(raw);
    if EXECUTION_CHOICES.contains(&exec) {
        return Some(exec);
    }
    problems.push(problem(
        "exec",
        raw,
        "scheduled, onDemand or activatedWithScope",
    ));
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::url::period::{period_key, period_pairs};
    use crate::model::DateRange;
    use chrono::NaiveDate;

    fn parse(pairs: &[(&str, &str)]) -> (RunsQuery, Vec<QueryProblem>) {
        RunsQuery::parse(pairs)
    }

    #[test]
    fn default_range_is_thirty_days() {
        let (q, problems) = parse(&[]);
        assert!(problems.is_empty());
        let r = q.period.range(Utc::now());
        assert_eq!((r.end - r.start).num_days(), 30);
    }

    #[test]
    fn unknown_values_are_reported_not_replaced() {
        let (q, problems) = parse(&[
            ("range", "nonsense"),
            ("status", "failed,bogus"),
            ("exec", "x"),
        ]);
        assert_eq!(q.period, DEFAULT_PERIOD);
        assert_eq!(q.statuses, vec![ProcessingStatus::Failed]);
        assert_eq!(q.execution, None);
        let keys: Vec<&str> = problems.iter().map(|p| p.key).collect();
        assert_eq!(keys, vec!["range", "status", "exec"]);
    }

    #[test]
    fn custom_range_includes_end_day() {
        let (q, problems) = parse(&[
            ("range", "custom"),
            ("from", "2024-01-01"),
            ("to", "2024-01-31"),
        ]);
        assert!(problems.is_empty());
        let r = q.period.range(Utc::now());
        assert_eq!(r.start.to_rfc3339(), "2024-01-01T00:00:00+00:00");
        assert_eq!(r.end.to_rfc3339(), "2024-02-01T00:00:00+00:00");
        let (q, bad) = parse(&[
            ("range", "custom"),
            ("from", "2024-13-01"),
            ("to", "2024-01-31"),
        ]);
        assert_eq!(bad[0].key, "from");
        assert!(bad[0].message().contains("from=2024-13-01"));
        assert_eq!(q.period, DEFAULT_PERIOD);
    }

    #[test]
    fn a_window_of_utc_times_round_trips() {
        let at = |s: &str| -> DateTime<Utc> { s.parse().unwrap() };
        let hour = Period::of_window(at("2026-11-30T05:00:00Z"), at("2026-11-30T06:00:00Z"));
        let owned = period_pairs(&hour);
        assert_eq!(owned[1].1, "2026-11-30T05:00:00Z");
        let borrowed: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (q, problems) = parse(&borrowed);
        assert!(problems.is_empty());
        assert_eq!(q.period, hour);
        let r = q.period.range(Utc::now());
        assert_eq!(
            (r.start, r.end),
            (at("2026-11-30T05:00:00Z"), at("2026-11-30T06:00:00Z"))
        );
        assert_eq!(period_key(&q.period), "custom");
        // Whole days stay days; a day bound with a time bound is its whole day.
        let day = Period::of_window(at("2026-11-28T00:00:00Z"), at("2026-11-29T00:00:00Z"));
        assert_eq!(period_pairs(&day)[1].1, "2026-11-28");
        assert_eq!(period_pairs(&day)[2].1, "2026-11-28");
        let (q, _) = parse(&[
            ("range", "custom"),
            ("from", "2026-11-28T05:43:00Z"),
            ("to", "2026-11-28"),
        ]);
        assert_eq!(
            q.period,
            Period::Window(DateRange::new(
                at("2026-11-28T05:43:00Z"),
                at("2026-11-29T00:00:00Z")
            ))
        );
        // An empty or reversed window is reported.
        let (q, bad) = parse(&[
            ("range", "custom"),
            ("from", "2026-11-28T06:00:00Z"),
            ("to", "2026-11-28T05:00:00Z"),
        ]);
        assert_eq!((q.period, bad[0].key), (DEFAULT_PERIOD, "range"));
    }

    #[test]
    fn local_days_are_kept_as_utc_instants_and_read_back() {
        let berlin_start =
            |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc() - chrono::Duration::hours(1);
        let berlin_day = |t: DateTime<Utc>| (t + chrono::Duration::hours(1)).date_naive();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let p = Period::of_local_days(day("2026-11-01"), day("2026-11-07"), berlin_start).unwrap();
        let pairs = period_pairs(&p);
        assert_eq!(pairs[1].1, "2026-10-31T23:00:00Z");
        assert_eq!(pairs[2].1, "2026-11-07T23:00:00Z");
        assert_eq!(
            p.local_days(berlin_day),
            Some((day("2026-11-01"), day("2026-11-07")))
        );
        assert!(p.is_local_days(berlin_day, berlin_start));
        // In UTC the same days are the old day form of the URL.
        let utc_start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_utc();
        let utc = Period::of_local_days(day("2026-11-01"), day("2026-11-07"), utc_start).unwrap();
        assert_eq!(
            utc,
            Period::Days {
                from: day("2026-11-01"),
                to: day("2026-11-07")
            }
        );
        // A UTC-day link seen from Berlin: not whole local days.
        assert!(!utc.is_local_days(berlin_day, berlin_start));
        assert_eq!(
            utc.local_days(berlin_day),
            Some((day("2026-11-01"), day("2026-11-08")))
        );
        assert!(
            Period::of_local_days(day("2026-11-07"), day("2026-11-01"), berlin_start).is_none()
        );
        assert_eq!(DEFAULT_PERIOD.local_days(berlin_day), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod round_trip_tests {
    use super::*;
    use crate::app::url::screen_query::round_trip;
    use crate::app::url::screen_query::strategies::{columns, period, sort, subset};
    use proptest::prelude::*;

    fn any_query() -> impl Strategy<Value = RunsQuery> {
        (
            period(RUNS),
            subset(status_choices()),
            proptest::option::of(proptest::sample::select(EXECUTION_CHOICES.to_vec())),
            ".{0,8}",
            sort::<Run>(&[]),
            columns::<Run>(),
        )
            .prop_map(
                |(period, statuses, execution, q, sort, columns)| RunsQuery {
                    period,
                    statuses,
                    execution,
                    q,
                    sort,
                    columns,
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
            key in proptest::sample::select(&["range", "status", "exec", "sort", "dir", "cols"][..]),
            value in "[a-z]{1,6}9",
        ) {
            let (_, problems) = RunsQuery::parse(&[(key, value.as_str())][..]);
            prop_assert_eq!(problems.len(), 1);
            prop_assert_eq!(problems[0].key, key);
        }
    }
}
