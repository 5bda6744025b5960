//! Command-line parsing for `cargo xtask`: a handful of subcommands and flags.

use std::path::PathBuf;

pub const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup                 install the toolchain (wasm target, Trunk, wasm-bindgen,
                        wasm-opt, Chromium, the end2end npm packages)
  demo [--port N]       build the site, start graph-emulator's demo tenant and
                        serve the viewer on loopback; Ctrl-C stops everything
  test [--skip-e2e]     every test tier; closes with `N passed, N failed`
  build [--public-url /sub/path/] [--connect-src SOURCES]
                        setup, then the release site in dist/ for hosting;
                        --connect-src: extra origins the page may call (a
                        proxy, a custom Graph endpoint), space-separated
  csp [--connect-src SOURCES] [FILE]
                        complete the Content-Security-Policy of a built
                        index.html (Trunk runs this as its post-build hook)
  serve DIR [--port N] [--base /sub/path/] [--config-json JSON]
                        serve a built site with an index.html fallback
  bench [--smoke]       build the release site, start graph-emulator --scale
                        large, measure the viewer and AG Grid in headless
                        Chromium, print figures against targets and write
                        bench/results/latest.json; --smoke: a tiny run on the
                        demo tenant that writes bench/results/tmp/smoke.json

environment:
  LWV_TOOLS_DIR         where setup keeps its tools (default ~/.cache/lwv-tools)
  LWV_CONNECT_SRC       extra connect-src origins for builds, space-separated";

/// Options of `cargo xtask demo`.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub port: u16,
}

/// Options of `cargo xtask test`.
#[derive(Debug, Clone, Default)]
pub struct TestOptions {
    pub skip_e2e: bool,
}

/// Options of `cargo xtask build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub public_url: String,
    /// Extra `connect-src` sources, space-separated.
    pub connect_src: Option<String>,
}

/// Options of `cargo xtask csp`.
#[derive(Debug, Clone, Default)]
pub struct CspOptions {
    /// The `index.html` to complete; Trunk's staging copy when absent.
    pub file: Option<PathBuf>,
    /// Extra `connect-src` sources, space-separated.
    pub connect_src: Option<String>,
}

/// Options of `cargo xtask serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub dir: PathBuf,
    pub port: u16,
    pub base: String,
    pub config_json: Option<String>,
}

/// Options of `cargo xtask bench`.
#[derive(Debug, Clone, Default)]
pub struct BenchOptions {
    /// A tiny run on the demo tenant that only checks the harness works.
    pub smoke: bool,
}

/// One parsed invocation.
#[derive(Debug, Clone)]
pub enum Command {
    Help,
    Setup,
    Demo(DemoOptions),
    Test(TestOptions),
    Build(BuildOptions),
    Serve(ServeOptions),
    Bench(BenchOptions),
    Csp(CspOptions),
}

/// Parses the arguments after `cargo xtask`.
pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let Some(command) = args.next() else {
        return Ok(Command::Help);
    };
    let rest: Vec<String> = args.collect();
    match command.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "setup" => no_flags(&rest).map(|_| Command::Setup),
        "demo" => parse_demo(&rest).map(Command::Demo),
        "test" => parse_test(&rest).map(Command::Test),
        "build" => parse_build(&rest).map(Command::Build),
        "serve" => parse_serve(&rest).map(Command::Serve),
        "bench" => parse_bench(&rest).map(Command::Bench),
        "csp" => parse_csp(&rest).map(Command::Csp),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn no_flags(rest: &[String]) -> Result<(), String> {
    match rest.first() {
        None => Ok(()),
        Some(flag) => Err(format!("unexpected argument `{flag}`")),
    }
}

fn parse_demo(rest: &[String]) -> Result<DemoOptions, String> {
    let mut options = DemoOptions { port: 8080 };
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => options.port = port_value(args.next())?,
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(options)
}

