//! `cargo xtask setup`: installs whatever the build and tests need, checking
//! versions (not just presence) and skipping what is already right.
//!
//! The recipe follows `../shared/TOOLCHAIN.md`: the wasm32 target, Trunk,
//! wasm-bindgen-cli at the Cargo.lock version, wasm-opt from npm binaryen,
//! Debian's Chromium and chromedriver, and the end2end npm packages.
//! `bench/`'s npm packages are installed by `cargo xtask bench` only.

use crate::process::{output_of, run_step};
use crate::tools::{self, CHROMEDRIVER, CHROMIUM};
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Runs every setup step in order and stops at the first that fails.
pub fn run() -> Result<()> {
    let started = Instant::now();
    say("checking the toolchain");
    ensure_rust_parts()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()?;
    ensure_node()?;
    ensure_chromium()?;
    ensure_npm_packages("end2end")?;
    say(&format!(
        "toolchain ready in {:.0} s (tools in {})",
        started.elapsed().as_secs_f64(),
        tools::tools_dir().display()
    ));
    Ok(())
}

fn say(message: &str) {
    println!("[setup] {message}");
}

fn ensure_rust_parts() -> Result<()> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .context("step `wasm32 target`: rustup is not available; install Rust with rustup first")?;
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        say("wasm32-unknown-unknown target: present");
    } else {
        say("adding the wasm32-unknown-unknown target");
        run_step(
            "step `wasm32 target`",
            Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        )?;
    }
    for (component, probe) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if output_of(tools::cargo_command().args([probe, "--version"])).is_none() {
            say(&format!("adding the {component} component"));
            run_step(
                &format!("step `{component}`"),
                Command::new("rustup").args(["component", "add", component]),
            )?;
        }
    }
    Ok(())
}

fn ensure_trunk() -> Result<()> {
    let trunk = tools::cargo_root().join("bin").join("trunk");
    let want = format!("trunk {}", tools::TRUNK_VERSION);
    if version_of(&trunk).as_deref() == Some(want.as_str()) {
        say(&format!("{want}: present"));
        return Ok(());
    }
    say(&format!(
        "installing {want} with cargo (about 10 minutes on 2 cores; cargo shows progress)"
    ));
    cargo_install(
        "step `Trunk`",
        &["trunk", "--version", tools::TRUNK_VERSION, "--locked"],
    )
}

fn ensure_wasm_bindgen() -> Result<()> {
    let version = tools::locked_wasm_bindgen_version()?;
    let bin = tools::cargo_root().join("bin").join("wasm-bindgen");
    let want = format!("wasm-bindgen {version}");
    let runner = tools::cargo_root()
        .join("bin")
        .join("wasm-bindgen-test-runner");
    if version_of(&bin).as_deref() == Some(want.as_str()) && runner.exists() {
        say(&format!("{want}: present"));
        return Ok(());
    }
    say(&format!(
        "installing wasm-bindgen-cli {version} (the Cargo.lock version; about 4 minutes)"
    ));
    // No --locked: its lock file pins a crate the registry no longer serves.
    cargo_install(
        "step `wasm-bindgen-cli`",
        &["wasm-bindgen-cli", "--version", &version],
    )
}

fn cargo_install(step: &str, args: &[&str]) -> Result<()> {
    let root = tools::cargo_root();
    fs::create_dir_all(&root)
        .with_context(|| format!("{step}: cannot create {}", root.display()))?;
    run_step(
        step,
        tools::cargo_command()
            .arg("install")
            .args(args)
            .arg("--root")
            .arg(&root),
    )
}

fn ensure_wasm_opt() -> Result<()> {
    let bin = tools::binaryen_dir()
        .join("node_modules")
        .join(".bin")
        .join("wasm-opt");
    let found = version_of(&bin).unwrap_or_default();
    if found.contains(tools::WASM_OPT_VERSION) {
        say(&format!("wasm-opt {}: present", tools::WASM_OPT_VERSION));
        return Ok(());
    }
    say(&format!(
        "installing wasm-opt from npm {}",
        tools::BINARYEN_PACKAGE
    ));
    let dir = tools::binaryen_dir();
    fs::create_dir_all(&dir)
        .with_context(|| format!("step `wasm-opt`: cannot create {}", dir.display()))?;
    run_step(
        "step `wasm-opt`",
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(tools::BINARYEN_PACKAGE),
    )
}

