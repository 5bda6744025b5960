//! Counting test results across tiers and printing the closing line.
//!
//! Test runners are read from their own summaries (cargo's `test result:`
//! lines, Playwright's JSON stats); a check without a count (fmt, clippy, a
//! build) counts as one test.

/// The outcome of one tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    pub name: String,
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
    pub note: String,
}

impl Tier {
    /// A check counted as one test.
    pub fn check(name: &str, success: bool) -> Self {
        Self {
            name: name.into(),
            passed: u64::from(success),
            failed: u64::from(!success),
            skipped: 0,
            note: String::new(),
        }
    }

    /// A tier that could not run at all, counted as one failure.
    pub fn not_run(name: &str, why: &str) -> Self {
        Self {
            note: why.into(),
            ..Self::check(name, false)
        }
    }
}

/// Sums cargo test's `test result:` lines. A command that failed without
/// reporting any failed test (say, a compile error) counts one failure more.
pub fn cargo_tier(name: &str, output: &str, success: bool) -> Tier {
    let mut tier = Tier {
        name: name.into(),
        passed: 0,
        failed: 0,
        skipped: 0,
        note: String::new(),
    };
    let mut summaries = 0;
    for line in output.lines() {
        if let Some((passed, failed, ignored)) = parse_cargo_summary(line) {
            summaries += 1;
            tier.passed += passed;
            tier.failed += failed;
            tier.skipped += ignored;
        }
    }
    if !success && tier.failed == 0 {
        tier.failed += 1;
        tier.note = "the command failed outside any test (build error?)".into();
    } else if success && summaries == 0 {
        tier.note = "no test summary found".into();
    }
    tier
}

/// Parses `test result: ok. 12 passed; 0 failed; 1 ignored; …`.
pub fn parse_cargo_summary(line: &str) -> Option<(u64, u64, u64)> {
    let rest = line.trim().strip_prefix("test result:")?;
    let mut counts = (None, None, 0);
    for part in rest.split(';') {
        let mut words = part.split_whitespace().rev();
        let Some(label) = words.next() else {
            continue;
        };
        let Some(number) = words.next().and_then(|word| word.parse::<u64>().ok()) else {
            continue;
        };
        match label {
            "passed" => counts.0 = Some(number),
            "failed" => counts.1 = Some(number),
            "ignored" => counts.2 = number,
            _ => {}
        }
    }
    Some((counts.0?, counts.1?, counts.2))
}

/// Reads Playwright's JSON report `stats`: expected, unexpected, flaky, skipped.
pub fn playwright_tier(name: &str, report_json: &str, success: bool) -> Tier {
    let stats = extract_stats(report_json);
    let mut tier = Tier::check(name, success);
    if let Some((expected, unexpected, flaky, skipped)) = stats {
        tier.passed = expected + flaky;
        tier.failed = unexpected;
        tier.skipped = skipped;
        if !success && tier.failed == 0 {
            tier.failed = 1;
            tier.note = "playwright failed outside any test".into();
        }
    } else {
        tier.note = "no Playwright report".into();
        tier.passed = 0;
        tier.failed = 1;
    }
    tier
}

fn extract_stats(report_json: &str) -> Option<(u64, u64, u64, u64)> {
    let value: serde_json::Value = serde_json::from_str(report_json).ok()?;
    let stats = value.get("stats")?;
    let number = |key: &str| {
        stats
            .get(key)
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0)
    };
    Some((
        number("expected"),
        number("unexpected"),
        number("flaky"),
        number("skipped"),
    ))
}

/// Prints a table of tiers and returns the closing line.
pub fn summary(tiers: &[Tier]) -> String {
    println!(
        "\n{:<34} {:>7} {:>7} {:>8}  note",
        "tier", "passed", "failed", "skipped"
    );
    for tier in tiers {
        println!(
            "{:<34} {:>7} {:>7} {:>8}  {}",
            tier.name, tier.passed, tier.failed, tier.skipped, tier.note
        );
    }
    let passed: u64 = tiers.iter().map(|tier| tier.passed).sum();
    let failed: u64 = tiers.iter().map(|tier| tier.failed).sum();
    let skipped: u64 = tiers.iter().map(|tier| tier.skipped).sum();
    if skipped > 0 {
        format!("{passed} passed, {failed} failed, {skipped} skipped")
    } else {
        format!("{passed} passed, {failed} failed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cargo_summary_lines() {
        let line = "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(parse_cargo_summary(line), Some((12, 0, 1)));
        let failed =
            "test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out";
        assert_eq!(parse_cargo_summary(failed), Some((3, 2, 0)));
        assert_eq!(parse_cargo_summary("running 3 tests"), None);
    }

    #[test]
    fn sums_every_cargo_summary() {
        let output = "test result: ok. 2 passed; 0 failed; 0 ignored;\n\
                      noise\n\
                      test result: FAILED. 5 passed; 1 failed; 2 ignored;\n";
        let tier = cargo_tier("unit", output, false);
        assert_eq!((tier.passed, tier.failed, tier.skipped), (7, 1, 2));
    }

    #[test]
    fn a_failed_build_counts_as_a_failure() {
        let tier = cargo_tier("unit", "error[E0425]: cannot find value", false);
        assert_eq!((tier.passed, tier.failed), (0, 1));
    }

    #[test]
    fn reads_playwright_stats() {
        let json = r#"{"stats":{"expected":9,"unexpected":1,"flaky":1,"skipped":2}}"#;
        let tier = playwright_tier("e2e", json, false);
        assert_eq!((tier.passed, tier.failed, tier.skipped), (10, 1, 2));
        let missing = playwright_tier("e2e", "not json", false);
        assert_eq!(missing.failed, 1);
    }

    #[test]
    fn closing_line_sums_all_tiers() {
        let tiers = vec![
            Tier::check("fmt", true),
            Tier::check("clippy", false),
            cargo_tier(
                "unit",
                "test result: ok. 4 passed; 0 failed; 0 ignored;",
                true,
            ),
        ];
        assert_eq!(summary(&tiers), "5 passed, 1 failed");
    }
}
