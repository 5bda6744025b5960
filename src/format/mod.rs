//! How the page writes durations, counts and dates. Pure: the UI passes the
//! browser's UTC offset (from `Date.getTimezoneOffset()`) in.
//!
//! ```
//! use lifecycle_viewer::format::{duration, thousands};
//! assert_eq!(duration(chrono::Duration::seconds(200)), "3 min 20 s");
//! assert_eq!(thousands(2400), "2,400");
//! ```

pub mod definition;
pub mod summary;
pub mod trend;

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, Offset, SecondsFormat, Timelike, Utc,
};

/// Shown where a value is missing.
pub const MISSING: &str = "—";

/// A duration in words: `6.5 s`, `42 s`, `3 min 20 s`, `2 h 5 min`,
/// `1 d 3 h`; zero parts are left out (`3 min`); negative gets a `-`.
pub fn duration(d: Duration) -> String {
    if d < Duration::zero() {
        return format!("-{}", duration(-d));
    }
    let ms = d.num_milliseconds();
    let secs = d.num_seconds();
    if secs < 10 {
        let tenths = (ms + 50) / 100;
        return if tenths % 10 == 0 {
            format!("{} s", tenths / 10)
        } else {
            format!("{}.{} s", tenths / 10, tenths % 10)
        };
    }
    if secs < 60 {
        return format!("{secs} s");
    }
    let (big, small, big_unit, small_unit) = if secs < 3_600 {
        (secs / 60, secs % 60, "min", "s")
    } else if secs < 86_400 {
        (secs / 3_600, (secs % 3_600) / 60, "h", "min")
    } else {
        (secs / 86_400, (secs % 86_400) / 3_600, "d", "h")
    };
    if small == 0 {
        format!("{big} {big_unit}")
    } else {
        format!("{big} {big_unit} {small} {small_unit}")
    }
}

/// "running for 1 h 22 min": a run still going, its time so far in whole
/// seconds (it is said again every second).
pub fn running_for(elapsed: Duration) -> String {
    let whole = Duration::seconds(elapsed.num_seconds().max(0));
    format!("running for {}", duration(whole))
}

/// What a run still going is flagged with: "longer than usual", and what
/// usual is (the median of the workflow's last runs) when known.
pub fn pace_note(pace: crate::model::pace::Pace) -> Option<(String, String)> {
    use crate::model::pace::{Pace, USUAL_OF};
    match pace {
        Pace::Usual => None,
        Pace::LongerThanUsual { usual: Some(u) } => Some((
            "longer than usual".to_string(),
            format!(
                "Over an hour, and longer than the median of the workflow's last {USUAL_OF} finished runs ({}).",
                duration(u)
            ),
        )),
        Pace::LongerThanUsual { usual: None } => Some((
            "longer than usual".to_string(),
            "Over an hour; no finished run of the workflow is loaded to compare with.".to_string(),
        )),
    }
}

/// When a run is named by: the time it started, else the time it was
/// scheduled (the time its row's link shows), in the words of `local`.
pub fn run_when(
    run: &crate::model::Run,
    local: impl Fn(DateTime<Utc>) -> String,
) -> Option<String> {
    run.started_date_time.or(run.scheduled_date_time).map(local)
}

/// The one name of a run on every screen (breadcrumb, heading, tab
/// title): "Run of <[`run_when`]>", or "Run <id>" with neither time. Read
/// from the same (newest) copy of the run everywhere, it says the same.
pub fn run_label(run: &crate::model::Run, local: impl Fn(DateTime<Utc>) -> String) -> String {
    match run_when(run, local) {
        Some(when) => format!("Run of {when}"),
        None => format!("Run {}", run.id),
    }
}

/// [`duration`] or `—`.
pub fn opt_duration(d: Option<Duration>) -> String {
    d.map_or_else(|| MISSING.to_string(), duration)
}

/// `2400` → `2,400`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with separators, or `—`.
pub fn count(n: Option<u32>) -> String {
    n.map_or_else(|| MISSING.to_string(), |n| thousands(u64::from(n)))
}

/// `Loaded 2,400 results…` / `Loaded 2,400 of 10,000 results…`.
pub fn loaded_text(loaded: usize, total: Option<u64>, noun: &str) -> String {
    let loaded = thousands(loaded as u64);
    match total {
        Some(t) => format!("Loaded {loaded} of {} {noun}…", thousands(t)),
        None => format!("Loaded {loaded} {noun}…"),
    }
}

