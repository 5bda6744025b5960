//! `cargo xtask bench`: the performance harness. Builds the release site
//! (into its own folder, so a concurrent `cargo xtask test` keeps `dist/`),
//! starts graph-emulator (`--scale large`, or `demo` with `--smoke`) plus
//! the extra stacks of [`crate::bench_stacks`] (scale curve, Failures
//! screen, startup floor page), runs `bench/run.mjs` (Playwright with
//! Chromium) which writes the figures, then prints them against the
//! targets. Missed targets are not an error: only a broken harness exits
//! non-zero.

use crate::bench_named;
use crate::bench_stacks;
use crate::cli::BenchOptions;
use crate::process::run_step;
use crate::setup;
use crate::stack::{self, Profile, Stack};
use crate::tools;
use anyhow::{Context, Result};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the bench builds the site, relative to the repository root.
const BENCH_DIST: &str = "target/dist-bench";

/// One figure of the table, with its target when it has one (`≤ limit`).
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub limit: Option<f64>,
    pub unit: &'static str,
}

const fn row(
    key: &'static str,
    label: &'static str,
    limit: Option<f64>,
    unit: &'static str,
) -> Row {
    Row {
        key,
        label,
        limit,
        unit,
    }
}

/// The figures printed, in order; the targets of issue #16 (all `≤`).
pub const ROWS: &[Row] = &[
    row(
        "bundle_gzip_bytes",
        "bundle gzip (site)",
        Some(400_000.0),
        "B",
    ),
    row("bundle_raw_bytes", "bundle raw", None, "B"),
    row("load_ms", "load 100k", None, "ms"),
    row("load_baseline_ms", "fetch+parse baseline", None, "ms"),
    row("load_ratio", "load / baseline", Some(1.0), "x"),
    row("filter_keystroke_p95_ms", "keystroke p95", None, "ms"),
    row(
        "floor_rewrite_keystroke_p95_ms",
        "floor: rewrite rows p95",
        None,
        "ms",
    ),
    row(
        "keystroke_floor_ratio",
        "keystroke p95 / floor",
        Some(1.1),
        "x",
    ),
    row(
        "scroll_frames_over_16ms_p95",
        "scroll frame p95",
        None,
        "ms",
    ),
    row(
        "floor_scroll_rows_frame_p95_ms",
        "floor: vanilla scroll p95",
        None,
        "ms",
    ),
    row("scroll_floor_ratio", "scroll p95 / floor", Some(1.1), "x"),
    row("sort_p95_ms", "sort p95", None, "ms"),
    row("sort_floor_ratio", "sort p95 / floor", Some(1.2), "x"),
    row("startup_ms", "startup to sign-in form", None, "ms"),
    row("startup_floor_ms", "startup floor (plain)", None, "ms"),
    row("startup_floor_ratio", "startup / floor", Some(3.0), "x"),
    row(
        "scale_load_exponent",
        "load exponent 10k-300k",
        Some(1.05),
        "",
    ),
    row(
        "scale_keystroke_ratio",
        "keystroke p95 300k / 10k",
        Some(2.0),
        "x",
    ),
    row("memory_mb_300k", "JS heap + wasm 300k", Some(250.0), "MB"),
    row("insights_failures_ms", "Failures, 50 workflows", None, "ms"),
    row(
        "insights_baseline_ms",
        "Failures fetch baseline",
        None,
        "ms",
    ),
    row(
        "insights_failures_ratio",
        "Failures / baseline",
        Some(1.2),
        "x",
    ),
    row("dom_rows", "row elements in DOM", Some(150.0), ""),
    row("memory_mb", "JS heap + wasm 100k", Some(150.0), "MB"),
    row("ag_filter_p95_ms", "AG Grid keystroke p95", None, "ms"),
    row("ag_sort_p95_ms", "AG Grid sort p95", None, "ms"),
    row("ag_filter_ratio", "keystroke ours / AG", Some(1.0), "x"),
    row("ag_sort_ratio", "sort ours / AG", Some(1.0), "x"),
];

/// How a figure compares with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Missed,
    /// The harness could not measure it (null or absent).
    Missing,
    /// A figure without a target.
    Info,
}

/// Judges one row against the `figures` object.
pub fn judge(figures: &Value, row: &Row) -> (Option<f64>, Verdict) {
    let value = figures.get(row.key).and_then(Value::as_f64);
    let verdict = match (value, row.limit) {
        (None, _) => Verdict::Missing,
        (Some(_), None) => Verdict::Info,
        (Some(v), Some(limit)) if v <= limit => Verdict::Met,
        (Some(_), Some(_)) => Verdict::Missed,
    };
    (value, verdict)
}

