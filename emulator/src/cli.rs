//! Command-line options: `--listen ADDR --seed N --scale demo|large [--faults FILE]`.

use std::net::SocketAddr;

use crate::dataset::Scale;

#[derive(Clone, Debug, PartialEq)]
pub struct Cli {
    pub listen: SocketAddr,
    pub seed: u64,
    pub scale: Scale,
    pub faults: Option<String>,
}

pub const USAGE: &str = "usage: graph-emulator [--listen 127.0.0.1:8081] [--seed 42] [--scale demo|large] [--faults FILE]";

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Cli, String> {
    let mut cli = Cli {
        listen: ([127, 0, 0, 1], 8081).into(),
        seed: 42,
        scale: Scale::Demo,
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
            "--faults" => cli.faults = Some(value()?),
            other => return Err(format!("unknown argument '{other}'\n{USAGE}")),
        }
    }
    Ok(cli)
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
        assert_eq!(c.faults.as_deref(), Some("f.json"));
        assert_eq!(parse(args("--seed=9")).unwrap().seed, 9);
        assert!(parse(args("--scale huge")).is_err());
        assert!(parse(args("--seed")).is_err());
        assert!(parse(args("--bogus")).is_err());
    }
}
