//! Command-line parsing for `cargo xtask`: a handful of subcommands and
//! flags, read with `pico-args`. A flag given twice keeps its last value; a
//! word that is no flag is an error, except the FILE of `csp` and the DIR of
//! `serve`.

use anyhow::{anyhow, bail, Context, Result};
use pico_args::Arguments;
use std::ffi::OsString;
use std::path::PathBuf;

pub const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup                 install the toolchain (wasm target, Trunk, wasm-bindgen,
                        wasm-opt, Chromium, the end2end npm packages)
  demo [--port N] [--embed]
                        build the site, start graph-emulator's demo tenant and
                        serve the viewer on loopback; Ctrl-C stops everything;
                        --embed: also a sample host portal on a second origin
                        that frames the viewer and hands it the token
  test [--skip-e2e] [--e2e-only] [--spec FILTER]
                        every test tier; closes with `N passed, N failed`;
                        --e2e-only: only the site build and Playwright;
                        --spec: only the Playwright specs whose file name
                        matches FILTER (for working on one spec)
  build [--public-url /sub/path/] [--connect-src SOURCES] [--embed-hosts ORIGINS]
                        setup, then the release site in dist/ for hosting;
                        --connect-src: extra origins the page may call (a
                        proxy, a custom Graph endpoint), space-separated;
                        --embed-hosts: the portals that may frame the viewer
                        (frame-ancestors of the generated host header files)
  csp [--connect-src SOURCES] [--embed-hosts ORIGINS] [FILE]
                        complete the Content-Security-Policy of a built
                        index.html and write staticwebapp.config.json and
                        _headers beside it (Trunk runs this as its post-build
                        hook)
  serve DIR [--port N] [--base /sub/path/] [--config-json JSON]
                        serve a built site with an index.html fallback
  bench [--smoke]       build the release site, start graph-emulator --scale
                        large, measure the viewer and AG Grid in headless
                        Chromium, print figures against targets and write
                        bench/results/latest.json; --smoke: a tiny run on the
                        demo tenant that writes bench/results/tmp/smoke.json

environment:
  LWV_TOOLS_DIR         where setup keeps its tools (default ~/.cache/lwv-tools)
  LWV_CONNECT_SRC       extra connect-src origins for builds, space-separated
  LWV_EMBED_HOSTS       portals that may frame the viewer, space-separated";

/// Options of `cargo xtask demo`.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub port: u16,
    /// Also start the sample host portal that embeds the viewer.
    pub embed: bool,
}

/// Options of `cargo xtask test`.
#[derive(Debug, Clone, Default)]
pub struct TestOptions {
    pub skip_e2e: bool,
    /// Only the site build and the end-to-end tier.
    pub e2e_only: bool,
    /// Only the Playwright spec files matching this filter.
    pub spec: Option<String>,
}

/// Options of `cargo xtask build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub public_url: String,
    /// Extra `connect-src` sources, space-separated.
    pub connect_src: Option<String>,
    /// Portals that may frame the viewer, space-separated origins.
    pub embed_hosts: Option<String>,
}

/// Options of `cargo xtask csp`.
#[derive(Debug, Clone, Default)]
pub struct CspOptions {
    /// The `index.html` to complete; Trunk's staging copy when absent.
    pub file: Option<PathBuf>,
    /// Extra `connect-src` sources, space-separated.
    pub connect_src: Option<String>,
    /// Portals that may frame the viewer, space-separated origins.
    pub embed_hosts: Option<String>,
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

/// The port `demo` and `serve` listen on unless `--port` says otherwise.
const DEFAULT_PORT: u16 = 8080;

/// Parses the arguments after `cargo xtask`.
pub fn parse(args: Vec<OsString>) -> Result<Command> {
    let mut args = args.into_iter();
    let Some(command) = args.next() else {
        return Ok(Command::Help);
    };
    let command = command.to_string_lossy().into_owned();
    let rest = Arguments::from_vec(args.collect());
    match command.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "setup" => no_more(rest).map(|()| Command::Setup),
        "demo" => parse_demo(rest).map(Command::Demo),
        "test" => parse_test(rest).map(Command::Test),
        "build" => parse_build(rest).map(Command::Build),
        "serve" => parse_serve(rest).map(Command::Serve),
        "bench" => parse_bench(rest).map(Command::Bench),
        "csp" => parse_csp(rest).map(Command::Csp),
        other => bail!("unknown command `{other}`"),
    }
}

fn parse_demo(mut args: Arguments) -> Result<DemoOptions> {
    let port = port(&mut args)?.unwrap_or(DEFAULT_PORT);
    let embed = switch(&mut args, "--embed");
    no_more(args)?;
    Ok(DemoOptions { port, embed })
}

fn parse_test(mut args: Arguments) -> Result<TestOptions> {
    let skip_e2e = switch(&mut args, "--skip-e2e");
    let e2e_only = switch(&mut args, "--e2e-only");
    let spec = value(&mut args, "--spec")?;
    no_more(args)?;
    Ok(TestOptions {
        skip_e2e,
        e2e_only,
        spec,
    })
}