/// The table of figures against targets, and the closing line.
pub fn table(figures: &Value) -> String {
    let mut out = format!(
        "{:<28} {:>14} {:>12}  {}\n",
        "figure", "value", "target", "met"
    );
    let (mut met, mut targets) = (0, 0);
    for row in ROWS {
        let (value, verdict) = judge(figures, row);
        let shown = value.map_or_else(|| "missing".to_string(), |v| format_value(v, row.unit));
        let target = row
            .limit
            .map_or_else(String::new, |l| format!("≤ {}", format_value(l, row.unit)));
        let mark = match verdict {
            Verdict::Met => "yes",
            Verdict::Missed => "NO",
            Verdict::Missing => "missing",
            Verdict::Info => "",
        };
        if row.limit.is_some() {
            targets += 1;
            met += usize::from(verdict == Verdict::Met);
        }
        out.push_str(&format!(
            "{:<28} {:>14} {:>12}  {}\n",
            row.label, shown, target, mark
        ));
    }
    out.push_str(&format!("\n{met} of {targets} targets met"));
    out
}

/// `1234.5` with its unit; bytes as integers.
pub fn format_value(value: f64, unit: &str) -> String {
    if unit == "B" {
        format!("{value:.0} B")
    } else if unit.is_empty() {
        format!("{value}")
    } else {
        format!("{value} {unit}")
    }
}

/// Runs the harness end to end.
pub fn run(options: &BenchOptions) -> Result<()> {
    setup::run()?;
    setup::ensure_npm_packages("bench")?;
    let site_build = build_bench_site()?;
    let (profile, scale) = if options.smoke {
        (Profile::Debug, "demo")
    } else {
        (Profile::Release, "large")
    };
    let emulator = stack::build_emulator(profile)?;
    let dist = tools::repo_root().join(BENCH_DIST);
    if bench_named::profiling() {
        bench_named::name_the_wasm(&dist)?;
    }
    let out = output_path(options.smoke);
    let _ = std::fs::remove_file(&out);
    let mut running = Stack::start_with_site(&emulator, scale, 0, &dist)?;
    let extras = bench_stacks::start(&emulator, &dist, options.smoke, &mut running)?;
    let mut node = Command::new("node");
    node.arg("run.mjs")
        .current_dir(tools::repo_root().join("bench"))
        .env("SITE_URL", &running.site_url)
        .env("EMULATOR_URL", &running.emulator_url)
        .env("DIST_DIR", &dist)
        .env("BENCH_MODE", if options.smoke { "smoke" } else { "full" })
        .env("BENCH_OUT", &out)
        .env("BENCH_SITE_BUILD", site_build)
        .env("BENCH_EXTRAS", extras.json.to_string());
    println!("[bench] node bench/run.mjs ({scale} tenant)");
    let outcome = run_step("step `bench/run.mjs`", &mut node);
    drop(extras);
    drop(running);
    outcome?;
    report(&out)
}

/// Builds the release site into [`BENCH_DIST`] (not `dist/`, so a test run
/// at the same time keeps its own build).
fn build_bench_site() -> Result<&'static str> {
    stack::build_site("/", BENCH_DIST).map(|()| "index.html")
}

/// Where the figures go: `latest.json` for a full run; a profiled run
/// (`BENCH_PROFILE=1`, slowed by the profiler) and a smoke run go to `tmp/`.
fn output_path(smoke: bool) -> PathBuf {
    let results = tools::repo_root().join("bench").join("results");
    if smoke {
        results.join("tmp").join("smoke.json")
    } else if bench_named::profiling() {
        results.join("tmp").join("profiled.json")
    } else {
        results.join("latest.json")
    }
}

fn report(out: &Path) -> Result<()> {
    let text = std::fs::read_to_string(out)
        .with_context(|| format!("the harness wrote no {}", out.display()))?;
    let value: Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", out.display()))?;
    let figures = value
        .get("figures")
        .with_context(|| format!("{} has no figures", out.display()))?;
    println!("\n{}", table(figures));
    let details = value.get("details").unwrap_or(&Value::Null);
    let notes = notes(details);
    if !notes.is_empty() {
        println!("\n{notes}");
    }
    println!("written to {}", out.display());
    Ok(())
}

