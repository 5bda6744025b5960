//! The bench's stacks beside the main one: graph-emulator at other sizes
//! of the large run for the scale curve (`--results N`), one with many
//! workflows for the Failures screen (`--workflows N`), each with the
//! bench's site served with a `config.json` that points at it; the startup
//! floor page (`bench/startup-floor/`) served by the same static server as
//! the site; and the named wasm for the per-crate breakdown. A stack that
//! does not start is handed to the harness as an error (its figures become
//! null with that reason); it does not stop the bench.

use crate::stack::{self, Stack};
use crate::tools;
use anyhow::Result;
use serde_json::{json, Value};
use std::path::Path;

/// Results of the scale curve's own emulators (the full run's 100,000
/// point is the main run).
const FULL_SCALE: &[usize] = &[10_000, 300_000];
/// The smoke run's tiny curve: it only checks the harness.
const SMOKE_SCALE: &[usize] = &[500, 1_000, 2_000];
/// Workflows of the Failures screen's tenant.
pub const FAILURES_WORKFLOWS: usize = 50;

/// The extra stacks (stopped when dropped) and what the harness reads
/// (`BENCH_EXTRAS`).
pub struct Extras {
    _stacks: Vec<Stack>,
    pub json: Value,
}

/// Sizes of the scale curve's own emulators.
pub fn scale_sizes(smoke: bool) -> &'static [usize] {
    if smoke {
        SMOKE_SCALE
    } else {
        FULL_SCALE
    }
}

/// Starts graph-emulator with `args` and the site for it, or says why not.
fn sized(emulator: &Path, scale: &str, args: &[String], dist: &Path) -> (Option<Stack>, Value) {
    match Stack::start_sized(emulator, scale, args, dist) {
        Ok(stack) => {
            let value = json!({
                "site": stack.site_url,
                "emulator": stack.emulator_url,
                "pid": stack.emulator_pid(),
            });
            (Some(stack), value)
        }
        Err(error) => {
            let reason = format!("graph-emulator {} did not start: {error:#}", args.join(" "));
            println!("[bench] {reason}");
            (None, json!({ "error": reason }))
        }
    }
}

/// Starts every extra stack; `main` serves the startup floor page.
pub fn start(emulator: &Path, dist: &Path, smoke: bool, main: &mut Stack) -> Result<Extras> {
    let mut stacks = Vec::new();
    let mut scale = Vec::new();
    for &results in scale_sizes(smoke) {
        println!("[bench] graph-emulator --scale large --results {results}");
        let args = ["--results".to_string(), results.to_string()];
        let (stack, mut value) = sized(emulator, "large", &args, dist);
        value["results"] = json!(results);
        scale.push(value);
        stacks.extend(stack);
    }
    println!("[bench] graph-emulator --scale demo --workflows {FAILURES_WORKFLOWS}");
    let args = ["--workflows".to_string(), FAILURES_WORKFLOWS.to_string()];
    let (stack, mut insights) = sized(emulator, "demo", &args, dist);
    insights["workflows"] = json!(FAILURES_WORKFLOWS);
    stacks.extend(stack);
    let floor = tools::repo_root().join("bench").join("startup-floor");
    let floor_url = main.serve_plain(&floor).map_or_else(
        |error| {
            println!("[bench] the startup floor page is not served: {error:#}");
            Value::Null
        },
        Value::String,
    );
    let wasm = stack::named_wasm();
    Ok(Extras {
        _stacks: stacks,
        json: json!({
            "scale": scale,
            "insights": insights,
            "startup_floor_url": floor_url,
            "wasm_named": wasm.is_file().then(|| wasm.display().to_string()),
            "viewer_source": tools::repo_root().join("src").display().to_string(),
            "main_emulator_pid": main.emulator_pid(),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_curve_surrounds_the_main_run() {
        assert_eq!(scale_sizes(false), &[10_000, 300_000]);
        assert!(scale_sizes(true).iter().all(|&n| n <= 2_000));
    }
}
