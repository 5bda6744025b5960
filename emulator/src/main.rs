//! The `graph-emulator` binary: parse flags, build the tenant, serve.

use std::io::Write;

use axum::serve::ListenerExt;
use graph_emulator::{access_token::DEFAULT_SCOPES, cli, faults::parse_rules, router, App, Config};

#[tokio::main]
async fn main() {
    let cli = match cli::parse(std::env::args().skip(1)) {
        Ok(cli::Invocation::Serve(c)) => c,
        Ok(cli::Invocation::Help) => {
            println!("{}", cli::USAGE);
            return;
        }
        Err(msg) => {
            eprintln!("{msg}\n{}", cli::USAGE);
            std::process::exit(2);
        }
    };
    let faults = match &cli.faults {
        None => Vec::new(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| parse_rules(&t))
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("--faults {path}: {e}");
                std::process::exit(2);
            }
        },
    };
    let started = std::time::Instant::now();
    let app = match App::new(Config {
        seed: cli.seed,
        scale: cli.scale,
        sizes: cli.sizes,
        faults,
        ..Config::default()
    }) {
        Ok(a) => a,
        Err(e) => {
            match &cli.faults {
                Some(path) => eprintln!("--faults {path}: {e}"),
                None => eprintln!("{e}"),
            }
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(cli.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", cli.listen);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().unwrap_or(cli.listen);
    let token = app.demo_token(DEFAULT_SCOPES, 24 * 3600);
    // A closed stdout (e.g. a parent that read the first line) must not
    // stop the server, so write errors are ignored rather than panicking.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "graph-emulator listening on http://{addr} (seed {}, scale {:?}{}, ready in {} ms)",
        cli.seed,
        cli.scale,
        cli::describe_sizes(&cli.sizes),
        started.elapsed().as_millis()
    );
    let _ = writeln!(out, "Graph base URL: http://{addr}/v1.0  (also /beta)");
    let _ = writeln!(out, "demo access token (24 h): {token}");
    let _ = writeln!(
        out,
        "sign-in (OAuth 2.0 + PKCE): http://{addr}/organizations/oauth2/v2.0/authorize, client id {}",
        graph_emulator::identity::clients::DEMO_CLIENT_ID
    );
    let _ = out.flush();
    drop(out);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(
        listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        }),
        router(app),
    )
    .with_graceful_shutdown(shutdown)
    .await
    {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
