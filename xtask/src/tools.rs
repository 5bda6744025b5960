//! Where the project's tools live and how commands find them.
//!
//! Tools are kept outside the clone (default `~/.cache/lwv-tools`, or
//! `$LWV_TOOLS_DIR`) so a second clone or a second run reuses them.

use anyhow::{Context, Result};
use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Trunk version the project builds with (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// npm package that ships a wasm-opt new enough for wasm-bindgen's output.
pub const BINARYEN_PACKAGE: &str = "binaryen@132";
/// What `wasm-opt --version` prints for that package.
pub const WASM_OPT_VERSION: &str = "version_132";
/// Debian's Chromium and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The repository root (the parent of `xtask/`).
pub fn repo_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// A `cargo` command: the cargo that runs xtask (`$CARGO`, set by cargo for
/// the programs it runs), so every step uses the same toolchain; plain
/// `cargo` from PATH only when xtask was started some other way.
pub fn cargo_command() -> Command {
    Command::new(cargo_program())
}

fn cargo_program() -> OsString {
    env::var_os("CARGO")
        .filter(|cargo| !cargo.is_empty())
        .unwrap_or_else(|| "cargo".into())
}

/// The folder that holds installed tools.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = env::var_os("LWV_TOOLS_DIR").filter(|dir| !dir.is_empty()) {
        return PathBuf::from(dir);
    }
    let cache = env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(env::temp_dir);
    cache.join("lwv-tools")
}

/// `cargo install --root` for Trunk and wasm-bindgen-cli.
pub fn cargo_root() -> PathBuf {
    tools_dir().join("cargo")
}

/// The npm prefix that holds binaryen.
pub fn binaryen_dir() -> PathBuf {
    tools_dir().join("binaryen")
}

/// Folders that must come first on PATH for Trunk to find the pinned tools.
pub fn bin_dirs() -> Vec<PathBuf> {
    vec![
        cargo_root().join("bin"),
        binaryen_dir().join("node_modules").join(".bin"),
    ]
}

/// PATH with the tool folders in front.
pub fn path_with_tools() -> OsString {
    let mut dirs = bin_dirs();
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    env::join_paths(dirs).unwrap_or_else(|_| env::var_os("PATH").unwrap_or_default())
}

/// The `wasm-bindgen` version recorded in Cargo.lock.
pub fn locked_wasm_bindgen_version() -> Result<String> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("cannot read {}", lock_path.display()))?;
    version_in_lock(&lock, "wasm-bindgen").context("Cargo.lock has no wasm-bindgen package")
}

/// Finds `version = "…"` of the package named `name` in a Cargo.lock text.
pub fn version_in_lock(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version_line = lines.next()?.trim();
            let version = version_line
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exact_package_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.1\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            version_in_lock(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(version_in_lock(lock, "trunk"), None);
    }

    #[test]
    fn cargo_is_the_one_running_xtask() {
        // `cargo test` sets $CARGO for the test binary, as `cargo run` does
        // for xtask.
        let expected = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        assert_eq!(cargo_command().get_program(), expected);
    }

    #[test]
    fn tool_bins_come_first_on_path() {
        let path = path_with_tools();
        let first = env::split_paths(&path).next();
        assert_eq!(first, Some(cargo_root().join("bin")));
    }
}
