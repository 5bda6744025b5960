//! Durations, numbers, dates, ranges and the runtime config.

use chrono::{Duration, TimeZone, Utc};
use lifecycle_viewer::app::site::config::{parse_demo_token, RuntimeConfig};
use lifecycle_viewer::auth::Cloud;
use lifecycle_viewer::format;
use lifecycle_viewer::graph::ApiVersion;
use lifecycle_viewer::model::{DateRange, Period, Preset};
use proptest::prelude::*;

#[test]
fn durations_read_like_words() {
    let cases = [
        (Duration::milliseconds(6_500), "6.5 s"),
        (Duration::milliseconds(300), "0.3 s"),
        (Duration::seconds(6), "6 s"),
        (Duration::seconds(42), "42 s"),
        (Duration::seconds(200), "3 min 20 s"),
        (Duration::seconds(180), "3 min"),
        (Duration::minutes(125), "2 h 5 min"),
        (Duration::hours(27), "1 d 3 h"),
        (Duration::seconds(-5), "-5 s"),
    ];
    for (d, text) in cases {
        assert_eq!(format::duration(d), text, "{d:?}");
    }
    assert_eq!(format::opt_duration(None), format::MISSING);
}

#[test]
fn numbers_get_thousands_separators() {
    assert_eq!(format::thousands(0), "0");
    assert_eq!(format::thousands(999), "999");
    assert_eq!(format::thousands(2_400), "2,400");
    assert_eq!(format::thousands(1_234_567), "1,234,567");
    assert_eq!(format::count(None), format::MISSING);
    assert_eq!(
        format::loaded_text(2_400, None, "results"),
        "Loaded 2,400 results…"
    );
    assert_eq!(
        format::loaded_text(5, Some(10_000), "results"),
        "Loaded 5 of 10,000 results…"
    );
}

#[test]
fn dates_show_local_time_and_keep_utc_for_tooltips() {
    let at = Utc
        .with_ymd_and_hms(2022, 8, 24, 23, 28, 11)
        .single()
        .expect("date");
    let paris = format::local_date(at, format::offset_from_js(-120.0));
    assert_eq!(paris.text, "2022-08-25 01:28:11");
    assert_eq!(paris.offset, "UTC+02:00");
    assert_eq!(paris.utc_iso, "2022-08-24T23:28:11.000Z");
    let ny = format::local_date(at, format::offset_from_js(240.0));
    assert_eq!(ny.text, "2022-08-24 19:28:11");
    assert_eq!(ny.offset, "UTC-04:00");
    assert_eq!(format::local_date(at, i32::MAX).text, "2022-08-24 23:28:11");
    assert_eq!(format::offset_from_js(f64::NAN), 0);
}

#[test]
fn range_presets_end_now_and_round_trip_keys() {
    let now = Utc
        .with_ymd_and_hms(2024, 3, 31, 12, 0, 0)
        .single()
        .expect("now");
    let r = Period::Last(Preset::Days7).range(now);
    assert_eq!((r.end, r.end - r.start), (now, Duration::days(7)));
    assert_eq!(
        Preset::Hours24.range(now).end - Preset::Hours24.range(now).start,
        Duration::hours(24)
    );
    for p in Preset::ALL {
        assert_eq!(Period::Last(p).range(now), DateRange::last(p.length(), now));
    }
    let swapped = DateRange::new(now, now - Duration::days(1));
    assert!(swapped.start < swapped.end);
    assert_eq!(Period::Window(swapped).range(now), swapped);
    assert!(swapped.contains(swapped.start) && !swapped.contains(swapped.end));
}

#[test]
fn runtime_config_is_read_leniently() {
    let c = RuntimeConfig::parse(
        r#"{"graphEndpoint":"http://127.0.0.1:8081","apiVersion":"beta","demoTokenUrl":"http://127.0.0.1:8081/_emulator/token"}"#,
    );
    assert_eq!(c.cloud(), Cloud::Custom("http://127.0.0.1:8081".into()));
    assert_eq!(c.version(), ApiVersion::Beta);
    assert_eq!(
        c.demo_token_url.as_deref(),
        Some("http://127.0.0.1:8081/_emulator/token")
    );
    let bad = RuntimeConfig::parse(
        r#"{"graphEndpoint":"javascript:alert(1)","apiVersion":3,"demoTokenUrl":null}"#,
    );
    assert_eq!(bad, RuntimeConfig::default());
    assert_eq!(
        RuntimeConfig::parse("<html>404</html>").cloud(),
        Cloud::Global
    );
    assert_eq!(
        RuntimeConfig::parse(r#"{"graphEndpoint":"https://graph.microsoft.us"}"#).cloud(),
        Cloud::UsGovL4
    );
    assert_eq!(
        parse_demo_token(r#"{"access_token":"abc"}"#).map(|s| s.expose().to_string()),
        Some("abc".into())
    );
    assert!(parse_demo_token(r#"{"access_token":""}"#).is_none());
    assert!(parse_demo_token("nope").is_none());
}

proptest! {
    #[test]
    fn formatting_never_panics(ms in any::<i64>(), n in any::<u64>(), off in any::<i32>(), secs in 0i64..4_000_000_000) {
        let _ = format::duration(Duration::milliseconds(ms / 4));
        prop_assert_eq!(format::thousands(n).replace(',', ""), n.to_string());
        if let Some(at) = Utc.timestamp_opt(secs, 0).single() {
            let _ = format::local_date(at, off);
        }
    }

    #[test]
    fn config_parsing_never_panics(text in ".{0,80}") {
        let _ = RuntimeConfig::parse(&text);
    }
}
