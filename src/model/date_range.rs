//! UTC date ranges and the one [`Period`] every screen's period is: a
//! preset length up to now, whole UTC days, or an exact window. Pure date
//! maths only; the URL words and labels are in `app::url::period`.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

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

    /// Whole UTC days `from..=to`; `None` past chrono's last day.
    pub fn of_utc_days(from: NaiveDate, to: NaiveDate) -> Option<DateRange> {
        let start = from.and_time(NaiveTime::MIN).and_utc();
        let end = to.succ_opt()?.and_time(NaiveTime::MIN).and_utc();
        Some(DateRange::new(start, end))
    }
}

/// A period's length up to now: the one table every screen picks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    Hours24,
    Days7,
    Days14,
    Days30,
    Days90,
}

impl Preset {
    /// Every preset, shortest first.
    pub const ALL: [Preset; 5] = [
        Preset::Hours24,
        Preset::Days7,
        Preset::Days14,
        Preset::Days30,
        Preset::Days90,
    ];

    /// How far back it reaches.
    pub fn length(self) -> Duration {
        match self {
            Preset::Hours24 => Duration::hours(24),
            Preset::Days7 => Duration::days(7),
            Preset::Days14 => Duration::days(14),
            Preset::Days30 => Duration::days(30),
            Preset::Days90 => Duration::days(90),
        }
    }

    /// The range it covers at `now`.
    pub fn range(self, now: DateTime<Utc>) -> DateRange {
        DateRange::last(self.length(), now)
    }
}

/// The period a screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A preset length up to now.
    Last(Preset),
    /// Whole UTC days, `to` inclusive (`from <= to`).
    Days { from: NaiveDate, to: NaiveDate },
    /// An exact window `[start, end)` (local days, a chart's hour).
    Window(DateRange),
}

impl Period {
    /// The date range at `now`.
    pub fn range(&self, now: DateTime<Utc>) -> DateRange {
        match *self {
            Period::Last(p) => p.range(now),
            Period::Days { from, to } => {
                DateRange::of_utc_days(from, to).unwrap_or_else(|| Preset::Days30.range(now))
            }
            Period::Window(r) => r,
        }
    }

    /// Whether it is a preset (not a custom range).
    pub fn is_preset(&self) -> bool {
        matches!(self, Period::Last(_))
    }

    /// The period of exactly `[start, end)`: whole UTC days when it is
    /// made of them, else a [`Period::Window`].
    pub fn of_window(start: DateTime<Utc>, end: DateTime<Utc>) -> Period {
        let midnight = |t: DateTime<Utc>| t.time() == NaiveTime::MIN;
        if start < end && midnight(start) && midnight(end) {
            if let Some(to) = end.date_naive().pred_opt() {
                return Period::Days {
                    from: start.date_naive(),
                    to,
                };
            }
        }
        Period::Window(DateRange::new(start, end))
    }

    /// The local days `from..=to` (`start_of` gives a local day's first
    /// instant) as a period of UTC instants: whole UTC days when they are,
    /// else a window. `None` when `to` is before `from`.
    pub fn of_local_days(
        from: NaiveDate,
        to: NaiveDate,
        start_of: impl Fn(NaiveDate) -> DateTime<Utc>,
    ) -> Option<Period> {
        let (start, end) = (start_of(from), start_of(to.succ_opt()?));
        (start < end).then(|| Period::of_window(start, end))
    }

    /// The first and last local day a custom period covers (`day_of`
    /// gives an instant's local day); `None` for a preset.
    pub fn local_days(
        &self,
        day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
    ) -> Option<(NaiveDate, NaiveDate)> {
        if self.is_preset() {
            return None;
        }
        let r = self.range(Utc::now());
        Some((day_of(r.start), day_of(r.end - Duration::nanoseconds(1))))
    }

    /// Whether a custom period is exactly whole local days; false for a
    /// preset.
    pub fn is_local_days(
        &self,
        day_of: impl Fn(DateTime<Utc>) -> NaiveDate,
        start_of: impl Fn(NaiveDate) -> DateTime<Utc>,
    ) -> bool {
        if self.is_preset() {
            return false;
        }
        let r = self.range(Utc::now());
        start_of(day_of(r.start)) == r.start && start_of(day_of(r.end)) == r.end
    }

    /// The whole UTC days that hold the range at `now` (`from`, `to`).
    pub fn utc_days(&self, now: DateTime<Utc>) -> (NaiveDate, NaiveDate) {
        let r = self.range(now);
        let last = (r.end - Duration::seconds(1)).max(r.start);
        (r.start.date_naive(), last.date_naive())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn utc_days_include_the_last_day() {
        let p = Period::Days {
            from: day("2024-01-01"),
            to: day("2024-01-31"),
        };
        let r = p.range(Utc::now());
        assert_eq!(r.start.to_rfc3339(), "2024-01-01T00:00:00+00:00");
        assert_eq!(r.end.to_rfc3339(), "2024-02-01T00:00:00+00:00");
        assert_eq!(
            p.utc_days(Utc::now()),
            (day("2024-01-01"), day("2024-01-31"))
        );
    }

    #[test]
    fn presets_reach_back_their_length() {
        let now = Utc::now();
        for p in Preset::ALL {
            let r = Period::Last(p).range(now);
            assert_eq!(r.end - r.start, p.length());
        }
    }

    #[test]
    fn local_days_are_kept_as_utc_instants() {
        let berlin_start = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc() - Duration::hours(1);
        let berlin_day = |t: DateTime<Utc>| (t + Duration::hours(1)).date_naive();
        let p = Period::of_local_days(day("2026-11-01"), day("2026-11-07"), berlin_start).unwrap();
        assert_eq!(
            p.local_days(berlin_day),
            Some((day("2026-11-01"), day("2026-11-07")))
        );
        assert!(p.is_local_days(berlin_day, berlin_start));
        // In UTC the same days are whole UTC days.
        let utc_start = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
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
        assert_eq!(Period::Last(Preset::Days30).local_days(berlin_day), None);
    }
}
