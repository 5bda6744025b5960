//! `cargo xtask demo`: the viewer on graph-emulator's demo tenant, on
//! loopback, until Ctrl-C; with `--embed`, also the sample host portal on a
//! second origin (the next port) that frames the viewer.

use crate::cli::DemoOptions;
use crate::setup;
use crate::stack::{self, Profile, Stack};
use anyhow::{Context, Result};
use std::time::Duration;

/// Sets up, builds, starts everything and waits for Ctrl-C.
pub fn run(options: &DemoOptions) -> Result<()> {
    setup::run()?;
    stack::build_site("/", "dist")?;
    let emulator = stack::build_emulator(Profile::Release)?;
    let mut running = if options.embed {
        let portal_port = options.port.checked_add(1).unwrap_or(0);
        Stack::start_embedded(&emulator, "demo", options.port, portal_port)?
    } else {
        Stack::start(&emulator, "demo", options.port)?
    };
    print_welcome(&running);
    if let Some(portal) = &running.portal_url {
        print_portal(portal);
    }
    wait_for_ctrl_c(&mut running)
}

/// A demo workflow with a mix of failed and successful runs (its id is the
/// one in the Graph reference pages, which graph-emulator keeps).
const DEMO_WORKFLOW: &str = "14879e66-9ea9-48d0-804d-8fea672d0341";

fn print_welcome(running: &Stack) {
    println!();
    println!("  Lifecycle Workflows viewer, demo tenant");
    println!();
    println!(
        "  Open   {}workflows/{DEMO_WORKFLOW}/runs",
        running.site_url
    );
    println!("  Then   press \"Sign in with Microsoft\" and pick an account on graph-emulator's");
    println!(
        "         sign-in page (the first is an administrator): you land on that workflow's runs."
    );
    println!("         (\"Sign in to the demo tenant\" or pasting a token also work.)");
    println!("         Open a run with failures to see which users and tasks failed, and why.");
    println!("         (All workflows: {}workflows)", running.site_url);
    println!();
    println!(
        "  graph-emulator (the demo tenant) answers at {}",
        running.emulator_url
    );
    println!("  Ctrl-C stops the viewer and the emulator.");
    println!();
}

fn print_portal(portal: &str) {
    println!("  Embedded: the sample admin portal (another origin) frames the viewer");
    println!("  Open   {portal}");
    println!("         It signs in to the demo tenant and hands the viewer its token");
    println!(
        "         (the lwv/1 handshake; its script is {}/portal.js).",
        crate::stack::PORTAL_DIR
    );
    println!();
}

fn wait_for_ctrl_c(running: &mut Stack) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let mut ticker = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {
                    println!("\nstopping the viewer and graph-emulator");
                    return Ok(());
                }
                _ = ticker.tick() => running.check_running()?,
            }
        }
    })
}
