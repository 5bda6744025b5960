//! The trend chart in words: its legend, axis labels, bucket names and the
//! sentence that names the whole chart. The bucketing itself is
//! `model::trend`; the outcomes are worded with the statuses' own labels
//! (`ProcessingStatus::label`), so the chart says what the badges say.

use super::thousands;
use crate::model::trend::{Bucket, Granularity, Measure, Outcome, Trend};
use crate::model::ProcessingStatus;
use chrono::Duration;

/// `runs` / `users`.
pub fn measure_noun(measure: Measure) -> &'static str {
    match measure {
        Measure::Runs => "runs",
        Measure::Users => "users",
    }
}

/// `Runs` / `Users`.
pub fn measure_title(measure: Measure) -> &'static str {
    match measure {
        Measure::Runs => "Runs",
        Measure::Users => "Users",
    }
}

/// `1 run`, `3 users`.
pub fn count_words(measure: Measure, n: u32) -> String {
    let noun = match (measure, n) {
        (Measure::Runs, 1) => "run",
        (Measure::Users, 1) => "user",
        _ => measure_noun(measure),
    };
    format!("{} {noun}", thousands(u64::from(n)))
}

/// `day` / `hour`.
pub fn granularity_noun(g: Granularity) -> &'static str {
    match g {
        Granularity::Day => "day",
        Granularity::Hour => "hour",
    }
}

/// The legend's and the table's heading: a run outcome is named by the
/// statuses it groups, as their badges name them.
pub fn outcome_title(outcome: Outcome) -> String {
    use ProcessingStatus::*;
    match outcome {
        Outcome::Completed => Completed.label().to_string(),
        Outcome::WithErrors => CompletedWithErrors.label().to_string(),
        Outcome::Failed | Outcome::UsersFailed => Failed.label().to_string(),
        Outcome::Canceled => Canceled.label().to_string(),
        Outcome::Running => format!(
            "{}, {} or {}",
            InProgress.label(),
            Queued.label().to_lowercase(),
            Canceling.label().to_lowercase()
        ),
        Outcome::Other => format!("{} or other status", Quarantined.label()),
        Outcome::UsersSucceeded => "Successful".to_string(),
        Outcome::UsersOther => "Not processed".to_string(),
    }
}

/// Lower-case words after a number: "4 completed with errors".
pub fn outcome_words(outcome: Outcome) -> String {
    outcome_title(outcome).to_lowercase()
}

/// The axis label: `28 Nov` or `05:00`.
pub fn axis_label(bucket: &Bucket, g: Granularity) -> String {
    match g {
        Granularity::Day => bucket.slot.format("%-d %b").to_string(),
        Granularity::Hour => bucket.slot.format("%H:%M").to_string(),
    }
}

/// The bucket in words: `Sat 28 Nov 2026`, `Sat 28 Nov 2026, 05:00–06:00 UTC`,
/// with `from 05:43` when it begins within its day or hour.
pub fn bucket_label(bucket: &Bucket, g: Granularity) -> String {
    let from = if bucket.whole() {
        String::new()
    } else {
        format!(" from {}", bucket.start.format("%H:%M"))
    };
    let day = bucket.slot.format("%a %-d %b %Y");
    match g {
        Granularity::Day => format!("{day}{from}"),
        Granularity::Hour => {
            let end = bucket.slot + Duration::hours(1);
            format!(
                "{day}, {}–{} UTC{from}",
                bucket.slot.format("%H:%M"),
                end.format("%H:%M")
            )
        }
    }
}

/// `Sat 28 Nov 2026: 6 runs: 5 completed, 1 failed`.
pub fn bucket_words(bucket: &Bucket, g: Granularity, measure: Measure) -> String {
    format!(
        "{}: {}",
        bucket_label(bucket, g),
        parts_words(measure, |o| bucket.count(o))
    )
}

/// The chart's name: `Runs per day (UTC), 24 Nov to 30 Nov 2026: 41
/// runs: 35 completed, 4 completed with errors, 2 failed`.
pub fn trend_words(trend: &Trend, measure: Measure) -> String {
    format!(
        "{} per {} (UTC), {}: {}",
        measure_title(measure),
        granularity_noun(trend.granularity),
        span_words(trend),
        parts_words(measure, |o| trend.count(o))
    )
}

/// The table alternative's caption: `Runs per day (UTC)`.
pub fn caption(measure: Measure, g: Granularity) -> String {
    format!(
        "{} per {} (UTC)",
        measure_title(measure),
        granularity_noun(g)
    )
}

/// `24 Nov to 30 Nov 2026`, `23 Dec 2025 to 2 Jan 2026`, or
/// `30 Nov 05:00 to 1 Dec 06:00` for hours.
fn span_words(trend: &Trend) -> String {
    let (Some(a), Some(b)) = (trend.buckets.first(), trend.buckets.last()) else {
        return String::new();
    };
    match trend.granularity {
        Granularity::Day if a.slot.format("%Y").to_string() == b.slot.format("%Y").to_string() => {
            format!(
                "{} to {}",
                a.slot.format("%-d %b"),
                b.slot.format("%-d %b %Y")
            )
        }
        Granularity::Day => format!(
            "{} to {}",
            a.slot.format("%-d %b %Y"),
            b.slot.format("%-d %b %Y")
        ),
        Granularity::Hour => format!(
            "{} to {}",
            a.slot.format("%-d %b %H:%M"),
            (b.slot + Duration::hours(1)).format("%-d %b %H:%M")
        ),
    }
}

