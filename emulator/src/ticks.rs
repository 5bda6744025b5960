//! Timestamps as 100-nanosecond ticks since the Unix epoch, printed with the
//! seven fractional digits Graph uses (`2022-08-24T23:28:11.1348863Z`).

use chrono::{DateTime, SecondsFormat, Utc};

pub type Ticks = i64;

pub const SECOND: Ticks = 10_000_000;
pub const MINUTE: Ticks = 60 * SECOND;
pub const HOUR: Ticks = 60 * MINUTE;
pub const DAY: Ticks = 24 * HOUR;

pub fn now() -> Ticks {
    let n = Utc::now();
    n.timestamp() * SECOND + (n.timestamp_subsec_nanos() / 100) as i64
}

/// Formats like Graph: `YYYY-MM-DDTHH:MM:SS.fffffffZ`.
pub fn format(t: Ticks) -> String {
    let mut out = String::with_capacity(28);
    write(&mut out, t);
    out
}

/// Appends the Graph form of `t` to `out` (hand-rolled: it is on the hot path
/// of every page).
pub fn write(out: &mut String, t: Ticks) {
    let secs = t.div_euclid(SECOND);
    let frac = t.rem_euclid(SECOND);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        out.push_str("0001-01-01T00:00:00Z");
        return;
    }
    let mut buf = *b"0000-00-00T00:00:00.0000000Z";
    let mut put = |at: usize, width: usize, mut v: u64| {
        for i in (0..width).rev() {
            buf[at + i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, 4, y as u64);
    put(5, 2, m as u64);
    put(8, 2, d as u64);
    put(11, 2, (sod / 3600) as u64);
    put(14, 2, ((sod / 60) % 60) as u64);
    put(17, 2, (sod % 60) as u64);
    put(20, 7, frac as u64);
    out.push_str(std::str::from_utf8(&buf).unwrap_or("0001-01-01T00:00:00Z"));
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses an RFC 3339 timestamp (any number of fractional digits, any offset).
pub fn parse(s: &str) -> Option<Ticks> {
    let d = DateTime::parse_from_rfc3339(s).ok()?;
    let u = d.with_timezone(&Utc);
    Some(u.timestamp().checked_mul(SECOND)? + (u.timestamp_subsec_nanos() / 100) as i64)
}

/// RFC 1123 date for the `Date`-like fields of error bodies (Graph uses ISO there).
pub fn iso_seconds(t: Ticks) -> String {
    DateTime::<Utc>::from_timestamp(t.div_euclid(SECOND), 0)
        .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_digits_round_trip() {
        let s = "2022-08-24T23:28:11.1348863Z";
        let t = parse(s).unwrap();
        assert_eq!(format(t), s);
        assert_eq!(
            format(parse("2024-01-01T00:00:00Z").unwrap()),
            "2024-01-01T00:00:00.0000000Z"
        );
        assert!(parse("2024-13-01T00:00:00Z").is_none());
        for s in [
            "1999-12-31T23:59:59.9999999Z",
            "2000-02-29T00:00:00.0000001Z",
            "2100-03-01T12:00:00.0000000Z",
            "1970-01-01T00:00:00.0000000Z",
        ] {
            assert_eq!(format(parse(s).unwrap()), s);
        }
        assert_eq!(iso_seconds(t), "2022-08-24T23:28:11Z");
    }
}
