//! Command-line options: `--listen ADDR --seed N --scale demo|large
//! [--results N] [--workflows N] [--faults FILE]`.

use std::net::SocketAddr;

use crate::dataset::{Scale, Sizes};

#[derive(Clone, Debug, PartialEq)]
pub struct Cli {
    pub listen: SocketAddr,
    pub seed: u64,
    pub scale: Scale,
    /// `--results` (large scale only) and `--workflows`.
    pub sizes: Sizes,
    pub faults: Option<String>,
}

pub const USAGE: &str = "usage: graph-emulator [--listen 127.0.0.1:8081] [--seed 42] [--scale demo|large] [--results N] [--workflows N] [--faults FILE]
  --results N    user results of the large run (with --scale large; default 100000, at most 1000000)
  --workflows N  at least N live workflows: numbered copies of the demo workflows are added (at most 1000)";

/// Most user results `--results` accepts.
pub const MAX_RESULTS: usize = 1_000_000;
/// Most workflows `--workflows` accepts.
pub const MAX_WORKFLOWS: usize = 1_000;

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Cli, String> {
    let mut cli = Cli {
        listen: ([127, 0, 0, 1], 8081).into(),
        seed: 42,
        scale: Scale::Demo,
        sizes: Sizes::default(),
        faults: None,
    };
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        if name == "--help" || name == "-h" {
            return Err(USAGE.to_string());
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match name.as_str() {
            "--listen" => cli.listen = value()?.parse().map_err(|e| format!("--listen: {e}"))?,
            "--seed" => cli.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--scale" => {
                let v = value()?;
                cli.scale = Scale::parse(&v)
                    .ok_or_else(|| format!("--scale must be demo or large, not '{v}'"))?;
            }
            "--results" => cli.sizes.results = Some(count("--results", &value()?, MAX_RESULTS)?),
            "--workflows" => {
                cli.sizes.workflows = Some(count("--workflows", &value()?, MAX_WORKFLOWS)?)
            }
            "--faults" => cli.faults = Some(value()?),
            other => return Err(format!("unknown argument '{other}'\n{USAGE}")),
        }
    }
    if cli.sizes.results.is_some() && cli.scale != Scale::Large {
        return Err("--results sizes the large run: use it with --scale large".to_string());
    }
    Ok(cli)
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

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_flags() {
        let c = parse(args(
            "--listen 127.0.0.1:9000 --seed 7 --scale large --faults f.json",
        ))
        .unwrap();
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.seed, 7);
        assert_eq!(c.scale, Scale::Large);
        assert_eq!(c.sizes, Sizes::default());
        assert_eq!(c.faults.as_deref(), Some("f.json"));
        assert_eq!(parse(args("--seed=9")).unwrap().seed, 9);
        assert!(parse(args("--scale huge")).is_err());
        assert!(parse(args("--seed")).is_err());
        assert!(parse(args("--bogus")).is_err());
    }

    #[test]
    fn parses_sizes() {
        let c = parse(args("--scale large --results 300000 --workflows=50")).unwrap();
        assert_eq!(c.sizes.results, Some(300_000));
        assert_eq!(c.sizes.workflows, Some(50));
        assert_eq!(
            describe_sizes(&c.sizes),
            ", 300000 results, at least 50 workflows"
        );
        assert_eq!(describe_sizes(&Sizes::default()), "");
        let demo = parse(args("--workflows 50")).unwrap();
        assert_eq!(demo.scale, Scale::Demo);
        assert_eq!(demo.sizes.workflows, Some(50));
        assert!(
            parse(args("--results 10")).is_err(),
            "--results needs --scale large"
        );
        assert!(parse(args("--scale large --results 0")).is_err());
        assert!(parse(args("--scale large --results 1000001")).is_err());
        assert!(parse(args("--scale large --results ten")).is_err());
        assert!(parse(args("--workflows 0")).is_err());
        assert!(parse(args("--workflows 1001")).is_err());
        assert!(parse(args("--scale large --results")).is_err());
    }
}
