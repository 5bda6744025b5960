//! The profiled bench's wasm with its function names (`BENCH_PROFILE=1`).
//! The release site ships without a `name` section, so a CPU profile shows
//! `wasm-function[7804]`. For a profiled run the bench site's wasm is
//! replaced by wasm-bindgen's output optimised again with the same
//! `wasm-opt -Oz` and `-g` (names kept), its glue beside it, and the
//! `integrity` attributes dropped from `index.html` (the hashes no longer
//! match). The figures of such a run go to `results/tmp/`, never to
//! `latest.json` (see `bench.rs`).

use crate::process::run_step;
use crate::stack;
use crate::tools;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The features `index.html` enables for `wasm-opt` (Trunk's
/// `data-wasm-opt-params`), so the named build is optimised the same way.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Whether this bench run records CPU profiles.
pub fn profiling() -> bool {
    std::env::var("BENCH_PROFILE").as_deref() == Ok("1")
}

/// Puts the named wasm and its glue in place of the site's in `dist`.
pub fn name_the_wasm(dist: &Path) -> Result<()> {
    let bindgen = stack::target_dir().join("wasm-bindgen").join("release");
    let wasm = dist_file(dist, "_bg.wasm")?;
    let glue = dist_file(dist, ".js")?;
    let mut opt = Command::new(tools::binaryen_dir().join("node_modules/.bin/wasm-opt"));
    opt.arg("-Oz")
        .arg("-g")
        .args(WASM_OPT_FEATURES)
        .arg(bindgen.join("lifecycle-viewer_bg.wasm"))
        .arg("-o")
        .arg(&wasm);
    println!(
        "[bench] naming the wasm for the profiles: {}",
        wasm.display()
    );
    run_step("step `wasm-opt -g`", &mut opt)?;
    std::fs::copy(bindgen.join("lifecycle-viewer.js"), &glue)
        .with_context(|| format!("copying the wasm-bindgen glue to {}", glue.display()))?;
    let index = dist.join("index.html");
    let html =
        std::fs::read_to_string(&index).with_context(|| format!("reading {}", index.display()))?;
    std::fs::write(&index, without_integrity(&html))
        .with_context(|| format!("writing {}", index.display()))
}

/// The one file of `dist` named `lifecycle-viewer-<hash><suffix>`.
fn dist_file(dist: &Path, suffix: &str) -> Result<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let glue_only = suffix != ".js" || !name.ends_with("_bg.js");
        if name.starts_with("lifecycle-viewer-") && name.ends_with(suffix) && glue_only {
            found.push(path);
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => bail!(
            "expected one lifecycle-viewer-*{suffix} in {}, found {}",
            dist.display(),
            found.len()
        ),
    }
}

/// `html` without its `integrity="…"` attributes.
fn without_integrity(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" integrity=\"") {
        out.push_str(&rest[..at]);
        let value = &rest[at + " integrity=\"".len()..];
        rest = value.find('"').map_or("", |end| &value[end + 1..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::without_integrity;

    #[test]
    fn integrity_attributes_are_dropped_and_the_rest_kept() {
        let html = r#"<link rel="modulepreload" href="/a.js" integrity="sha384-x" crossorigin><script integrity="sha384-y">go()</script>"#;
        assert_eq!(
            without_integrity(html),
            r#"<link rel="modulepreload" href="/a.js" crossorigin><script>go()</script>"#
        );
        assert_eq!(without_integrity("<p>plain</p>"), "<p>plain</p>");
    }
}
