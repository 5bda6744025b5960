//! `cargo xtask`: the project's own commands (setup, demo, test, build, serve,
//! csp, bench).
//!
//! Every command that needs tools first runs `setup`, which installs whatever
//! is missing outside the clone and skips what is already right.

mod bench;
mod bench_named;
mod bench_stacks;
mod cli;
mod csp;
mod demo;
mod headers;
mod process;
mod report;
mod serve;
mod setup;
mod stack;
mod test;
mod tools;

use anyhow::Result;
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse(std::env::args_os().skip(1).collect()) {
        Ok(command) => execute(command),
        Err(err) => {
            eprintln!("{err:#}\n\n{}", cli::USAGE);
            ExitCode::from(2)
        }
    }
}

/// Runs one parsed command; a failure is printed with its causes.
fn execute(command: cli::Command) -> ExitCode {
    let outcome = match command {
        cli::Command::Help => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        cli::Command::Setup => setup::run(),
        cli::Command::Demo(options) => demo::run(&options),
        cli::Command::Test(options) => return exit_code(test::run(&options)),
        cli::Command::Build(options) => build(options),
        cli::Command::Csp(options) => {
            csp::run(options.file, options.connect_src, options.embed_hosts)
        }
        cli::Command::Serve(options) => serve::run_blocking(&options),
        cli::Command::Bench(options) => bench::run(&options),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("\nxtask: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask build`: setup, then the release site in `dist/`.
fn build(options: cli::BuildOptions) -> Result<()> {
    setup::run()?;
    let connect_src = csp::connect_src_or_env(options.connect_src);
    if let Some(hosts) = options.embed_hosts {
        // Trunk's post-build hook (`cargo xtask csp`) reads it.
        std::env::set_var(headers::EMBED_HOSTS_ENV, hosts);
    }
    stack::build_site_allowing(&options.public_url, "dist", &connect_src)
}

fn exit_code(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
