//! The trend chart's figures: runs (or the users they processed) per UTC day,
//! or per UTC hour when the period is 48 hours or less, stacked by outcome.
//!
//! Every bucket of the period is present, empty or not, oldest first. A run
//! is placed by one time field ([`RunTime`]): the runs screen's own filter
//! field (`scheduledDateTime`, what its `$filter` asks Graph for), or the
//! insights' (started, else scheduled: `tenant::run_in`), so a bucket holds
//! exactly the runs that screen lists for the bucket's window.
//!
//! A run's outcome ([`Outcome::of_run`]) groups `processingStatus`:
//! `completed`; `completedWithErrors`; `failed`; `canceled`; `queued`,
//! `inProgress` and `canceling` as "in progress or queued" (still moving);
//! anything else (`quarantined`, unknown values, no status) as "other".
//! Users are the run's `successfulUsersCount`, `failedUsersCount` and the
//! rest of `totalUsersCount` ("not processed": neither, yet or ever).
//! The totals are the sums of the parts, so they always equal what the
//! runs given add up to.

use super::{DateRange, ProcessingStatus, Run, Tone};
use chrono::{DateTime, Duration, DurationRound, Utc};

/// What the chart counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Measure {
    #[default]
    Runs,
    Users,
}

impl Measure {
    /// The outcomes stacked for this measure, bottom first.
    pub fn outcomes(self) -> &'static [Outcome] {
        match self {
            Measure::Runs => &RUN_OUTCOMES,
            Measure::Users => &USER_OUTCOMES,
        }
    }
}

/// An outcome a bar segment counts (runs or users).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Run `completed`.
    Completed,
    /// Run `completedWithErrors`.
    WithErrors,
    /// Run `failed`.
    Failed,
    /// Run `canceled`.
    Canceled,
    /// Run `queued`, `inProgress` or `canceling`.
    Running,
    /// Run `quarantined`, unknown or without a status.
    Other,
    /// Users processed successfully.
    UsersSucceeded,
    /// Users that failed.
    UsersFailed,
    /// Users neither successful nor failed.
    UsersOther,
}

/// The run outcomes, bottom of the stack first.
pub const RUN_OUTCOMES: [Outcome; 6] = [
    Outcome::Completed,
    Outcome::WithErrors,
    Outcome::Failed,
    Outcome::Canceled,
    Outcome::Running,
    Outcome::Other,
];

/// The user outcomes, bottom of the stack first.
pub const USER_OUTCOMES: [Outcome; 3] = [
    Outcome::UsersSucceeded,
    Outcome::UsersFailed,
    Outcome::UsersOther,
];

impl Outcome {
    /// The outcome of a run by its status (see the module's grouping).
    pub fn of_run(status: Option<&ProcessingStatus>) -> Outcome {
        match status {
            Some(ProcessingStatus::Completed) => Outcome::Completed,
            Some(ProcessingStatus::CompletedWithErrors) => Outcome::WithErrors,
            Some(ProcessingStatus::Failed) => Outcome::Failed,
            Some(ProcessingStatus::Canceled) => Outcome::Canceled,
            Some(ProcessingStatus::Queued)
            | Some(ProcessingStatus::InProgress)
            | Some(ProcessingStatus::Canceling) => Outcome::Running,
            _ => Outcome::Other,
        }
    }

    fn index(self) -> usize {
        match self {
            Outcome::Completed => 0,
            Outcome::WithErrors => 1,
            Outcome::Failed => 2,
            Outcome::Canceled => 3,
            Outcome::Running => 4,
            Outcome::Other => 5,
            Outcome::UsersSucceeded => 6,
            Outcome::UsersFailed => 7,
            Outcome::UsersOther => 8,
        }
    }

    /// The fill pattern's name (`solid`, `hatch`, `cross`, `dots`, `lines`,
    /// `bars`): one per meaning, the same for runs and users.
    pub fn pattern(self) -> &'static str {
        match self {
            Outcome::Completed | Outcome::UsersSucceeded => "solid",
            Outcome::WithErrors => "hatch",
            Outcome::Failed | Outcome::UsersFailed => "cross",
            Outcome::Canceled | Outcome::UsersOther => "dots",
            Outcome::Running => "lines",
            Outcome::Other => "bars",
        }
    }

    /// Colour family.
    pub fn tone(self) -> Tone {
        match self {
            Outcome::Completed | Outcome::UsersSucceeded => Tone::Success,
            Outcome::WithErrors => Tone::Warning,
            Outcome::Failed | Outcome::UsersFailed => Tone::Danger,
            Outcome::Running => Tone::Info,
            Outcome::Canceled | Outcome::Other | Outcome::UsersOther => Tone::Neutral,
        }
    }

    /// Shown even when zero ("Other" only when some run has it).
    pub fn always_shown(self) -> bool {
        !matches!(self, Outcome::Other)
    }
}