fn parse_bench(mut args: Arguments) -> Result<BenchOptions> {
    let smoke = switch(&mut args, "--smoke");
    no_more(args)?;
    Ok(BenchOptions { smoke })
}

fn parse_build(mut args: Arguments) -> Result<BuildOptions> {
    let public_url = value(&mut args, "--public-url")?;
    let connect_src = value(&mut args, "--connect-src")?;
    let embed_hosts = value(&mut args, "--embed-hosts")?;
    no_more(args)?;
    Ok(BuildOptions {
        public_url: normalize_base(public_url.as_deref().unwrap_or("/")),
        connect_src,
        embed_hosts,
    })
}

fn parse_csp(mut args: Arguments) -> Result<CspOptions> {
    let connect_src = value(&mut args, "--connect-src")?;
    let embed_hosts = value(&mut args, "--embed-hosts")?;
    let file = last_free(args)?;
    Ok(CspOptions {
        file,
        connect_src,
        embed_hosts,
    })
}

fn parse_serve(mut args: Arguments) -> Result<ServeOptions> {
    let port = port(&mut args)?.unwrap_or(DEFAULT_PORT);
    let base = value(&mut args, "--base")?;
    let config_json = value(&mut args, "--config-json")?;
    let dir = last_free(args)?.context("serve needs the directory to serve, e.g. `dist`")?;
    Ok(ServeOptions {
        dir,
        port,
        base: normalize_base(base.as_deref().unwrap_or("/")),
        config_json,
    })
}

/// Whether the switch `flag` was given (any number of times).
fn switch(args: &mut Arguments, flag: &'static str) -> bool {
    let mut given = false;
    while args.contains(flag) {
        given = true;
    }
    given
}

/// The last value of `flag VALUE`, if given.
fn value(args: &mut Arguments, flag: &'static str) -> Result<Option<String>> {
    let values: Vec<String> = args.values_from_str(flag).map_err(explain)?;
    Ok(values.into_iter().last())
}

/// The last `--port N`, if given.
fn port(args: &mut Arguments) -> Result<Option<u16>> {
    let ports = args
        .values_from_fn("--port", port_number)
        .map_err(explain)?;
    Ok(ports.into_iter().last())
}

fn port_number(value: &str) -> Result<u16> {
    value
        .parse()
        .map_err(|_| anyhow!("--port needs a number from 0 to 65535, not `{value}`"))
}

/// `Err` naming the first argument no flag took.
fn no_more(args: Arguments) -> Result<()> {
    match args.finish().first() {
        None => Ok(()),
        Some(arg) => bail!("unexpected argument `{}`", arg.to_string_lossy()),
    }
}

/// The last argument no flag took (a FILE or DIR); `Err` for an unknown flag.
fn last_free(args: Arguments) -> Result<Option<PathBuf>> {
    let mut last = None;
    for arg in args.finish() {
        let text = arg.to_string_lossy();
        if text.starts_with("--") {
            bail!("unknown flag `{text}`");
        }
        last = Some(PathBuf::from(arg));
    }
    Ok(last)
}

