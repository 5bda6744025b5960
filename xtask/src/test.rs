//! `cargo xtask test`: every tier in order, each counted, then one closing
//! line `N passed, N failed` summing them all.

use crate::cli::TestOptions;
use crate::process::{describe, run_streamed};
use crate::report::{self, Tier};
use crate::setup;
use crate::stack::{self, Profile, Stack};
use crate::tools::{self, CHROMEDRIVER};
use anyhow::Result;
use std::path::Path;
use std::process::Command;

/// Runs all tiers and prints the closing line last; `false` when any test or
/// check failed.
pub fn run(options: &TestOptions) -> bool {
    let tiers = match setup::run() {
        Ok(()) => run_tiers(options),
        Err(err) => vec![not_run("setup", &err)],
    };
    let closing = report::summary(&tiers);
    let passed = tiers.iter().all(|tier| tier.failed == 0);
    if !passed {
        println!("\nsome tests failed: see the table above");
    }
    println!("\n{closing}");
    passed
}

fn run_tiers(options: &TestOptions) -> Vec<Tier> {
    let mut tiers = if options.e2e_only {
        Vec::new()
    } else {
        checks_and_unit_tiers()
    };
    let site = check("trunk build --release", stack::trunk_build("/", "dist"));
    let site_built = site.failed == 0;
    tiers.push(site);
    if options.skip_e2e {
        println!("[test] --skip-e2e: not running Playwright");
    } else if site_built {
        tiers.push(end_to_end(options.spec.as_deref()));
    } else {
        tiers.push(Tier::not_run(
            "playwright (end2end)",
            "the site did not build",
        ));
    }
    tiers
}

fn checks_and_unit_tiers() -> Vec<Tier> {
    vec![
        check(
            "cargo fmt --check",
            cargo(&["fmt", "--all", "--", "--check"]),
        ),
        check(
            "clippy (native)",
            cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        ),
        check("clippy (wasm32)", wasm_clippy()),
        counted(
            "unit tests (native)",
            cargo(&["test", "--workspace", "--no-fail-fast"]),
        ),
        counted("browser tests (wasm-bindgen)", wasm_browser_tests()),
    ]
}

fn cargo(args: &[&str]) -> Command {
    let mut command = tools::cargo_command();
    command
        .args(args)
        .current_dir(tools::repo_root())
        .env("PATH", tools::path_with_tools());
    command
}

fn wasm_clippy() -> Command {
    let mut args = vec![
        "clippy",
        "--package",
        "lifecycle-viewer",
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
        "--bins",
    ];
    if has_browser_tests() {
        args.extend(["--test", "browser"]);
    }
    args.extend(["--", "-D", "warnings"]);
    cargo(&args)
}

fn has_browser_tests() -> bool {
    tools::repo_root()
        .join("tests")
        .join("browser.rs")
        .is_file()
}

fn wasm_browser_tests() -> Command {
    let mut command = cargo(&[
        "test",
        "--package",
        "lifecycle-viewer",
        "--target",
        "wasm32-unknown-unknown",
        "--test",
        "browser",
        "--no-fail-fast",
    ]);
    command
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    command
}

/// A check that counts as one test.
fn check(name: &str, mut command: Command) -> Tier {
    banner(name, &command);
    match run_streamed(&mut command) {
        Ok(finished) => Tier::check(name, finished.success),
        Err(err) => not_run(name, &err),
    }
}

/// A cargo test run counted from its own summaries.
fn counted(name: &str, mut command: Command) -> Tier {
    banner(name, &command);
    match run_streamed(&mut command) {
        Ok(finished) => report::cargo_tier(name, &finished.output, finished.success),
        Err(err) => not_run(name, &err),
    }
}

/// A tier that could not run, noting why (the error with its causes).
fn not_run(name: &str, err: &anyhow::Error) -> Tier {
    Tier::not_run(name, &format!("{err:#}"))
}

fn banner(name: &str, command: &Command) {
    println!("\n==== {name}: {}", describe(command));
}

const E2E: &str = "playwright (end2end)";

fn end_to_end(spec: Option<&str>) -> Tier {
    // Release: the 100,000-user run's pages (each user with its task
    // results) take a debug emulator about half a second each.
    let emulator = match stack::build_emulator(Profile::Release) {
        Ok(path) => path,
        Err(err) => return not_run(E2E, &err),
    };
    let mut running = match Stack::start_embedded(&emulator, "demo", 0, 0) {
        Ok(running) => running,
        Err(err) => return not_run(E2E, &err),
    };
    let subpath_url = match serve_under_subpath(&mut running) {
        Ok(url) => url,
        Err(err) => return not_run(E2E, &err),
    };
    // The 100,000-user run exists only at `--scale large`: a second
    // emulator (ready in about a second) and the same site pointed at it.
    let large = match Stack::start(&emulator, "large", 0) {
        Ok(large) => large,
        Err(err) => return not_run(E2E, &err),
    };
    let dir = tools::repo_root().join("end2end");
    let report_path = dir.join("test-results").join("report.json");
    let _ = std::fs::remove_file(&report_path);
    let mut command = Command::new(dir.join("node_modules").join(".bin").join("playwright"));
    command
        .args(["test", "--reporter=list,json"])
        .args(spec)
        .current_dir(&dir)
        .env("SITE_URL", &running.site_url)
        .env("EMULATOR_URL", &running.emulator_url)
        .env("SUBPATH_SITE_URL", &subpath_url)
        .env("PORTAL_URL", running.portal_url.clone().unwrap_or_default())
        .env("LARGE_SITE_URL", &large.site_url)
        .env("LARGE_EMULATOR_URL", &large.emulator_url)
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report_path)
        .env("CI", "1");
    banner(E2E, &command);
    let finished = run_streamed(&mut command);
    drop(running);
    drop(large);
    match finished {
        Ok(finished) => {
            let json = read_or_empty(&report_path);
            report::playwright_tier(E2E, &json, finished.success)
        }
        Err(err) => not_run(E2E, &err),
    }
}

/// Builds the site again for `/lifecycle/` (cargo's output is reused, so
/// only wasm-bindgen and wasm-opt run) and serves it under that sub-path.
fn serve_under_subpath(running: &mut Stack) -> Result<String> {
    let dist = "target/dist-subpath";
    stack::build_site(SUBPATH, dist)?;
    running.serve_site(&tools::repo_root().join(dist), SUBPATH, 0)
}

const SUBPATH: &str = "/lifecycle/";

fn read_or_empty(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
