//! Command-line options of the `graph-emulator` binary, read with
//! `pico-args`: `--listen ADDR --seed N --scale demo|large [--results N]
//! [--workflows N] [--faults FILE]`. A flag given twice keeps its last value;
//! `--flag=value` works as well as `--flag value`; any other word is an error.

use std::ffi::OsString;
use std::net::SocketAddr;

use pico_args::Arguments;

use crate::dataset::{Scale, Sizes};

/// The options of one run of the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Cli {
    pub listen: SocketAddr,
    pub seed: u64,
    pub scale: Scale,
    /// `--results` (large scale only) and `--workflows`.
    pub sizes: Sizes,
    pub faults: Option<String>,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Invocation {
    /// `--help` or `-h`: print [`USAGE`] and stop.
    Help,
    /// Serve with these options.
    Serve(Cli),
}

pub const USAGE: &str = "\
usage: graph-emulator [--listen ADDR] [--seed N] [--scale demo|large]
                      [--results N] [--workflows N] [--faults FILE]

  --listen ADDR   the address to serve on (default 127.0.0.1:8081; port 0
                  picks a free one)
  --seed N        the seed of the generated tenant (default 42)
  --scale S       demo (the default) or large (adds a run of 100000 users)
  --results N     user results of the large run (with --scale large;
                  default 100000, at most 1000000)
  --workflows N   at least N live workflows: numbered copies of the demo
                  workflows are added (at most 1000)
  --faults FILE   a JSON file of fault rules loaded at start
  -h, --help      this text";

/// Most user results `--results` accepts.
pub const MAX_RESULTS: usize = 1_000_000;
/// Most workflows `--workflows` accepts.
pub const MAX_WORKFLOWS: usize = 1_000;

/// The address served when `--listen` is not given.
const DEFAULT_LISTEN: ([u8; 4], u16) = ([127, 0, 0, 1], 8081);
/// The seed used when `--seed` is not given.
const DEFAULT_SEED: u64 = 42;

/// Parses the arguments after the program name; `Err` is a one-line message.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Invocation, String> {
    let mut args = Arguments::from_vec(args.into_iter().map(OsString::from).collect());
    if args.contains(["-h", "--help"]) {
        return Ok(Invocation::Help);
    }
    let listen = last_value(&mut args, "--listen", listen_address)?;
    let seed = last_value(&mut args, "--seed", seed_number)?;
    let scale = last_value(&mut args, "--scale", scale_name)?;
    let results = last_value(&mut args, "--results", |v| {
        count("--results", v, MAX_RESULTS)
    })?;
    let workflows = last_value(&mut args, "--workflows", |v| {
        count("--workflows", v, MAX_WORKFLOWS)
    })?;
    let faults = last_value(&mut args, "--faults", |v| Ok::<_, String>(v.to_string()))?;
    no_more(args)?;
    let cli = Cli {
        listen: listen.unwrap_or_else(|| DEFAULT_LISTEN.into()),
        seed: seed.unwrap_or(DEFAULT_SEED),
        scale: scale.unwrap_or(Scale::Demo),
        sizes: Sizes { results, workflows },
        faults,
    };
    if cli.sizes.results.is_some() && cli.scale != Scale::Large {
        return Err("--results sizes the large run: use it with --scale large".to_string());
    }
    Ok(Invocation::Serve(cli))
}

/// The last value of `flag VALUE` read by `read`, if the flag was given.
fn last_value<T>(
    args: &mut Arguments,
    flag: &'static str,
    read: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    let values = args.values_from_fn(flag, read).map_err(explain)?;
    Ok(values.into_iter().last())
}

fn listen_address(text: &str) -> Result<SocketAddr, String> {
    text.parse()
        .map_err(|_| format!("--listen needs an address like 127.0.0.1:8081, not '{text}'"))
}

fn seed_number(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("--seed needs a whole number, not '{text}'"))
}

fn scale_name(text: &str) -> Result<Scale, String> {
    Scale::parse(text).ok_or_else(|| format!("--scale must be demo or large, not '{text}'"))
}

/// A whole number from 1 to `max`.
fn count(name: &str, text: &str, max: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{name} must be a number from 1 to {max}, not '{text}'"
        )),
    }
}

/// `Err` naming the first argument no flag took.
fn no_more(args: Arguments) -> Result<(), String> {
    match args.finish().first() {
        None => Ok(()),
        Some(arg) => Err(format!(
            "unknown argument '{}' (--help lists the flags)",
            arg.to_string_lossy()
        )),
    }
}

/// pico-args' errors in this parser's words: `--flag needs a value`, or the
/// message of the value's own reader.
fn explain(err: pico_args::Error) -> String {
    match err {
        pico_args::Error::OptionWithoutAValue(flag) => format!("{flag} needs a value"),
        pico_args::Error::Utf8ArgumentParsingFailed { cause, .. } => cause,
        other => other.to_string(),
    }
}

