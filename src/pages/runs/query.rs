//! The runs screen's URL state, typed: period (preset, or custom: entered
//! as local days, kept in the URL as UTC days or instants),
//! statuses, execution type, search, sort and shown columns. Parsed once;
//! values the screen does not know are reported and dropped.

use crate::app::api::RunFilter;
use crate::app::url::query::parse_columns;
use crate::app::url::query::{parse_list, QueryLookup, QueryProblem, SortParam};
use crate::model::{DateRange, ExecutionType, ProcessingStatus, RangePreset, Run};
use chrono::{DateTime, NaiveDate, Utc};

/// The period whose runs are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// A preset relative to now (`24h`, `7d`, `30d`, `90d`).
    Preset(RangePreset),
    /// Whole UTC days, `to` inclusive.
    Custom { from: NaiveDate, to: NaiveDate },
    /// An exact window `[start, end)`: `range=custom` with `from` and/or
    /// `to` as UTC instants (`2026-11-30T05:00:00Z`), as a trend chart's
    /// hour or part of a day opens it. A day bound is its whole day.
    Window(DateRange),
}

impl Period {
    /// The URL key: `24h`, `7d`, `30d`, `90d` or `custom`.
    pub fn key(&self) -> &'static str {
        match self {
            Period::Preset(p) => p.key(),
            Period::Custom { .. } | Period::Window(_) => "custom",
        }
    }

    /// The `range`, `from` and `to` of a link to this period.
    pub fn url_pairs(&self) -> [(&'static str, Option<String>); 3] {
        match self {
            Period::Preset(p) => [
                ("range", Some(p.key().to_string())),
                ("from", None),
                ("to", None),
            ],
            Period::Custom { from, to } => [
                ("range", Some("custom".to_string())),
                ("from", Some(from.to_string())),
                ("to", Some(to.to_string())),
            ],
            Period::Window(r) => [
                ("range", Some("custom".to_string())),
                ("from", Some(instant(r.start))),
                ("to", Some(instant(r.end))),
            ],
        }
    }

    /// The period of exactly `[start, end)`: whole UTC days when it is
    /// made of them (`from=D&to=D`), else a [`Period::Window`].
    pub fn of_window(start: DateTime<Utc>, end: DateTime<Utc>) -> Period {
        let midnight = |t: DateTime<Utc>| t.time() == chrono::NaiveTime::MIN;
        if start < end && midnight(start) && midnight(end) {
            if let Some(to) = end.date_naive().pred_opt() {
                return Period::Custom {
                    from: start.date_naive(),
                    to,
                };
            }
        }
        Period::Window(DateRange::new(start, end))
    }

    /// The local days `from..=to` (`start_of` gives a local day's first
    /// instant) as a period of UTC instants, the way the URL keeps it:
    /// `from=D&to=D` when they are whole UTC days, else UTC times.
    pub fn of_local_days(
        from: NaiveDate,
        to: NaiveDate,
        start_of: impl Fn(NaiveDate) -> DateTime<Utc>,
    ) -> Option<Period> {
        let (start, end) = (start_of(from), start_of(to.succ_opt()?));
        (start < end).then(|| Period::of_window(start, end))
    }

    /// The first and last local day a custom period covers (`day_of`
    /// gives an instant's local day), as the From and To inputs show it;
    /// `None` for a preset.
    pub fn local_days(
        &self,
        day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
    ) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Period::Preset(_) => None,
            Period::Custom { .. } | Period::Window(_) => {
                let r = self.range(Utc::now());
                Some((
                    day_of(r.start),
                    day_of(r.end - chrono::Duration::nanoseconds(1)),
                ))
            }
        }
    }

    /// Whether a custom period is exactly whole local days (what the From
    /// and To inputs can say); false for a preset.
    pub fn is_local_days(
        &self,
        day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
        start_of: impl Fn(NaiveDate) -> DateTime<Utc>,
    ) -> bool {
        if matches!(self, Period::Preset(_)) {
            return false;
        }
        let r = self.range(Utc::now());
        start_of(day_of(r.start)) == r.start && start_of(day_of(r.end)) == r.end
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
            Period::Window(r) => *r,
        }
    }
}

