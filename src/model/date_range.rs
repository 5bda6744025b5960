//! A UTC date range and the presets the filter bar offers.

use chrono::{DateTime, Duration, Utc};

/// `[start, end)` in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl DateRange {
    /// A range; `start` and `end` are swapped if given the wrong way round.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        if start <= end {
            DateRange { start, end }
        } else {
            DateRange {
                start: end,
                end: start,
            }
        }
    }

    /// The last `duration` up to `now`.
    pub fn last(duration: Duration, now: DateTime<Utc>) -> Self {
        DateRange::new(now - duration, now)
    }

    /// Whether `at` lies in `[start, end)`.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }
}

/// The period choices of the filter bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RangePreset {
    Last24Hours,
    Last7Days,
    Last30Days,
    Last90Days,
    Custom(DateRange),
}

impl RangePreset {
    /// The fixed presets, shortest first.
    pub const FIXED: [RangePreset; 4] = [
        RangePreset::Last24Hours,
        RangePreset::Last7Days,
        RangePreset::Last30Days,
        RangePreset::Last90Days,
    ];

    /// The range this preset covers at `now`.
    pub fn range(&self, now: DateTime<Utc>) -> DateRange {
        match self {
            RangePreset::Last24Hours => DateRange::last(Duration::hours(24), now),
            RangePreset::Last7Days => DateRange::last(Duration::days(7), now),
            RangePreset::Last30Days => DateRange::last(Duration::days(30), now),
            RangePreset::Last90Days => DateRange::last(Duration::days(90), now),
            RangePreset::Custom(range) => *range,
        }
    }

    /// Words for the picker.
    pub fn label(&self) -> &'static str {
        match self {
            RangePreset::Last24Hours => "Last 24 hours",
            RangePreset::Last7Days => "Last 7 days",
            RangePreset::Last30Days => "Last 30 days",
            RangePreset::Last90Days => "Last 90 days",
            RangePreset::Custom(_) => "Custom range",
        }
    }

    /// A short key for URLs (`24h`, `7d`, `30d`, `90d`, `custom`).
    pub fn key(&self) -> &'static str {
        match self {
            RangePreset::Last24Hours => "24h",
            RangePreset::Last7Days => "7d",
            RangePreset::Last30Days => "30d",
            RangePreset::Last90Days => "90d",
            RangePreset::Custom(_) => "custom",
        }
    }

    /// Reads a fixed preset's [`key`](Self::key); `custom` needs its dates, so `None`.
    pub fn from_key(key: &str) -> Option<RangePreset> {
        RangePreset::FIXED
            .into_iter()
            .find(|p| p.key().eq_ignore_ascii_case(key.trim()))
    }
}

impl Default for RangePreset {
    /// Seven days: Graph's implicit window for user results.
    fn default() -> Self {
        RangePreset::Last7Days
    }
}