/// A date as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDate {
    /// Local time, `2022-08-24 23:28:11`.
    pub text: String,
    /// Local date only, `2022-08-24`.
    pub date: String,
    /// `UTC+02:00`.
    pub offset: String,
    /// The exact UTC instant for a tooltip, `2022-08-24T23:28:11.134Z`.
    pub utc_iso: String,
}

/// Converts JavaScript's `Date.getTimezoneOffset()` (minutes *behind* UTC)
/// to minutes east of UTC.
pub fn offset_from_js(get_timezone_offset: f64) -> i32 {
    if get_timezone_offset.is_finite() {
        (-get_timezone_offset).round().clamp(-1_440.0, 1_440.0) as i32
    } else {
        0
    }
}

/// `at` in the zone `offset_minutes` east of UTC (out-of-range offsets are UTC).
pub fn local_date(at: DateTime<Utc>, offset_minutes: i32) -> LocalDate {
    let zone = FixedOffset::east_opt(offset_minutes.saturating_mul(60)).unwrap_or(Utc.fix());
    let local = at.with_timezone(&zone);
    let minutes = zone.local_minus_utc() / 60;
    let sign = if minutes < 0 { '-' } else { '+' };
    LocalDate {
        text: local.format("%Y-%m-%d %H:%M:%S").to_string(),
        date: local.format("%Y-%m-%d").to_string(),
        offset: format!(
            "UTC{sign}{:02}:{:02}",
            minutes.abs() / 60,
            minutes.abs() % 60
        ),
        utc_iso: at.to_rfc3339_opts(SecondsFormat::Millis, true),
    }
}

/// A zone for people: "Europe/Berlin (UTC+01:00)", "UTC" for UTC itself,
/// or the offset alone ("UTC+05:30") when the zone has no name.
pub fn zone_label(name: Option<&str>, offset_minutes: i32) -> String {
    let offset = local_date(DateTime::<Utc>::UNIX_EPOCH, offset_minutes).offset;
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) if n.eq_ignore_ascii_case("UTC") || n.eq_ignore_ascii_case("Etc/UTC") => {
            if offset_minutes == 0 {
                "UTC".to_string()
            } else {
                offset
            }
        }
        Some(n) => format!("{n} ({offset})"),
        None => offset,
    }
}

/// `at` as an export's file name says it: the date and minute in the zone
/// the screen shows and that zone named (`2026-12-02-1431-CET`): its short
/// name when it is a plain abbreviation (letters only, as Intl gives
/// "CET" or "EST"), else the offset (`UTC+0530`; `UTC` for none).
pub fn file_time(at: DateTime<Utc>, offset_minutes: i32, short_name: Option<&str>) -> String {
    let zone = FixedOffset::east_opt(offset_minutes.saturating_mul(60)).unwrap_or(Utc.fix());
    let local = at.with_timezone(&zone).format("%Y-%m-%d-%H%M");
    let abbreviation = short_name
        .map(str::trim)
        .filter(|n| (2..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_uppercase()));
    let name = match abbreviation {
        Some(n) => n.to_string(),
        None => {
            let minutes = zone.local_minus_utc() / 60;
            if minutes == 0 {
                "UTC".to_string()
            } else {
                let sign = if minutes < 0 { '-' } else { '+' };
                let m = minutes.abs();
                format!("UTC{sign}{:02}{:02}", m / 60, m % 60)
            }
        }
    };
    format!("{local}-{name}")
}

/// [`local_date`]'s text alone (`2022-08-24 23:28:11`), written digit by
/// digit: a table row formats two of these per frame while scrolling.
pub fn local_text(at: DateTime<Utc>, offset_minutes: i32) -> String {
    let zone = FixedOffset::east_opt(offset_minutes.saturating_mul(60)).unwrap_or(Utc.fix());
    let local = at.with_timezone(&zone).naive_local();
    let mut out = String::with_capacity(19);
    if !push_date(&mut out, local.date(), '-') {
        return local.format("%Y-%m-%d %H:%M:%S").to_string();
    }
    out.push(' ');
    push_time(&mut out, local.time());
    out
}

/// [`local_date`]'s `utc_iso` alone (`2022-08-24T23:28:11.134Z`), written
/// digit by digit.
pub fn utc_iso(at: DateTime<Utc>) -> String {
    let naive = at.naive_utc();
    let nanos = naive.time().nanosecond();
    let mut out = String::with_capacity(24);
    if nanos >= 1_000_000_000 || !push_date(&mut out, naive.date(), '-') {
        return at.to_rfc3339_opts(SecondsFormat::Millis, true);
    }
    out.push('T');
    push_time(&mut out, naive.time());
    out.push('.');
    push_digits(&mut out, nanos / 1_000_000, 3);
    out.push('Z');
    out
}

