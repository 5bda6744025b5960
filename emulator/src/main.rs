//! The `graph-emulator` binary: parse flags, build the tenant, serve.

use axum::serve::ListenerExt;
use graph_emulator::{
    cli, router, routes::emulator::parse_rules, token::DEFAULT_SCOPES, App, Config,
};

#[tokio::main]
async fn main() {
    let cli = match cli::parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
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
        faults,
        ..Config::default()
    }) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
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
    println!(
        "graph-emulator listening on http://{addr} (seed {}, scale {:?}, ready in {} ms)",
        cli.seed,
        cli.scale,
        started.elapsed().as_millis()
    );
    println!("Graph base URL: http://{addr}/v1.0  (also /beta)");
    println!("demo access token (24 h): {token}");
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
