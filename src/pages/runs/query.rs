//! The runs screen's URL state, typed: period (preset or custom UTC days),
//! statuses, execution type, search, sort and shown columns. Parsed once;
//! values the screen does not know are reported and dropped.

use crate::app::api::RunFilter;
use crate::app::query::{parse_list, QueryLookup, QueryProblem, SortParam};
use crate::model::{DateRange, ExecutionType, ProcessingStatus, RangePreset, Run};
use crate::pages::grid::parse_columns;
use chrono::{DateTime, NaiveDate, Utc};

/// The period whose runs are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// A preset relative to now (`24h`, `7d`, `30d`, `90d`).
    Preset(RangePreset),
    /// Whole UTC days, `to` inclusive.
    Custom { from: NaiveDate, to: NaiveDate },
}

impl Period {
    /// The URL key: `24h`, `7d`, `30d`, `90d` or `custom`.
    pub fn key(&self) -> &'static str {
        match self {
            Period::Preset(p) => p.key(),
            Period::Custom { .. } => "custom",
        }
    }

    /// The date range at `now`.
    pub fn range(&self, now: DateTime<Utc>) -> DateRange {
        match self {
            Period::Preset(p) => p.range(now),
            Period::Custom { from, to } => {
                let start = from.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
                let end = to
                    .succ_opt()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc());
                match (start, end) {
                    (Some(s), Some(e)) => DateRange::new(s, e),
                    _ => RangePreset::Last30Days.range(now),
                }
            }
        }
    }
}

/// The default period.
pub const DEFAULT_PERIOD: Period = Period::Preset(RangePreset::Last30Days);

/// The default sort: newest start first.
pub const DEFAULT_SORT: SortParam = SortParam {
    key: "started",
    descending: true,
};

/// Statuses offered in the status filter.
pub fn status_choices() -> Vec<ProcessingStatus> {
    use ProcessingStatus::*;
    vec![
        Failed,
        CompletedWithErrors,
        Completed,
        InProgress,
        Queued,
        Canceled,
    ]
}

/// Execution types offered in the filter.
pub const EXECUTION_CHOICES: [ExecutionType; 3] = [
    ExecutionType::Scheduled,
    ExecutionType::OnDemand,
    ExecutionType::ActivatedWithScope,
];

/// What the runs screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct RunsQuery {
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
pub struct ServerKey {
    pub period: Period,
    pub statuses: Vec<ProcessingStatus>,
    pub execution: Option<ExecutionType>,
}

impl ServerKey {
    /// The Graph filter at `now`.
    pub fn filter(&self, now: DateTime<Utc>) -> RunFilter {
        RunFilter {
            range: self.period.range(now),
            statuses: self.statuses.clone(),
            execution: self.execution.clone(),
        }
    }
}

impl RunsQuery {
    /// Reads the query string; unknown values go to `problems`.
    pub fn parse(map: &(impl QueryLookup + ?Sized)) -> (RunsQuery, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let query = RunsQuery {
            period: parse_period(map, &mut problems),
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

    /// The server-side part.
    pub fn server_key(&self) -> ServerKey {
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
    problems.push(QueryProblem {
        key: "exec",
        value: raw.to_string(),
        expected: "scheduled, onDemand or activatedWithScope".into(),
        keep: None,
    });
    None
}

fn parse_period(map: &(impl QueryLookup + ?Sized), problems: &mut Vec<QueryProblem>) -> Period {
    match map.value("range").filter(|r| !r.is_empty()) {
        None => DEFAULT_PERIOD,
        Some("custom") => custom_period(map, problems),
        Some(key) => match RangePreset::from_key(key) {
            Some(preset) => Period::Preset(preset),
            None => {
                problems.push(QueryProblem {
                    key: "range",
                    value: key.to_string(),
                    expected: "24h, 7d, 30d, 90d or custom".into(),
                    keep: None,
                });
                DEFAULT_PERIOD
            }
        },
    }
}

/// `range=custom` with its `from` and `to` days; a missing, unreadable or
/// reversed day is reported and the default period applies.
fn custom_period(map: &(impl QueryLookup + ?Sized), problems: &mut Vec<QueryProblem>) -> Period {
    let raw = |key| map.value(key).unwrap_or_default();
    let day = |key| NaiveDate::parse_from_str(raw(key), "%Y-%m-%d").ok();
    match (day("from"), day("to")) {
        (Some(from), Some(to)) if from <= to => Period::Custom { from, to },
        _ => {
            problems.push(QueryProblem {
                key: "range",
                value: format!("custom (from={}, to={})", raw("from"), raw("to")),
                expected: "from and to days as YYYY-MM-DD, from not after to".into(),
                keep: None,
            });
            DEFAULT_PERIOD
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(bad[0].key, "range");
        assert!(bad[0].message().contains("from=2024-13-01"));
        assert_eq!(q.period, DEFAULT_PERIOD);
    }
}