/// Which time of a run places it in a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RunTime {
    /// `scheduledDateTime`: the runs screen's `$filter` field.
    Scheduled,
    /// Started, else scheduled ([`Run::display_date`]): the insights'.
    StartedElseScheduled,
}

impl RunTime {
    /// The run's time by this field.
    pub fn of(self, run: &Run) -> Option<DateTime<Utc>> {
        match self {
            RunTime::Scheduled => run.scheduled_date_time,
            RunTime::StartedElseScheduled => run.display_date(),
        }
    }
}

/// Days, or hours for periods of 48 hours or less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    Day,
    Hour,
}

impl Granularity {
    /// Hours for a period of 48 hours or less, else days.
    pub fn for_range(range: &DateRange) -> Granularity {
        if range.end - range.start <= Duration::hours(48) {
            Granularity::Hour
        } else {
            Granularity::Day
        }
    }

    /// One bucket's length.
    pub fn unit(self) -> Duration {
        match self {
            Granularity::Day => Duration::days(1),
            Granularity::Hour => Duration::hours(1),
        }
    }

    /// The start of the UTC day or hour that holds `at`.
    pub fn floor(self, at: DateTime<Utc>) -> DateTime<Utc> {
        at.duration_trunc(self.unit()).unwrap_or(at)
    }
}

/// One day or hour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    /// The UTC day or hour (its start).
    pub slot: DateTime<Utc>,
    /// The window the bucket counts: `[start, end)`; `start` is later than
    /// `slot` when the period begins within the day or hour.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    counts: [u32; 9],
}

impl Bucket {
    fn new(slot: DateTime<Utc>, start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Bucket {
            slot,
            start,
            end,
            counts: [0; 9],
        }
    }

    /// The count of one outcome.
    pub fn count(&self, outcome: Outcome) -> u32 {
        self.counts.get(outcome.index()).copied().unwrap_or(0)
    }

    /// The sum of the measure's outcomes.
    pub fn total(&self, measure: Measure) -> u32 {
        measure
            .outcomes()
            .iter()
            .fold(0u32, |n, o| n.saturating_add(self.count(*o)))
    }

    /// Whether the bucket covers its whole day or hour.
    pub fn whole(&self) -> bool {
        self.start == self.slot
    }

    fn add(&mut self, outcome: Outcome, n: u32) {
        if let Some(c) = self.counts.get_mut(outcome.index()) {
            *c = c.saturating_add(n);
        }
    }

    fn add_run(&mut self, run: &Run) {
        self.add(Outcome::of_run(run.processing_status.as_ref()), 1);
        let ok = run.successful_users_count.unwrap_or(0);
        let failed = run.failed_users_count.unwrap_or(0);
        self.add(Outcome::UsersSucceeded, ok);
        self.add(Outcome::UsersFailed, failed);
        self.add(Outcome::UsersOther, run.unprocessed_users().unwrap_or(0));
    }
}

/// The most buckets a trend draws (a year and a half of days, or the
/// hours of any ≤ 48 h period); a longer period is cut at its start.
pub const MAX_BUCKETS: usize = 550;

/// Runs bucketed over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub granularity: Granularity,
    /// The period asked for.
    pub range: DateRange,
    /// Which time placed the runs.
    pub time: RunTime,
    /// Every day or hour of the period, oldest first.
    pub buckets: Vec<Bucket>,
    /// Runs given that no bucket holds: without the time, or more than a
    /// bucket outside the period. Counted in no total.
    pub unplaced: u32,
}

