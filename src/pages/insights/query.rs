//! The insights screen's URL state: the period, a preset relative to now
//! (`24h`, `7d`, `14d`, `30d`, `90d`) or whole UTC days (`custom` with
//! `from` and `to`), and the trend chart's picked bucket (`day=2026-11-28`
//! or `hour=2026-11-28T05`). Unknown values are reported and dropped.

use crate::app::url::query::{QueryLookup, QueryProblem};
use crate::model::trend::BucketPick;
use crate::model::DateRange;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The fixed periods: URL key, label, length in hours.
pub const PRESETS: [(&str, &str, i64); 5] = [
    ("24h", "Last 24 hours", 24),
    ("7d", "Last 7 days", 7 * 24),
    ("14d", "Last 14 days", 14 * 24),
    ("30d", "Last 30 days", 30 * 24),
    ("90d", "Last 90 days", 90 * 24),
];

/// The period of the insights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// The last so many hours (one of [`PRESETS`]).
    Last { key: &'static str, hours: i64 },
    /// Whole UTC days, `to` inclusive.
    Custom { from: NaiveDate, to: NaiveDate },
}

/// Seven days, as the admin center opens.
pub const DEFAULT_PERIOD: Period = Period::Last {
    key: "7d",
    hours: 7 * 24,
};

impl Period {
    /// The URL key.
    pub fn key(&self) -> &'static str {
        match self {
            Period::Last { key, .. } => key,
            Period::Custom { .. } => "custom",
        }
    }

    /// The range at `now`.
    pub fn range(&self, now: DateTime<Utc>) -> DateRange {
        match *self {
            Period::Last { hours, .. } => DateRange::last(Duration::hours(hours), now),
            Period::Custom { from, to } => {
                let start = from.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
                let end = to
                    .succ_opt()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc());
                match (start, end) {
                    (Some(s), Some(e)) => DateRange::new(s, e),
                    _ => DEFAULT_PERIOD.range(now),
                }
            }
        }
    }

    /// The runs screen's query for the same period: its preset when it has
    /// one, else the whole UTC days that hold the range.
    pub fn runs_query(&self, now: DateTime<Utc>) -> Vec<(&'static str, String)> {
        match self {
            Period::Last { key, .. } if ["24h", "7d", "30d", "90d"].contains(key) => {
                vec![("range", key.to_string())]
            }
            _ => {
                let r = self.range(now);
                let last = r.end - Duration::seconds(1);
                vec![
                    ("range", "custom".to_string()),
                    ("from", r.start.date_naive().to_string()),
                    ("to", last.date_naive().to_string()),
                ]
            }
        }
    }
}

/// Reads `range`, `from` and `to`.
pub fn parse_period(map: &(impl QueryLookup + ?Sized), problems: &mut Vec<QueryProblem>) -> Period {
    let Some(raw) = map.value("range").filter(|r| !r.is_empty()) else {
        return DEFAULT_PERIOD;
    };
    if let Some((key, _, hours)) = PRESETS.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(raw)) {
        return Period::Last { key, hours: *hours };
    }
    if raw.eq_ignore_ascii_case("custom") {
        let day = |k: &'static str, problems: &mut Vec<QueryProblem>| {
            let v = map.value(k).unwrap_or_default();
            let d = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
            if d.is_none() {
                problems.push(QueryProblem {
                    key: k,
                    value: v.to_string(),
                    expected: "a date such as 2026-11-30".into(),
                    keep: None,
                });
            }
            d
        };
        let (from, to) = (day("from", problems), day("to", problems));
        if let (Some(from), Some(to)) = (from, to) {
            let (from, to) = if from <= to { (from, to) } else { (to, from) };
            return Period::Custom { from, to };
        }
        return DEFAULT_PERIOD;
    }
    problems.push(QueryProblem {
        key: "range",
        value: raw.to_string(),
        expected: "24h, 7d, 14d, 30d, 90d or custom".into(),
        keep: None,
    });
    DEFAULT_PERIOD
}

/// Reads the trend's picked bucket: `day` (a UTC day) or `hour` (a UTC
/// hour, `2026-11-28T05`); `day` wins when both are given.
pub fn parse_pick(
    map: &(impl QueryLookup + ?Sized),
    problems: &mut Vec<QueryProblem>,
) -> Option<BucketPick> {
    let mut read = |key: &'static str, parse: fn(&str) -> Option<BucketPick>, expected: &str| {
        let raw = map.value(key).filter(|v| !v.is_empty())?;
        let pick = parse(raw);
        if pick.is_none() {
            problems.push(QueryProblem {
                key,
                value: raw.to_string(),
                expected: expected.into(),
                keep: None,
            });
        }
        pick
    };
    let day = read("day", BucketPick::parse_day, "a UTC day such as 2026-11-28");
    let hour = read(
        "hour",
        BucketPick::parse_hour,
        "a UTC hour such as 2026-11-28T05",
    );
    day.or(hour)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> (Period, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        (parse_period(pairs, &mut problems), problems)
    }

    #[test]
    fn presets_custom_days_and_unknown_values() {
        assert_eq!(parse(&[]).0, DEFAULT_PERIOD);
        assert_eq!(parse(&[("range", "14d")]).0.key(), "14d");
        let (p, problems) = parse(&[
            ("range", "custom"),
            ("from", "2026-11-30"),
            ("to", "2026-11-01"),
        ]);
        assert!(problems.is_empty());
        let now = Utc::now();
        let r = p.range(now);
        assert_eq!(r.start.to_rfc3339(), "2026-11-01T00:00:00+00:00");
        assert_eq!(r.end.to_rfc3339(), "2026-12-01T00:00:00+00:00");
        let (p, problems) = parse(&[("range", "1y")]);
        assert_eq!(p, DEFAULT_PERIOD);
        assert_eq!(problems[0].key, "range");
        let (_, problems) = parse(&[("range", "custom"), ("from", "soon")]);
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn the_picked_day_or_hour_round_trips_and_bad_ones_are_reported() {
        let pick = |pairs: &[(&str, &str)]| {
            let mut problems = Vec::new();
            (parse_pick(pairs, &mut problems), problems)
        };
        let (p, problems) = pick(&[("day", "2026-11-28")]);
        assert!(problems.is_empty());
        let p = p.unwrap();
        assert_eq!(p.pair(), ("day", "2026-11-28".to_string()));
        let (h, _) = pick(&[("hour", "2026-11-28T05")]);
        assert_eq!(h.unwrap().pair(), ("hour", "2026-11-28T05".to_string()));
        assert_eq!(pick(&[]).0, None);
        let (none, problems) = pick(&[("day", "yesterday"), ("hour", "2026-11-28T99")]);
        assert_eq!(none, None);
        let keys: Vec<&str> = problems.iter().map(|p| p.key).collect();
        assert_eq!(keys, vec!["day", "hour"]);
    }

    #[test]
    fn the_runs_screen_gets_the_same_period() {
        let now: DateTime<Utc> = "2026-11-30T10:00:00Z".parse().unwrap();
        assert_eq!(
            parse(&[("range", "7d")]).0.runs_query(now),
            vec![("range", "7d".to_string())]
        );
        let q = parse(&[("range", "14d")]).0.runs_query(now);
        assert_eq!(q[1], ("from", "2026-11-16".to_string()));
        assert_eq!(q[2], ("to", "2026-11-30".to_string()));
    }
}
