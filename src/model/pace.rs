//! How long a run is taking against the workflow's usual: a moving run's
//! time so far, the median duration of the workflow's newest finished runs,
//! and whether a run still going is taking longer than usual (over an
//! hour, and longer than that median when it is known).

use chrono::{DateTime, Duration, Utc};

use super::{ProcessingStatus, Run};

/// How many of the newest finished runs the usual duration is the median of.
pub const USUAL_OF: usize = 10;

/// A run still going after this long is flagged (when it is also longer
/// than the usual duration, if known).
pub fn long_run() -> Duration {
    Duration::hours(1)
}

impl Run {
    /// How long a run in progress or canceling has been going at `now`
    /// (since it started); `None` for a run that is not moving or has no
    /// start time yet (queued).
    pub fn running_for(&self, now: DateTime<Utc>) -> Option<Duration> {
        let moving = self
            .processing_status
            .as_ref()
            .is_some_and(ProcessingStatus::is_running);
        if !moving || self.completed_date_time.is_some() {
            return None;
        }
        let since = now.signed_duration_since(self.started_date_time?);
        Some(since.max(Duration::zero()))
    }
}

/// Whether a run's duration says what the workflow usually takes: it ran
/// to its end (completed, with errors or failed), not canceled part-way.
fn ran_to_the_end(run: &Run) -> bool {
    matches!(
        run.processing_status,
        Some(
            ProcessingStatus::Completed
                | ProcessingStatus::CompletedWithErrors
                | ProcessingStatus::Failed
        )
    )
}

/// The median duration of the [`USUAL_OF`] newest runs (by start, else
/// schedule) among `runs` that ran to their end; `None` without any.
pub fn usual_duration<'a>(runs: impl IntoIterator<Item = &'a Run>) -> Option<Duration> {
    let mut finished: Vec<(Option<DateTime<Utc>>, Duration)> = runs
        .into_iter()
        .filter(|r| ran_to_the_end(r))
        .filter_map(|r| r.duration().map(|d| (r.display_date(), d)))
        .collect();
    finished.sort_by_key(|f| std::cmp::Reverse(f.0));
    finished.truncate(USUAL_OF);
    let mut durations: Vec<Duration> = finished.into_iter().map(|(_, d)| d).collect();
    durations.sort();
    median(&durations)
}

/// The middle of sorted `durations` (the mean of the two middle ones for
/// an even count).
fn median(durations: &[Duration]) -> Option<Duration> {
    let n = durations.len();
    let upper = *durations.get(n / 2)?;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = *durations.get(n / 2 - 1)?;
    Some(lower + (upper - lower) / 2)
}

/// A moving run's pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Within what is usual (or under an hour).
    Usual,
    /// Over an hour and past the usual duration (`None`: not known).
    LongerThanUsual { usual: Option<Duration> },
}

/// The pace of a run going for `elapsed`, against the workflow's `usual`.
pub fn pace(elapsed: Duration, usual: Option<Duration>) -> Pace {
    let long = elapsed > long_run() && usual.is_none_or(|u| elapsed > u);
    if long {
        Pace::LongerThanUsual { usual }
    } else {
        Pace::Usual
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(min: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap() + Duration::minutes(min)
    }

    fn run(status: ProcessingStatus, start: i64, minutes: Option<i64>) -> Run {
        Run {
            id: format!("r{start}"),
            processing_status: Some(status),
            started_date_time: Some(at(start)),
            completed_date_time: minutes.map(|m| at(start + m)),
            ..Run::default()
        }
    }

    #[test]
    fn a_moving_run_counts_from_its_start_and_a_finished_or_queued_one_not() {
        let going = run(ProcessingStatus::InProgress, 0, None);
        assert_eq!(going.running_for(at(82)), Some(Duration::minutes(82)));
        let canceling = run(ProcessingStatus::Canceling, 0, None);
        assert_eq!(canceling.running_for(at(5)), Some(Duration::minutes(5)));
        let done = run(ProcessingStatus::Completed, 0, Some(3));
        assert_eq!(done.running_for(at(82)), None);
        let queued = Run {
            processing_status: Some(ProcessingStatus::Queued),
            ..Run::default()
        };
        assert_eq!(queued.running_for(at(82)), None);
        // A clock behind the server's start time says zero, not negative.
        assert_eq!(going.running_for(at(-1)), Some(Duration::zero()));
    }

    #[test]
    fn the_usual_duration_is_the_median_of_the_ten_newest_runs_that_ran_to_their_end() {
        // Twelve finished runs, newest last: the two oldest (60 min) are
        // beyond the ten; a canceled and a running one do not count.
        let mut runs: Vec<Run> = (0..12)
            .map(|i| {
                let minutes = if i < 2 { 60 } else { i };
                run(ProcessingStatus::Completed, i * 100, Some(minutes))
            })
            .collect();
        runs.push(run(ProcessingStatus::Canceled, 5000, Some(500)));
        runs.push(run(ProcessingStatus::InProgress, 6000, None));
        // Minutes 2..=11: the median of ten is between 6 and 7.
        assert_eq!(usual_duration(&runs), Some(Duration::seconds(6 * 60 + 30)));
        assert_eq!(usual_duration(&runs[..3]), Some(Duration::minutes(60)));
        assert_eq!(usual_duration(&runs[12..]), None);
    }

    #[test]
    fn only_a_run_over_an_hour_and_past_the_usual_is_longer_than_usual() {
        let usual = Some(Duration::minutes(3));
        assert_eq!(pace(Duration::minutes(30), usual), Pace::Usual);
        assert_eq!(
            pace(Duration::minutes(82), usual),
            Pace::LongerThanUsual { usual }
        );
        assert_eq!(
            pace(Duration::minutes(82), Some(Duration::hours(2))),
            Pace::Usual
        );
        assert_eq!(
            pace(Duration::minutes(61), None),
            Pace::LongerThanUsual { usual: None }
        );
    }
}