impl Trend {
    /// Buckets `runs` over `range` by `time`. A run up to one bucket
    /// outside the period (loaded a moment before the period was computed)
    /// widens the first or last bucket rather than being dropped.
    pub fn build<'a>(
        runs: impl IntoIterator<Item = &'a Run>,
        range: DateRange,
        time: RunTime,
    ) -> Trend {
        let g = Granularity::for_range(&range);
        let unit = g.unit();
        let runs: Vec<(&Run, Option<DateTime<Utc>>)> =
            runs.into_iter().map(|r| (r, time.of(r))).collect();
        let near = |t: DateTime<Utc>| t >= range.start - unit && t <= range.end + unit;
        let placed = || runs.iter().filter_map(|(_, t)| *t).filter(|t| near(*t));
        let first = placed().fold(range.start, |a, t| a.min(t));
        let last_end = if range.end > range.start {
            range.end - Duration::nanoseconds(1)
        } else {
            range.start
        };
        let last = placed().fold(last_end, |a, t| a.max(t));
        let (first_slot, last_slot) = (g.floor(first), g.floor(last));
        let mut buckets = Vec::new();
        let mut slot = first_slot;
        while slot <= last_slot {
            buckets.push(Bucket::new(slot, slot.max(first), slot + unit));
            slot += unit;
        }
        // Cut an over-long period at its start (the newest buckets stay).
        let cut = buckets.len().saturating_sub(MAX_BUCKETS);
        buckets.drain(..cut);
        let mut trend = Trend {
            granularity: g,
            range,
            time,
            buckets,
            unplaced: 0,
        };
        for (run, t) in runs {
            match t.and_then(|t| trend.index_at(t)) {
                Some(i) => {
                    if let Some(b) = trend.buckets.get_mut(i) {
                        b.add_run(run);
                    }
                }
                None => trend.unplaced += 1,
            }
        }
        trend
    }

    /// The bucket that holds `at`, if any.
    pub fn index_at(&self, at: DateTime<Utc>) -> Option<usize> {
        let first = self.buckets.first()?;
        if at < first.start {
            return None;
        }
        let slot = self.granularity.floor(at);
        let steps = (slot - first.slot).num_seconds() / self.granularity.unit().num_seconds();
        let i = usize::try_from(steps).ok()?;
        (i < self.buckets.len()).then_some(i)
    }

    /// The bucket of `run` (by this trend's time field), if any.
    pub fn index_of(&self, run: &Run) -> Option<usize> {
        self.index_at(self.time.of(run)?)
    }

    /// An outcome's total over every bucket.
    pub fn count(&self, outcome: Outcome) -> u32 {
        self.buckets
            .iter()
            .fold(0u32, |n, b| n.saturating_add(b.count(outcome)))
    }

    /// The measure's total over every bucket.
    pub fn total(&self, measure: Measure) -> u32 {
        self.buckets
            .iter()
            .fold(0u32, |n, b| n.saturating_add(b.total(measure)))
    }

    /// The largest bucket total.
    pub fn max(&self, measure: Measure) -> u32 {
        self.buckets
            .iter()
            .map(|b| b.total(measure))
            .max()
            .unwrap_or(0)
    }

    /// The outcomes to draw: every one that is always shown, and the
    /// others when some bucket has them.
    pub fn shown_outcomes(&self, measure: Measure) -> Vec<Outcome> {
        measure
            .outcomes()
            .iter()
            .copied()
            .filter(|o| o.always_shown() || self.count(*o) > 0)
            .collect()
    }
}

/// A picked bucket: a UTC day or hour (the insights' link keeps it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BucketPick {
    Day(chrono::NaiveDate),
    /// The hour's start.
    Hour(DateTime<Utc>),
}

impl BucketPick {
    /// The pick of a bucket.
    pub fn of(bucket: &Bucket, g: Granularity) -> BucketPick {
        match g {
            Granularity::Day => BucketPick::Day(bucket.slot.date_naive()),
            Granularity::Hour => BucketPick::Hour(bucket.slot),
        }
    }

    /// Its granularity: a day or an hour.
    pub fn granularity(&self) -> Granularity {
        match self {
            BucketPick::Day(_) => Granularity::Day,
            BucketPick::Hour(_) => Granularity::Hour,
        }
    }