/// ", 300000 results, 50 workflows" for the ready line; empty by default.
pub fn describe_sizes(sizes: &Sizes) -> String {
    let mut out = String::new();
    if let Some(n) = sizes.results {
        out.push_str(&format!(", {n} results"));
    }
    if let Some(n) = sizes.workflows {
        out.push_str(&format!(", at least {n} workflows"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Invocation, String> {
        parse(words.split_whitespace().map(str::to_string))
    }

    /// The options the words must parse to.
    fn options_of(words: &str) -> Cli {
        match parse_words(words) {
            Ok(Invocation::Serve(cli)) => cli,
            other => panic!("`{words}` gave {other:?}"),
        }
    }

    /// The one-line message a bad invocation gives.
    fn error_of(words: &str) -> String {
        match parse_words(words) {
            Ok(invocation) => panic!("`{words}` parsed as {invocation:?}"),
            Err(message) => message,
        }
    }

    #[test]
    fn parses_flags() {
        let c = options_of("--listen 127.0.0.1:9000 --seed 7 --scale large --faults f.json");
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.seed, 7);
        assert_eq!(c.scale, Scale::Large);
        assert_eq!(c.sizes, Sizes::default());
        assert_eq!(c.faults.as_deref(), Some("f.json"));
        assert_eq!(options_of("--seed=9").seed, 9);
        assert!(parse_words("--scale huge").is_err());
        assert!(parse_words("--seed").is_err());
        assert!(parse_words("--bogus").is_err());
    }

    #[test]
    fn defaults_without_flags() {
        let c = options_of("");
        assert_eq!(c.listen, SocketAddr::from(([127, 0, 0, 1], 8081)));
        assert_eq!((c.seed, c.scale), (42, Scale::Demo));
        assert_eq!((c.sizes, c.faults), (Sizes::default(), None));
    }

    #[test]
    fn help_words_ask_for_the_usage() {
        for words in ["--help", "-h", "--seed 7 --help"] {
            assert_eq!(parse_words(words), Ok(Invocation::Help), "{words}");
        }
        for flag in [
            "--listen",
            "--seed",
            "--scale",
            "--results",
            "--workflows",
            "--faults",
        ] {
            assert!(USAGE.contains(flag), "{flag} is missing from the usage");
        }
    }

    #[test]
    fn a_repeated_flag_keeps_its_last_value() {
        assert_eq!(options_of("--seed 1 --seed 2").seed, 2);
        assert_eq!(options_of("--scale large --scale demo").scale, Scale::Demo);
    }

    #[test]
    fn bad_values_are_named() {
        assert_eq!(
            error_of("--seed many"),
            "--seed needs a whole number, not 'many'"
        );
        assert_eq!(
            error_of("--scale huge"),
            "--scale must be demo or large, not 'huge'"
        );
        assert_eq!(
            error_of("--listen localhost"),
            "--listen needs an address like 127.0.0.1:8081, not 'localhost'"
        );
        assert_eq!(
            error_of("--workflows 0"),
            "--workflows must be a number from 1 to 1000, not '0'"
        );
    }

    #[test]
    fn a_missing_value_is_named() {
        assert_eq!(error_of("--seed"), "--seed needs a value");
        assert_eq!(error_of("--faults"), "--faults needs a value");
        assert_eq!(
            error_of("--scale large --results"),
            "--results needs a value"
        );
    }

    #[test]
    fn unknown_words_are_errors() {
        assert_eq!(
            error_of("--bogus"),
            "unknown argument '--bogus' (--help lists the flags)"
        );
        assert_eq!(
            error_of("--seed 7 extra"),
            "unknown argument 'extra' (--help lists the flags)"
        );
    }

    #[test]
    fn parses_sizes() {
        let c = options_of("--scale large --results 300000 --workflows=50");
        assert_eq!(c.sizes.results, Some(300_000));
        assert_eq!(c.sizes.workflows, Some(50));
        assert_eq!(
            describe_sizes(&c.sizes),
            ", 300000 results, at least 50 workflows"
        );
        assert_eq!(describe_sizes(&Sizes::default()), "");
        let demo = options_of("--workflows 50");
        assert_eq!(demo.scale, Scale::Demo);
        assert_eq!(demo.sizes.workflows, Some(50));
        assert!(
            parse_words("--results 10").is_err(),
            "--results needs --scale large"
        );
        assert!(parse_words("--scale large --results 0").is_err());
        assert!(parse_words("--scale large --results 1000001").is_err());
        assert!(parse_words("--scale large --results ten").is_err());
        assert!(parse_words("--workflows 0").is_err());
        assert!(parse_words("--workflows 1001").is_err());
        assert!(parse_words("--scale large --results").is_err());
    }
}