/// Why figures are null, and the wasm's code bytes by crate.
pub fn notes(details: &Value) -> String {
    let mut out = String::new();
    if let Some(reasons) = details.get("null_reasons").and_then(Value::as_object) {
        for (key, reason) in reasons {
            let reason = reason.as_str().unwrap_or("");
            out.push_str(&format!("null {key}: {reason}\n"));
        }
    }
    let crates = details.get("bundle_crates");
    if let Some(list) = crates
        .and_then(|c| c.get("crates"))
        .and_then(Value::as_array)
    {
        out.push_str("wasm code by crate (cargo output, before wasm-opt):\n");
        for entry in list {
            let name = entry.get("crate").and_then(Value::as_str).unwrap_or("?");
            let bytes = entry.get("bytes").and_then(Value::as_f64).unwrap_or(0.0);
            let percent = entry.get("percent").and_then(Value::as_f64).unwrap_or(0.0);
            out.push_str(&format!("  {name:<28} {bytes:>10.0} B {percent:>5.1} %\n"));
        }
    } else if let Some(error) = crates.and_then(|c| c.get("error")).and_then(Value::as_str) {
        out.push_str(&format!("{error}\n"));
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row_of(key: &str) -> &'static Row {
        ROWS.iter().find(|r| r.key == key).expect("row exists")
    }

    #[test]
    fn judges_targets_missing_and_info() {
        let figures =
            json!({"load_ratio": 0.9, "sort_floor_ratio": 1.5, "memory_mb": null, "load_ms": 900});
        assert_eq!(
            judge(&figures, row_of("load_ratio")),
            (Some(0.9), Verdict::Met)
        );
        assert_eq!(
            judge(&figures, row_of("sort_floor_ratio")).1,
            Verdict::Missed
        );
        assert_eq!(judge(&figures, row_of("memory_mb")).1, Verdict::Missing);
        assert_eq!(judge(&figures, row_of("dom_rows")).1, Verdict::Missing);
        assert_eq!(judge(&figures, row_of("load_ms")).1, Verdict::Info);
    }

    #[test]
    fn the_limit_itself_is_met() {
        let figures = json!({"ag_sort_ratio": 1.0, "dom_rows": 150});
        assert_eq!(judge(&figures, row_of("ag_sort_ratio")).1, Verdict::Met);
        assert_eq!(judge(&figures, row_of("dom_rows")).1, Verdict::Met);
    }

    #[test]
    fn every_required_key_is_in_the_table() {
        let targets = [
            ("load_ratio", 1.0),
            ("keystroke_floor_ratio", 1.1),
            ("scroll_floor_ratio", 1.1),
            ("sort_floor_ratio", 1.2),
            ("bundle_gzip_bytes", 400_000.0),
            ("startup_floor_ratio", 3.0),
            ("scale_load_exponent", 1.05),
            ("scale_keystroke_ratio", 2.0),
            ("memory_mb_300k", 250.0),
            ("insights_failures_ratio", 1.2),
            ("ag_filter_ratio", 1.0),
            ("ag_sort_ratio", 1.0),
            ("dom_rows", 150.0),
            ("memory_mb", 150.0),
        ];
        for (key, limit) in targets {
            assert_eq!(row_of(key).limit, Some(limit), "{key}");
        }
        let with_targets = ROWS.iter().filter(|r| r.limit.is_some()).count();
        assert_eq!(with_targets, targets.len());
        for key in ["startup_ms", "insights_failures_ms", "insights_baseline_ms"] {
            assert_eq!(
                row_of(key).limit,
                None,
                "{key} is recorded without a target"
            );
        }
    }

    #[test]
    fn table_counts_met_targets() {
        let figures = json!({"bundle_gzip_bytes": 200000, "load_ratio": 2.0});
        let text = table(&figures);
        assert!(text.ends_with("1 of 14 targets met"), "{text}");
        assert!(text.contains("200000 B"));
        assert!(text.contains("missing"));
    }

    #[test]
    fn notes_name_null_figures_and_crates() {
        let details = json!({
            "null_reasons": {"memory_mb_300k": "the load did not finish"},
            "bundle_crates": {"crates": [{"crate": "tachys", "bytes": 1000, "percent": 21.5}]},
        });
        let text = notes(&details);
        assert!(
            text.contains("null memory_mb_300k: the load did not finish"),
            "{text}"
        );
        assert!(text.contains("tachys"), "{text}");
        assert!(text.contains("21.5 %"), "{text}");
        assert_eq!(notes(&json!({})), "");
    }

    #[test]
    fn formats_values() {
        assert_eq!(format_value(1234.0, "B"), "1234 B");
        assert_eq!(format_value(12.5, "ms"), "12.5 ms");
        assert_eq!(format_value(3.0, ""), "3");
    }
}