/// Appends `YYYY-MM-DD`; `false` (nothing appended) for a year outside
/// 0-9999, which chrono writes with a sign.
fn push_date(out: &mut String, date: NaiveDate, sep: char) -> bool {
    let Ok(year) = u32::try_from(date.year()) else {
        return false;
    };
    if year > 9999 {
        return false;
    }
    push_digits(out, year, 4);
    out.push(sep);
    push_digits(out, date.month(), 2);
    out.push(sep);
    push_digits(out, date.day(), 2);
    true
}

/// Appends `HH:MM:SS`.
fn push_time(out: &mut String, time: chrono::NaiveTime) {
    push_digits(out, time.hour(), 2);
    out.push(':');
    push_digits(out, time.minute(), 2);
    out.push(':');
    push_digits(out, time.second(), 2);
}

/// Appends the last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (n / 10u32.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

/// [`local_date`]'s text, or `—`.
pub fn opt_local_text(at: Option<DateTime<Utc>>, offset_minutes: i32) -> String {
    at.map_or_else(|| MISSING.to_string(), |d| local_text(d, offset_minutes))
}

/// The day `at` falls on in a zone whose offset (minutes east of UTC) at
/// an instant is `offset_at`.
pub fn local_day(at: DateTime<Utc>, offset_at: impl Fn(DateTime<Utc>) -> i32) -> NaiveDate {
    (at + Duration::minutes(i64::from(offset_at(at)))).date_naive()
}