fn parse_test(rest: &[String]) -> Result<TestOptions, String> {
    let mut options = TestOptions::default();
    for arg in rest {
        match arg.as_str() {
            "--skip-e2e" => options.skip_e2e = true,
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(options)
}

fn parse_bench(rest: &[String]) -> Result<BenchOptions, String> {
    let mut options = BenchOptions::default();
    for arg in rest {
        match arg.as_str() {
            "--smoke" => options.smoke = true,
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(options)
}

fn parse_build(rest: &[String]) -> Result<BuildOptions, String> {
    let mut options = BuildOptions {
        public_url: "/".into(),
        connect_src: None,
    };
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--public-url" => {
                options.public_url = normalize_base(required(args.next(), "--public-url")?)
            }
            "--connect-src" => {
                options.connect_src = Some(required(args.next(), "--connect-src")?.clone())
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(options)
}

fn parse_csp(rest: &[String]) -> Result<CspOptions, String> {
    let mut options = CspOptions::default();
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--connect-src" => {
                options.connect_src = Some(required(args.next(), "--connect-src")?.clone())
            }
            flag if flag.starts_with("--") => return Err(format!("unknown flag `{flag}`")),
            path => options.file = Some(PathBuf::from(path)),
        }
    }
    Ok(options)
}

fn parse_serve(rest: &[String]) -> Result<ServeOptions, String> {
    let mut dir = None;
    let mut options = ServeOptions {
        dir: PathBuf::new(),
        port: 8080,
        base: "/".into(),
        config_json: None,
    };
    let mut args = rest.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => options.port = port_value(args.next())?,
            "--base" => options.base = required(args.next(), "--base")?.clone(),
            "--config-json" => {
                options.config_json = Some(required(args.next(), "--config-json")?.clone())
            }
            flag if flag.starts_with("--") => return Err(format!("unknown flag `{flag}`")),
            path => dir = Some(PathBuf::from(path)),
        }
    }
    options.dir = dir.ok_or("serve needs the directory to serve, e.g. `dist`")?;
    options.base = normalize_base(&options.base);
    Ok(options)
}

fn required<'a>(value: Option<&'a String>, flag: &str) -> Result<&'a String, String> {
    value.ok_or_else(|| format!("{flag} needs a value"))
}

fn port_value(value: Option<&String>) -> Result<u16, String> {
    let value = required(value, "--port")?;
    value
        .parse()
        .map_err(|_| format!("--port needs a number from 0 to 65535, not `{value}`"))
}

/// Turns `sub/path`, `/sub/path` or `/sub/path/` into `/sub/path/`.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Command, String> {
        parse(words.split_whitespace().map(String::from))
    }

    #[test]
    fn no_command_is_help() {
        assert!(matches!(parse_words(""), Ok(Command::Help)));
    }

    #[test]
    fn serve_reads_dir_port_and_base() {
        let Ok(Command::Serve(options)) = parse_words("serve dist --port 9000 --base sub/app")
        else {
            panic!("serve did not parse");
        };
        assert_eq!(options.dir, PathBuf::from("dist"));
        assert_eq!(options.port, 9000);
        assert_eq!(options.base, "/sub/app/");
    }

    #[test]
    fn build_reads_public_url() {
        let Ok(Command::Build(options)) = parse_words("build --public-url lifecycle") else {
            panic!("build did not parse");
        };
        assert_eq!(options.public_url, "/lifecycle/");
    }

    #[test]
    fn bench_reads_smoke() {
        let Ok(Command::Bench(options)) = parse_words("bench --smoke") else {
            panic!("bench did not parse");
        };
        assert!(options.smoke);
        assert!(matches!(
            parse_words("bench"),
            Ok(Command::Bench(BenchOptions { smoke: false }))
        ));
        assert!(parse_words("bench --fast").is_err());
    }

    #[test]
    fn serve_without_dir_is_an_error() {
        assert!(parse_words("serve --port 1").is_err());
    }

    #[test]
    fn bad_port_is_an_error() {
        assert!(parse_words("demo --port lots").is_err());
        assert!(parse_words("demo --port 70000").is_err());
    }

    #[test]
    fn unknown_command_is_an_error() {
        assert!(parse_words("deploy").is_err());
    }

    #[test]
    fn base_is_normalized() {
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/a/b"), "/a/b/");
        assert_eq!(normalize_base("a/"), "/a/");
    }
}
