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
    let secs = t.div_euclid(SECOND);
    let frac = t.rem_euclid(SECOND);
    match DateTime::<Utc>::from_timestamp(secs, 0) {
        Some(d) => format!("{}.{:07}Z", d.format("%Y-%m-%dT%H:%M:%S"), frac),
        None => "0001-01-01T00:00:00Z".to_string(),
    }
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
        assert_eq!(iso_seconds(t), "2022-08-24T23:28:11Z");
    }
}