/// The UTC instant the local `day` starts at (its 00:00 in the zone of
/// `offset_at`, which may change with daylight saving time that day).
pub fn local_day_start(day: NaiveDate, offset_at: impl Fn(DateTime<Utc>) -> i32) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN).and_utc();
    let guess = midnight - Duration::minutes(i64::from(offset_at(midnight)));
    midnight - Duration::minutes(i64::from(offset_at(guess)))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod fast_text_tests {
    use super::{local_date, local_text, utc_iso};
    use chrono::{DateTime, TimeZone, Utc};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn digit_by_digit_equals_chrono(
            millis in -80_000_000_000_000i64..300_000_000_000_000,
            offset in -1_500i32..1_500,
        ) {
            let at: DateTime<Utc> = Utc.timestamp_millis_opt(millis).single().unwrap();
            let full = local_date(at, offset);
            prop_assert_eq!(local_text(at, offset), full.text);
            prop_assert_eq!(utc_iso(at), local_date(at, 0).utc_iso);
        }
    }

    #[test]
    fn small_and_large_years_fall_back_to_chrono() {
        let at = Utc.with_ymd_and_hms(12, 3, 4, 5, 6, 7).unwrap();
        assert_eq!(local_text(at, 0), "0012-03-04 05:06:07");
        assert_eq!(utc_iso(at), "0012-03-04T05:06:07.000Z");
        let far = Utc.with_ymd_and_hms(12_345, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(local_text(far, 0), local_date(far, 0).text);
        assert_eq!(utc_iso(far), local_date(far, 0).utc_iso);
        let before = Utc.with_ymd_and_hms(-5, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(local_text(before, 0), local_date(before, 0).text);
    }
}

#[cfg(test)]
mod zone_tests {
    use super::{file_time, zone_label};
    use chrono::{TimeZone, Utc};

    #[test]
    fn file_times_are_local_and_name_their_zone() {
        let at = Utc.with_ymd_and_hms(2026, 12, 2, 13, 31, 0).unwrap();
        assert_eq!(file_time(at, 60, Some("CET")), "2026-12-02-1431-CET");
        assert_eq!(file_time(at, -300, Some("EST")), "2026-12-02-0831-EST");
        // No plain abbreviation ("GMT+5:30", none): the offset names it.
        assert_eq!(
            file_time(at, 330, Some("GMT+5:30")),
            "2026-12-02-1901-UTC+0530"
        );
        assert_eq!(file_time(at, -210, None), "2026-12-02-1001-UTC-0330");
        assert_eq!(file_time(at, 0, None), "2026-12-02-1331-UTC");
        assert_eq!(file_time(at, 0, Some("UTC")), "2026-12-02-1331-UTC");
    }

    #[test]
    fn a_named_zone_says_its_offset() {
        assert_eq!(
            zone_label(Some("Europe/Berlin"), 60),
            "Europe/Berlin (UTC+01:00)"
        );
        assert_eq!(
            zone_label(Some("Asia/Kolkata"), 330),
            "Asia/Kolkata (UTC+05:30)"
        );
        assert_eq!(
            zone_label(Some("America/New_York"), -300),
            "America/New_York (UTC-05:00)"
        );
    }

    #[test]
    fn utc_is_just_utc_and_a_nameless_zone_is_its_offset() {
        assert_eq!(zone_label(Some("UTC"), 0), "UTC");
        assert_eq!(zone_label(Some("Etc/UTC"), 0), "UTC");
        assert_eq!(zone_label(None, 0), "UTC+00:00");
        assert_eq!(zone_label(Some("  "), 120), "UTC+02:00");
    }

    #[test]
    fn local_days_start_at_local_midnight_in_utc() {
        use super::{local_day, local_day_start};
        use chrono::{DateTime, Duration, NaiveDate, Utc};
        let day = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let berlin = |_: DateTime<Utc>| 60;
        let start = local_day_start(day, berlin);
        assert_eq!(start.to_rfc3339(), "2026-11-27T23:00:00+00:00");
        assert_eq!(local_day(start, berlin), day);
        assert_eq!(
            local_day(start - Duration::seconds(1), berlin),
            day.pred_opt().unwrap()
        );
        assert_eq!(
            local_day_start(day, |_| 0).to_rfc3339(),
            "2026-11-28T00:00:00+00:00"
        );
        // New York, the day daylight saving time ends: -04:00 at midnight.
        let nov1 = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let ny = |at: DateTime<Utc>| {
            if at < "2026-11-01T06:00:00Z".parse::<DateTime<Utc>>().unwrap() {
                -240
            } else {
                -300
            }
        };
        assert_eq!(
            local_day_start(nov1, ny).to_rfc3339(),
            "2026-11-01T04:00:00+00:00"
        );
        assert_eq!(
            local_day_start(nov1.succ_opt().unwrap(), ny).to_rfc3339(),
            "2026-11-02T05:00:00+00:00"
        );
    }
}

#[cfg(test)]
mod run_words_tests {
    use super::{pace_note, run_label, running_for};
    use crate::model::pace::Pace;
    use crate::model::{ProcessingStatus, Run};
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn a_run_is_named_by_its_start_else_its_schedule_else_its_id() {
        let local = |at: chrono::DateTime<Utc>| at.format("%H:%M:%S").to_string();
        let scheduled = Utc.with_ymd_and_hms(2026, 11, 28, 14, 0, 0).unwrap();
        let mut run = Run {
            id: "r1".into(),
            processing_status: Some(ProcessingStatus::Queued),
            scheduled_date_time: Some(scheduled),
            ..Run::default()
        };
        assert_eq!(run_label(&run, local), "Run of 14:00:00");
        // Started: the same rule names it by its start, wherever it is read.
        run.started_date_time = Some(scheduled + Duration::seconds(4));
        run.processing_status = Some(ProcessingStatus::InProgress);
        assert_eq!(run_label(&run, local), "Run of 14:00:04");
        let bare = Run {
            id: "r2".into(),
            ..Run::default()
        };
        assert_eq!(run_label(&bare, local), "Run r2");
    }

    #[test]
    fn a_running_run_says_how_long_in_whole_seconds() {
        assert_eq!(
            running_for(Duration::minutes(82) + Duration::milliseconds(400)),
            "running for 1 h 22 min"
        );
        assert_eq!(
            running_for(Duration::milliseconds(4_700)),
            "running for 4 s"
        );
        assert_eq!(running_for(Duration::seconds(-3)), "running for 0 s");
    }

    #[test]
    fn only_a_run_longer_than_usual_is_flagged_and_says_against_what() {
        assert_eq!(pace_note(Pace::Usual), None);
        let (flag, why) = pace_note(Pace::LongerThanUsual {
            usual: Some(Duration::seconds(200)),
        })
        .unwrap();
        assert_eq!(flag, "longer than usual");
        assert!(why.contains("median of the workflow's last 10 finished runs (3 min 20 s)"));
        let (_, unknown) = pace_note(Pace::LongerThanUsual { usual: None }).unwrap();
        assert!(unknown.contains("no finished run"));
    }
}