/// pico-args' errors in this parser's words: `--flag needs a value`, or the
/// message of the value's own parser.
fn explain(err: pico_args::Error) -> anyhow::Error {
    match err {
        pico_args::Error::OptionWithoutAValue(flag) => anyhow!("{flag} needs a value"),
        pico_args::Error::Utf8ArgumentParsingFailed { cause, .. } => anyhow!(cause),
        other => anyhow!(other),
    }
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

    fn parse_words(words: &str) -> Result<Command> {
        parse(words.split_whitespace().map(OsString::from).collect())
    }

    /// The options of a `Command::$variant` the words must parse to.
    macro_rules! parsed_as {
        ($variant:ident, $words:expr) => {
            match parse_words($words) {
                Ok(Command::$variant(options)) => options,
                other => panic!("`{}` gave {other:?}", $words),
            }
        };
    }

    /// The one-line message a bad invocation gives.
    fn error_of(words: &str) -> String {
        match parse_words(words) {
            Ok(command) => panic!("`{words}` parsed as {command:?}"),
            Err(err) => format!("{err:#}"),
        }
    }

    #[test]
    fn no_command_and_help_words_are_help() {
        for words in ["", "help", "-h", "--help"] {
            assert!(matches!(parse_words(words), Ok(Command::Help)), "{words}");
        }
    }

    #[test]
    fn setup_takes_no_arguments() {
        assert!(matches!(parse_words("setup"), Ok(Command::Setup)));
        assert_eq!(error_of("setup --force"), "unexpected argument `--force`");
    }

    #[test]
    fn demo_reads_port_with_a_default() {
        let options = parsed_as!(Demo, "demo");
        assert_eq!(options.port, 8080);
        assert!(!options.embed);
        let options = parsed_as!(Demo, "demo --port 9000 --embed");
        assert_eq!(options.port, 9000);
        assert!(options.embed);
    }

    #[test]
    fn test_reads_skip_e2e() {
        assert!(matches!(
            parse_words("test"),
            Ok(Command::Test(TestOptions {
                skip_e2e: false,
                e2e_only: false,
                spec: None
            }))
        ));
        assert!(matches!(
            parse_words("test --skip-e2e"),
            Ok(Command::Test(TestOptions { skip_e2e: true, .. }))
        ));
        let options = parsed_as!(Test, "test --e2e-only --spec screen-loads");
        assert!(options.e2e_only);
        assert_eq!(options.spec.as_deref(), Some("screen-loads"));
        assert_eq!(error_of("test --fast"), "unexpected argument `--fast`");
    }

    #[test]
    fn serve_reads_dir_port_and_base() {
        let options = parsed_as!(Serve, "serve dist --port 9000 --base sub/app");
        assert_eq!(options.dir, PathBuf::from("dist"));
        assert_eq!(options.port, 9000);
        assert_eq!(options.base, "/sub/app/");
        assert_eq!(options.config_json, None);
    }

    #[test]
    fn serve_defaults_and_config_json() {
        let options = parsed_as!(Serve, "serve --config-json {} site");
        assert_eq!(options.dir, PathBuf::from("site"));
        assert_eq!((options.port, options.base.as_str()), (8080, "/"));
        assert_eq!(options.config_json.as_deref(), Some("{}"));
        assert_eq!(error_of("serve dist --bogus"), "unknown flag `--bogus`");
    }

    #[test]
    fn build_reads_public_url() {
        let options = parsed_as!(Build, "build --public-url lifecycle");
        assert_eq!(options.public_url, "/lifecycle/");
        assert_eq!(options.connect_src, None);
    }

    #[test]
    fn build_reads_connect_src_with_defaults() {
        let options = parsed_as!(Build, "build --connect-src https://proxy");
        assert_eq!(options.public_url, "/");
        assert_eq!(options.connect_src.as_deref(), Some("https://proxy"));
        assert_eq!(options.embed_hosts, None);
        let options = parsed_as!(Build, "build --embed-hosts https://portal");
        assert_eq!(options.embed_hosts.as_deref(), Some("https://portal"));
        assert_eq!(error_of("build dist"), "unexpected argument `dist`");
    }

    #[test]
    fn csp_reads_connect_src_and_file() {
        let options = parsed_as!(Csp, "csp");
        assert_eq!((options.file, options.connect_src), (None, None));
        let options = parsed_as!(Csp, "csp --connect-src https://p dist/index.html");
        assert_eq!(options.file, Some(PathBuf::from("dist/index.html")));
        assert_eq!(options.connect_src.as_deref(), Some("https://p"));
        let options = parsed_as!(Csp, "csp --embed-hosts https://portal dist/index.html");
        assert_eq!(options.embed_hosts.as_deref(), Some("https://portal"));
        assert_eq!(error_of("csp --bogus"), "unknown flag `--bogus`");
    }

    #[test]
    fn a_repeated_flag_keeps_its_last_value() {
        let options = parsed_as!(Build, "build --public-url a --public-url b");
        assert_eq!(options.public_url, "/b/");
        assert!(matches!(
            parse_words("bench --smoke --smoke"),
            Ok(Command::Bench(BenchOptions { smoke: true }))
        ));
    }

    #[test]
    fn bench_reads_smoke() {
        let options = parsed_as!(Bench, "bench --smoke");
        assert!(options.smoke);
        assert!(matches!(
            parse_words("bench"),
            Ok(Command::Bench(BenchOptions { smoke: false }))
        ));
        assert!(parse_words("bench --fast").is_err());
    }

    #[test]
    fn a_missing_value_is_named() {
        assert_eq!(error_of("build --public-url"), "--public-url needs a value");
        assert_eq!(error_of("csp --connect-src"), "--connect-src needs a value");
        assert_eq!(error_of("serve dist --base"), "--base needs a value");
        assert_eq!(error_of("demo --port"), "--port needs a value");
    }

    #[test]
    fn serve_without_dir_is_an_error() {
        assert_eq!(
            error_of("serve --port 1"),
            "serve needs the directory to serve, e.g. `dist`"
        );
    }

    #[test]
    fn bad_port_is_an_error() {
        assert_eq!(
            error_of("demo --port lots"),
            "--port needs a number from 0 to 65535, not `lots`"
        );
        assert!(parse_words("demo --port 70000").is_err());
    }

    #[test]
    fn unknown_command_is_an_error() {
        assert_eq!(error_of("deploy"), "unknown command `deploy`");
    }

    #[test]
    fn base_is_normalized() {
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/a/b"), "/a/b/");
        assert_eq!(normalize_base("a/"), "/a/");
    }
}
