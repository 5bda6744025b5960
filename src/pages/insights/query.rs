//! The insights screen's URL state: the period, a preset relative to now
//! (`24h`, `7d`, `14d`, `30d`, `90d`) or whole UTC days (`custom` with
//! `from` and `to`; UTC times are read too), and the trend chart's picked
//! bucket (`day=2026-11-28` or `hour=2026-11-28T05`). Unknown values are
//! reported and dropped.

use crate::app::url::period::INSIGHTS;
use crate::app::url::query::{QueryLookup, QueryProblem};
use crate::app::url::screen_query::{problem, Pairs, ScreenQuery};
use crate::model::trend::{BucketPick, Granularity};
use crate::model::Period;
use chrono::NaiveDate;

/// What the insights screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct InsightsQuery {
    pub period: Period,
    /// The trend's picked day or hour.
    pub pick: Option<BucketPick>,
}

impl Default for InsightsQuery {
    fn default() -> Self {
        InsightsQuery {
            period: INSIGHTS.default_period(),
            pick: None,
        }
    }
}

impl ScreenQuery for InsightsQuery {
    const KEYS: &'static [&'static str] = &["range", "from", "to", "day", "hour"];

    fn parse(map: &(impl QueryLookup + ?Sized)) -> (Self, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        let period = INSIGHTS.parse(map, &mut problems);
        let pick = parse_pick(map, &mut problems);
        (InsightsQuery { period, pick }, problems)
    }

    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        Pairs::new()
            .extend(INSIGHTS.pairs(&self.period))
            .extend(self.pick.map(|p| pick_pair(&p)))
            .done()
    }
}

/// The URL pair of a pick: `("day", "2026-11-28")` or `("hour", "2026-11-28T05")`.
pub(super) fn pick_pair(pick: &BucketPick) -> (&'static str, String) {
    let key = match pick.granularity() {
        Granularity::Day => "day",
        Granularity::Hour => "hour",
    };
    let value = match pick {
        BucketPick::Day(d) => d.format("%Y-%m-%d").to_string(),
        BucketPick::Hour(h) => h.format("%Y-%m-%dT%H").to_string(),
    };
    (key, value)
}

/// Reads a `day` value (`2026-11-28`).
fn parse_day(raw: &str) -> Option<BucketPick> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .map(BucketPick::Day)
}

/// Reads an `hour` value (`2026-11-28T05`): a UTC day and an hour below 24.
fn parse_hour(raw: &str) -> Option<BucketPick> {
    let (day, hour) = raw.trim().split_once(['T', 't'])?;
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let hour: u32 = hour
        .parse()
        .ok()
        .filter(|h: &u32| *h < 24 && !hour.is_empty())?;
    Some(BucketPick::Hour(day.and_hms_opt(hour, 0, 0)?.and_utc()))
}

/// Reads the trend's picked bucket: `day` (a UTC day) or `hour` (a UTC
/// hour, `2026-11-28T05`); `day` wins when both are given.
pub(super) fn parse_pick(
    map: &(impl QueryLookup + ?Sized),
    problems: &mut Vec<QueryProblem>,
) -> Option<BucketPick> {
    let mut read = |key: &'static str, parse: fn(&str) -> Option<BucketPick>, expected: &str| {
        let raw = map.value(key).filter(|v| !v.is_empty())?;
        let pick = parse(raw);
        if pick.is_none() {
            problems.push(problem(key, raw, expected));
        }
        pick
    };
    let day = read("day", parse_day, "a UTC day such as 2026-11-28");
    let hour = read("hour", parse_hour, "a UTC hour such as 2026-11-28T05");
    day.or(hour)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::url::period::{period_key, period_pairs, RUNS};
    use crate::model::Preset;
    use chrono::{DateTime, Utc};

    const DEFAULT_PERIOD: Period = Period::Last(Preset::Days7);

    fn parse(pairs: &[(&str, &str)]) -> (Period, Vec<QueryProblem>) {
        let mut problems = Vec::new();
        (INSIGHTS.parse(pairs, &mut problems), problems)
    }

    #[test]
    fn picks_parse_and_write_their_values() {
        let d = parse_day("2026-11-28").unwrap();
        assert_eq!(pick_pair(&d), ("day", "2026-11-28".to_string()));
        let h = parse_hour("2026-11-30T05").unwrap();
        assert_eq!(pick_pair(&h), ("hour", "2026-11-30T05".to_string()));
        assert_eq!(parse_hour("2026-11-30T24"), None);
        assert_eq!(parse_hour("2026-11-30T"), None);
        assert_eq!(parse_hour("2026-11-30"), None);
        assert_eq!(parse_day("28 Nov"), None);
    }

    #[test]
    fn presets_custom_days_and_unknown_values() {
        assert_eq!(parse(&[]).0, DEFAULT_PERIOD);
        assert_eq!(period_key(&parse(&[("range", "14d")]).0), "14d");
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
        assert_eq!(pick_pair(&p), ("day", "2026-11-28".to_string()));
        let (h, _) = pick(&[("hour", "2026-11-28T05")]);
        assert_eq!(
            pick_pair(&h.unwrap()),
            ("hour", "2026-11-28T05".to_string())
        );
        assert_eq!(pick(&[]).0, None);
        let (none, problems) = pick(&[("day", "yesterday"), ("hour", "2026-11-28T99")]);
        assert_eq!(none, None);
        let keys: Vec<&str> = problems.iter().map(|p| p.key).collect();
        assert_eq!(keys, vec!["day", "hour"]);
    }

    #[test]
    fn the_runs_screen_gets_the_same_period() {
        let now: DateTime<Utc> = "2026-11-30T10:00:00Z".parse().unwrap();
        let runs = |pairs: &[(&str, &str)]| period_pairs(&RUNS.fit(parse(pairs).0, now));
        assert_eq!(runs(&[("range", "7d")]), vec![("range", "7d".to_string())]);
        let q = runs(&[("range", "14d")]);
        assert_eq!(q[1], ("from", "2026-11-16".to_string()));
        assert_eq!(q[2], ("to", "2026-11-30".to_string()));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod round_trip_tests {
    use super::*;
    use crate::app::url::screen_query::round_trip;
    use crate::app::url::screen_query::strategies::{day, instant, period};
    use chrono::{DurationRound, TimeDelta};
    use proptest::prelude::*;

    fn any_pick() -> impl Strategy<Value = Option<BucketPick>> {
        let hour = instant()
            .prop_map(|t| BucketPick::Hour(t.duration_trunc(TimeDelta::hours(1)).unwrap_or(t)));
        proptest::option::of(prop_oneof![day().prop_map(BucketPick::Day), hour])
    }

    proptest! {
        #[test]
        fn every_query_round_trips(period in period(INSIGHTS), pick in any_pick()) {
            let q = InsightsQuery { period, pick };
            prop_assert_eq!(round_trip(&q), (q, Vec::new()));
        }

        #[test]
        fn unknown_values_of_each_choice_are_reported(
            key in proptest::sample::select(&["range", "day", "hour"][..]),
            value in "[a-z]{1,6}9",
        ) {
            let (_, problems) = InsightsQuery::parse(&[(key, value.as_str())][..]);
            prop_assert_eq!(problems.len(), 1);
            prop_assert_eq!(problems[0].key, key);
        }
    }
}
