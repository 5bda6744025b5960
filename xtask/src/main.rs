//! `cargo xtask`: the project's own commands (setup, demo, test, serve, bench).
//!
//! Every command that needs tools first runs `setup`, which installs whatever
//! is missing outside the clone and skips what is already right.

mod bench;
mod cli;
mod csp;
mod demo;
mod process;
mod report;
mod serve;
mod setup;
mod stack;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let command = match cli::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("{message}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    let outcome = match command {
        cli::Command::Help => {
            println!("{}", cli::USAGE);
            Ok(())
        }
        cli::Command::Setup => setup::run(),
        cli::Command::Demo(options) => demo::run(&options),
        cli::Command::Test(options) => {
            return if test::run(&options) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
        cli::Command::Build(options) => setup::run().and_then(|()| {
            stack::build_site_allowing(
                &options.public_url,
                "dist",
                &options
                    .connect_src
                    .or_else(|| std::env::var(csp::CONNECT_SRC_ENV).ok())
                    .unwrap_or_default(),
            )
        }),
        cli::Command::Csp(options) => csp::run(options.file, options.connect_src),
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