/// A UTC instant as the URL writes it: `2026-11-30T05:00:00Z`.
fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One end of a custom period: a whole UTC day or an instant.
#[derive(Clone, Copy)]
enum Bound {
    Day(NaiveDate),
    At(DateTime<Utc>),
}

impl Bound {
    fn parse(raw: &str) -> Option<Bound> {
        let raw = raw.trim();
        if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            return Some(Bound::Day(d));
        }
        DateTime::parse_from_rfc3339(raw)
            .ok()
            .map(|t| Bound::At(t.with_timezone(&Utc)))
    }

    /// The bound as a period start.
    fn start(self) -> Option<DateTime<Utc>> {
        match self {
            Bound::Day(d) => d.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
            Bound::At(t) => Some(t),
        }
    }

    /// The bound as a period end (a day includes itself).
    fn end(self) -> Option<DateTime<Utc>> {
        match self {
            Bound::Day(d) => d.succ_opt()?.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
            Bound::At(t) => Some(t),
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
    ProcessingStatus::filter_choices()
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
    let bound = |key| Bound::parse(raw(key));
    let window = |from: Bound, to: Bound| match (from.start(), to.end()) {
        (Some(s), Some(e)) if s < e => Some(Period::Window(DateRange::new(s, e))),
        _ => None,
    };
    match (bound("from"), bound("to")) {
        (Some(Bound::Day(from)), Some(Bound::Day(to))) if from <= to => Period::Custom { from, to },
        (Some(from @ Bound::At(_)), Some(to)) | (Some(from), Some(to @ Bound::At(_)))
            if window(from, to).is_some() =>
        {
            window(from, to).unwrap_or(DEFAULT_PERIOD)
        }
        _ => {
            problems.push(QueryProblem {
                key: "range",
                value: format!("custom (from={}, to={})", raw("from"), raw("to")),
                expected: "from and to days as YYYY-MM-DD (or UTC times as 2026-11-30T05:00:00Z), from not after to".into(),
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

    #[test]
    fn a_window_of_utc_times_round_trips() {
        let at = |s: &str| -> DateTime<Utc> { s.parse().unwrap() };
        let hour = Period::of_window(at("2026-11-30T05:00:00Z"), at("2026-11-30T06:00:00Z"));
        let pairs = hour.url_pairs();
        assert_eq!(pairs[1].1.as_deref(), Some("2026-11-30T05:00:00Z"));
        let owned: Vec<(&str, String)> = pairs
            .iter()
            .map(|(k, v)| (*k, v.clone().unwrap_or_default()))
            .collect();
        let borrowed: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (q, problems) = parse(&borrowed);
        assert!(problems.is_empty());
        assert_eq!(q.period, hour);
        let r = q.period.range(Utc::now());
        assert_eq!(
            (r.start, r.end),
            (at("2026-11-30T05:00:00Z"), at("2026-11-30T06:00:00Z"))
        );
        assert_eq!(q.period.key(), "custom");
        // Whole days stay days; a day bound with a time bound is its whole day.
        let day = Period::of_window(at("2026-11-28T00:00:00Z"), at("2026-11-29T00:00:00Z"));
        assert_eq!(day.url_pairs()[1].1.as_deref(), Some("2026-11-28"));
        assert_eq!(day.url_pairs()[2].1.as_deref(), Some("2026-11-28"));
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
        let [_, from, to] = p.url_pairs();
        assert_eq!(from.1.as_deref(), Some("2026-10-31T23:00:00Z"));
        assert_eq!(to.1.as_deref(), Some("2026-11-07T23:00:00Z"));
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
            Period::Custom {
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