/// `41 runs: 35 completed, 4 completed with errors, 2 failed` (zero parts
/// left out).
fn parts_words(measure: Measure, count: impl Fn(Outcome) -> u32) -> String {
    let total = measure
        .outcomes()
        .iter()
        .fold(0u32, |n, o| n.saturating_add(count(*o)));
    let parts: Vec<String> = measure
        .outcomes()
        .iter()
        .map(|o| (count(*o), *o))
        .filter(|(n, _)| *n > 0)
        .map(|(n, o)| format!("{} {}", thousands(u64::from(n)), outcome_words(o)))
        .collect();
    if parts.is_empty() {
        count_words(measure, total)
    } else {
        format!("{}: {}", count_words(measure, total), parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trend::RunTime;
    use crate::model::{parse_json, DateRange, Run};
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn run(status: &str, scheduled: &str, users: (u32, u32, u32)) -> Run {
        parse_json(&format!(
            r#"{{"id":"r","processingStatus":"{status}","scheduledDateTime":"{scheduled}",
            "totalUsersCount":{},"successfulUsersCount":{},"failedUsersCount":{}}}"#,
            users.0, users.1, users.2
        ))
        .unwrap()
    }

    fn week() -> DateRange {
        DateRange::new(at("2026-11-24T00:00:00Z"), at("2026-12-01T00:00:00Z"))
    }

    #[test]
    fn an_empty_week_names_its_days_and_no_runs() {
        let t = Trend::build(std::iter::empty(), week(), RunTime::Scheduled);
        assert_eq!(
            trend_words(&t, Measure::Runs),
            "Runs per day (UTC), 24 Nov to 30 Nov 2026: 0 runs"
        );
        assert_eq!(
            caption(Measure::Users, Granularity::Hour),
            "Users per hour (UTC)"
        );
        assert_eq!(count_words(Measure::Runs, 1), "1 run");
        assert_eq!(count_words(Measure::Users, 2400), "2,400 users");
    }

    #[test]
    fn the_parts_are_worded_as_the_status_badges_word_them() {
        let runs = vec![
            run("completed", "2026-11-24T00:00:00Z", (3, 3, 0)),
            run("completed", "2026-11-24T23:59:59Z", (2, 2, 0)),
            run("completedWithErrors", "2026-11-28T10:00:00Z", (5, 3, 2)),
            run("failed", "2026-11-28T11:00:00Z", (1, 0, 1)),
            run("inProgress", "2026-11-30T23:00:00Z", (4, 1, 0)),
            run("canceling", "2026-11-30T23:10:00Z", (0, 0, 0)),
            run("canceled", "2026-11-29T01:00:00Z", (2, 0, 0)),
            run("quarantined", "2026-11-29T02:00:00Z", (0, 0, 0)),
        ];
        let t = Trend::build(&runs, week(), RunTime::Scheduled);
        assert_eq!(
            trend_words(&t, Measure::Runs),
            "Runs per day (UTC), 24 Nov to 30 Nov 2026: 8 runs: 2 completed, \
             1 completed with errors, 1 failed, 1 canceled, \
             2 in progress, queued or canceling, 1 quarantined or other status"
        );
        let sat = &t.buckets[4];
        assert_eq!(
            bucket_words(sat, Granularity::Day, Measure::Users),
            "Sat 28 Nov 2026: 6 users: 3 successful, 3 failed"
        );
        assert_eq!(axis_label(sat, Granularity::Day), "28 Nov");
        assert_eq!(
            outcome_title(Outcome::Running),
            "In progress, queued or canceling"
        );
        assert!(outcome_title(Outcome::Running)
            .contains(&ProcessingStatus::Canceling.label().to_lowercase()));
    }

    #[test]
    fn partial_buckets_say_where_they_begin() {
        let hours = DateRange::new(at("2026-11-30T05:43:00Z"), at("2026-12-01T05:43:00Z"));
        let t = Trend::build(std::iter::empty(), hours, RunTime::Scheduled);
        let first = &t.buckets[0];
        assert_eq!(
            bucket_label(first, Granularity::Hour),
            "Mon 30 Nov 2026, 05:00–06:00 UTC from 05:43"
        );
        assert_eq!(axis_label(first, Granularity::Hour), "05:00");
        assert_eq!(
            trend_words(&t, Measure::Runs),
            "Runs per hour (UTC), 30 Nov 05:00 to 1 Dec 06:00: 0 runs"
        );
        let rolling = DateRange::new(at("2026-11-23T05:43:00Z"), at("2026-11-30T05:43:00Z"));
        let t = Trend::build(std::iter::empty(), rolling, RunTime::Scheduled);
        assert_eq!(
            bucket_label(&t.buckets[0], Granularity::Day),
            "Mon 23 Nov 2026 from 05:43"
        );
    }

    #[test]
    fn a_span_over_new_year_names_both_years() {
        let range = DateRange::new(at("2025-12-29T00:00:00Z"), at("2026-01-02T00:00:00Z"));
        let t = Trend::build(std::iter::empty(), range, RunTime::Scheduled);
        assert!(trend_words(&t, Measure::Runs).contains("29 Dec 2025 to 1 Jan 2026"));
    }
}