fn ensure_node() -> Result<()> {
    let major = output_of(Command::new("node").arg("--version"))
        .and_then(|version| parse_major(version.trim_start_matches('v')));
    match major {
        Some(major) if major >= 18 => {
            say(&format!("node {major}: present"));
            Ok(())
        }
        _ => {
            say("installing Node.js and npm from Debian");
            apt_install("step `Node.js`", &["nodejs", "npm"])
        }
    }
}

/// Installs Chromium and chromedriver unless both are present at one version.
fn ensure_chromium() -> Result<()> {
    let browser =
        version_of(Path::new(CHROMIUM)).and_then(|text| first_number_after(&text, "Chromium"));
    let driver = version_of(Path::new(CHROMEDRIVER))
        .and_then(|text| first_number_after(&text, "ChromeDriver"));
    if let (Some(browser), Some(driver)) = (&browser, &driver) {
        if browser == driver {
            say(&format!("Chromium and chromedriver {browser}: present"));
            return Ok(());
        }
    }
    say("installing Chromium and chromedriver from Debian (1-2 minutes)");
    apt_install("step `Chromium`", &["chromium", "chromium-driver"])
}

fn apt_install(step: &str, packages: &[&str]) -> Result<()> {
    let root = output_of(Command::new("id").arg("-u")).as_deref() == Some("0");
    let program = if root { "apt-get" } else { "sudo" };
    let prefix: &[&str] = if root { &[] } else { &["apt-get"] };
    run_step(
        &format!("{step} (apt-get update)"),
        Command::new(program).args(prefix).args(["update", "-q"]),
    )?;
    run_step(
        step,
        Command::new(program)
            .args(prefix)
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Installs the npm packages of `folder` (relative to the repository root,
/// e.g. `end2end` or `bench`) when its lock file changed since the last
/// install (a stamp in node_modules records the lock it came from).
pub fn ensure_npm_packages(folder: &str) -> Result<()> {
    let dir = tools::repo_root().join(folder);
    let step = format!("step `{folder} npm packages`");
    let Ok(lock_text) = fs::read_to_string(dir.join("package-lock.json")) else {
        say(&format!(
            "{folder}/package-lock.json missing: skipping npm packages"
        ));
        return Ok(());
    };
    let stamp = dir.join("node_modules").join(".lwv-lock-stamp");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(lock_text.as_str()) {
        say(&format!("{folder} npm packages: present"));
        return Ok(());
    }
    say(&format!("installing {folder} npm packages (npm ci)"));
    run_step(
        &step,
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )?;
    fs::write(&stamp, lock_text).with_context(|| format!("{step}: cannot write stamp"))
}

/// `<program> --version`, trimmed, when the program runs.
fn version_of(program: &Path) -> Option<String> {
    if !program.exists() {
        return None;
    }
    output_of(
        Command::new(program)
            .arg("--version")
            .env("PATH", tools::path_with_tools()),
    )
}

/// The dotted version that follows `word` in `text`, e.g. "156.0.8078.79".
fn first_number_after(text: &str, word: &str) -> Option<String> {
    let rest = &text[text.find(word)? + word.len()..];
    rest.split_whitespace()
        .next()
        .filter(|token| token.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .map(str::to_string)
}

fn parse_major(version: &str) -> Option<u32> {
    version.split('.').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_browser_and_driver_versions() {
        let browser = "Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)";
        let driver = "ChromeDriver 156.0.8078.79 (abc-refs/branch-heads/1234@{#5})";
        assert_eq!(
            first_number_after(browser, "Chromium").as_deref(),
            Some("156.0.8078.79")
        );
        assert_eq!(
            first_number_after(driver, "ChromeDriver").as_deref(),
            Some("156.0.8078.79")
        );
        assert_eq!(first_number_after("Chromium is missing", "Chromium"), None);
    }

    #[test]
    fn major_version() {
        assert_eq!(parse_major("20.20.2"), Some(20));
        assert_eq!(parse_major("x"), None);
    }
}