    /// The index of the picked bucket in `trend`, when it has it.
    pub fn index_in(&self, trend: &Trend) -> Option<usize> {
        if self.granularity() != trend.granularity {
            return None;
        }
        trend
            .buckets
            .iter()
            .position(|b| BucketPick::of(b, trend.granularity) == *self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_json;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn run(status: &str, scheduled: &str, started: Option<&str>, users: (u32, u32, u32)) -> Run {
        let started = started
            .map(|s| format!(r#","startedDateTime":"{s}""#))
            .unwrap_or_default();
        parse_json(&format!(
            r#"{{"id":"r","processingStatus":"{status}","scheduledDateTime":"{scheduled}"{started},
            "totalUsersCount":{},"successfulUsersCount":{},"failedUsersCount":{}}}"#,
            users.0, users.1, users.2
        ))
        .unwrap()
    }

    fn week() -> DateRange {
        DateRange::new(at("2026-11-24T00:00:00Z"), at("2026-12-01T00:00:00Z"))
    }

    #[test]
    fn whole_days_every_bucket_present_even_empty() {
        let t = Trend::build(std::iter::empty(), week(), RunTime::Scheduled);
        assert_eq!(t.granularity, Granularity::Day);
        assert_eq!(t.buckets.len(), 7);
        assert!(t
            .buckets
            .iter()
            .all(|b| b.whole() && b.total(Measure::Runs) == 0));
        assert_eq!(t.buckets[0].slot, at("2026-11-24T00:00:00Z"));
        assert_eq!(t.buckets[6].slot, at("2026-11-30T00:00:00Z"));
        assert_eq!(t.total(Measure::Runs), 0);
    }

    #[test]
    fn runs_fall_in_their_day_by_outcome_and_totals_equal_the_runs() {
        let runs = vec![
            run("completed", "2026-11-24T00:00:00Z", None, (3, 3, 0)),
            run("completed", "2026-11-24T23:59:59Z", None, (2, 2, 0)),
            run(
                "completedWithErrors",
                "2026-11-28T10:00:00Z",
                None,
                (5, 3, 2),
            ),
            run("failed", "2026-11-28T11:00:00Z", None, (1, 0, 1)),
            run("inProgress", "2026-11-30T23:00:00Z", None, (4, 1, 0)),
            run("queued", "2026-11-30T23:10:00Z", None, (0, 0, 0)),
            run("canceled", "2026-11-29T01:00:00Z", None, (2, 0, 0)),
            run("quarantined", "2026-11-29T02:00:00Z", None, (0, 0, 0)),
        ];
        let t = Trend::build(&runs, week(), RunTime::Scheduled);
        assert_eq!(t.buckets.len(), 7);
        assert_eq!(t.total(Measure::Runs), runs.len() as u32);
        assert_eq!(t.unplaced, 0);
        let users: u32 = runs.iter().map(|r| r.total_users_count.unwrap()).sum();
        assert_eq!(t.total(Measure::Users), users);
        assert_eq!(t.count(Outcome::UsersSucceeded), 9);
        assert_eq!(t.count(Outcome::UsersFailed), 3);
        assert_eq!(t.count(Outcome::UsersOther), 5);
        let b = &t.buckets;
        assert_eq!(b[0].count(Outcome::Completed), 2);
        assert_eq!(b[4].count(Outcome::WithErrors), 1);
        assert_eq!(b[4].count(Outcome::Failed), 1);
        assert_eq!(b[5].count(Outcome::Canceled), 1);
        assert_eq!(b[5].count(Outcome::Other), 1);
        assert_eq!(b[6].count(Outcome::Running), 2);
        assert_eq!(b[1].total(Measure::Runs), 0);
        let sum: u32 = b.iter().map(|b| b.total(Measure::Runs)).sum();
        assert_eq!(sum, t.total(Measure::Runs));
        assert!(t.shown_outcomes(Measure::Runs).contains(&Outcome::Other));
        let none = Trend::build(&runs[..2], week(), RunTime::Scheduled);
        assert!(!none.shown_outcomes(Measure::Runs).contains(&Outcome::Other));
    }

    #[test]
    fn the_time_field_decides_the_bucket() {
        let r = run(
            "completed",
            "2026-11-25T23:59:50Z",
            Some("2026-11-26T00:00:10Z"),
            (1, 1, 0),
        );
        let by_schedule = Trend::build([&r], week(), RunTime::Scheduled);
        assert_eq!(by_schedule.index_of(&r), Some(1));
        assert_eq!(by_schedule.buckets[1].total(Measure::Runs), 1);
        let by_start = Trend::build([&r], week(), RunTime::StartedElseScheduled);
        assert_eq!(by_start.index_of(&r), Some(2));
        assert_eq!(by_start.buckets[2].total(Measure::Runs), 1);
    }

    #[test]
    fn hours_for_48_hours_or_less_with_a_partial_first_bucket() {
        let range = DateRange::new(at("2026-11-30T05:43:00Z"), at("2026-12-01T05:43:00Z"));
        let runs = vec![
            run("completed", "2026-11-30T05:43:00Z", None, (1, 1, 0)),
            run("failed", "2026-12-01T05:42:59Z", None, (1, 0, 1)),
        ];
        let t = Trend::build(&runs, range, RunTime::Scheduled);
        assert_eq!(t.granularity, Granularity::Hour);
        assert_eq!(t.buckets.len(), 25);
        let first = &t.buckets[0];
        assert!(!first.whole());
        assert_eq!(first.start, at("2026-11-30T05:43:00Z"));
        assert_eq!(first.end, at("2026-11-30T06:00:00Z"));
        assert_eq!(first.slot, at("2026-11-30T05:00:00Z"));
        assert_eq!(first.count(Outcome::Completed), 1);
        assert_eq!(t.buckets[24].count(Outcome::Failed), 1);
        assert_eq!(t.buckets[24].slot, at("2026-12-01T05:00:00Z"));
        let two_days = DateRange::new(at("2026-11-29T00:00:00Z"), at("2026-12-01T00:00:00Z"));
        let t = Trend::build(std::iter::empty(), two_days, RunTime::Scheduled);
        assert_eq!((t.granularity, t.buckets.len()), (Granularity::Hour, 48));
        let longer = DateRange::new(two_days.start, two_days.end + Duration::seconds(1));
        assert_eq!(Granularity::for_range(&longer), Granularity::Day);
    }

    #[test]
    fn range_edges_a_run_at_the_end_and_runs_far_outside() {
        let end_exact = run("completed", "2026-12-01T00:00:00Z", None, (1, 1, 0));
        let drift = run("completed", "2026-11-23T23:59:00Z", None, (1, 1, 0));
        let far = run("completed", "2025-01-01T00:00:00Z", None, (9, 9, 0));
        let no_time: Run = parse_json(r#"{"id":"x","processingStatus":"failed"}"#).unwrap();
        let runs = [end_exact, drift, far, no_time];
        let t = Trend::build(&runs, week(), RunTime::Scheduled);
        // The run at the end (counted by the insights, ends included) gets its day;
        // the one a minute before the start widens the first bucket.
        assert_eq!(t.buckets.len(), 9);
        assert_eq!(t.buckets[0].slot, at("2026-11-23T00:00:00Z"));
        assert_eq!(t.buckets[0].start, at("2026-11-23T23:59:00Z"));
        assert_eq!(t.buckets[8].total(Measure::Runs), 1);
        assert_eq!(t.unplaced, 2);
        assert_eq!(t.total(Measure::Runs) + t.unplaced, runs.len() as u32);
        assert_eq!(t.index_at(at("2026-11-23T23:58:00Z")), None);
        assert_eq!(t.index_at(at("2026-12-02T00:00:00Z")), None);
    }

    #[test]
    fn a_rolling_period_starts_within_its_first_day() {
        let range = DateRange::new(at("2026-11-23T05:43:00Z"), at("2026-11-30T05:43:00Z"));
        let t = Trend::build(std::iter::empty(), range, RunTime::Scheduled);
        assert_eq!(t.buckets.len(), 8);
        assert!(!t.buckets[0].whole());
        assert!(t.buckets[7].whole());
    }

    #[test]
    fn users_are_the_parts_of_each_run() {
        // More successful and failed than the total: the parts count.
        let odd = run("completed", "2026-11-25T00:00:00Z", None, (1, 2, 1));
        let t = Trend::build([&odd], week(), RunTime::Scheduled);
        assert_eq!(t.total(Measure::Users), 3);
        assert_eq!(t.max(Measure::Users), 3);
    }

    #[test]
    fn picks_find_their_bucket() {
        let d = BucketPick::Day(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        let h = BucketPick::Hour(at("2026-11-30T05:00:00Z"));
        assert_eq!(d.granularity(), Granularity::Day);
        assert_eq!(h.granularity(), Granularity::Hour);
        let t = Trend::build(std::iter::empty(), week(), RunTime::Scheduled);
        assert_eq!(d.index_in(&t), Some(4));
        assert_eq!(h.index_in(&t), None);
        assert_eq!(BucketPick::of(&t.buckets[4], Granularity::Day), d);
        let range = DateRange::new(at("2026-11-30T00:00:00Z"), at("2026-12-01T00:00:00Z"));
        let hours = Trend::build(std::iter::empty(), range, RunTime::Scheduled);
        assert_eq!(h.index_in(&hours), Some(5));
    }
}
