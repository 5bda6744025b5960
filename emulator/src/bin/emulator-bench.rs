//! Benchmark (not a test): starts the emulator at `--scale large` on a
//! loopback port and times 999-row pages of the 100,000-user run over HTTP
//! with keep-alive. Run: `cargo run --release -p graph-emulator --bin emulator-bench`.

use std::time::{Duration, Instant};

use axum::serve::ListenerExt;
use graph_emulator::access_token::DEFAULT_SCOPES;
use graph_emulator::dataset::Scale;
use graph_emulator::{router, App, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// One GET on a kept-alive connection; returns the body.
async fn get(conn: &mut TcpStream, host: &str, path: &str, token: &str) -> Vec<u8> {
    let req =
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\r\n");
    conn.write_all(req.as_bytes()).await.expect("write");
    let mut buf = Vec::with_capacity(1 << 20);
    let mut chunk = vec![0u8; 1 << 16];
    let (head_end, len) = loop {
        let n = conn.read(&mut chunk).await.expect("read");
        assert!(n > 0, "connection closed");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..i]).to_ascii_lowercase();
            assert!(head.starts_with("http/1.1 200"), "{head}");
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .expect("content-length");
            break (i + 4, len);
        }
    };
    while buf.len() < head_end + len {
        let n = conn.read(&mut chunk).await.expect("read");
        assert!(n > 0, "connection closed");
        buf.extend_from_slice(&chunk[..n]);
    }
    buf[head_end..head_end + len].to_vec()
}

/// CPU seconds (user + system) this process has used so far.
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 of /proc/self/stat (utime, stime), 100 ticks a second.
    (ticks(11) + ticks(12)) / 100.0
}

fn stats(mut d: Vec<Duration>) -> (f64, f64, f64) {
    d.sort();
    let ms = |x: Duration| x.as_secs_f64() * 1000.0;
    (ms(d[0]), ms(d[d.len() / 2]), ms(d[d.len() * 95 / 100]))
}

/// Single-threaded on purpose: client and server share one thread, so the
/// figure is the emulator's serving cost, not the scheduler's on a busy box.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let t0 = Instant::now();
    let app = App::new(Config {
        seed: 42,
        scale: Scale::Large,
        ..Config::default()
    })
    .expect("app");
    let startup = t0.elapsed();
    let (wf, run) = {
        let ds = app.read();
        let mut best = (String::new(), String::new(), 0);
        for w in &ds.workflows {
            for r in &w.runs {
                if r.users.len() > best.2 {
                    best = (w.id.to_string(), r.id.to_string(), r.users.len());
                }
            }
        }
        (best.0, best.1)
    };
    let token = app.demo_token(DEFAULT_SCOPES, 3600);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(
            listener.tap_io(|tcp| {
                let _ = tcp.set_nodelay(true);
            }),
            router(app),
        )
        .await;
    });
    let host = addr.to_string();
    let mut conn = TcpStream::connect(addr).await.expect("connect");
    conn.set_nodelay(true).expect("nodelay");
    let first = format!("/v1.0/identityGovernance/lifecycleWorkflows/workflows/{wf}/runs/{run}/userProcessingResults?$top=999");
    // Collect the page URLs by walking the nextLinks once.
    let mut pages = vec![first.clone()];
    let mut next = Some(first);
    while let Some(p) = next {
        let body = get(&mut conn, &host, &p, &token).await;
        let v: serde_json::Value = serde_json::from_slice(&body).expect("json");
        next = v["@odata.nextLink"]
            .as_str()
            .map(|s| s.trim_start_matches(&format!("http://{host}")).to_string());
        if let Some(n) = &next {
            pages.push(n.clone());
        }
    }
    let mut times = Vec::new();
    let mut bytes = 0;
    let cpu0 = cpu_secs();
    for round in 0..3 {
        for p in &pages {
            let t = Instant::now();
            let body = get(&mut conn, &host, p, &token).await;
            let e = t.elapsed();
            if round > 0 {
                times.push(e);
                bytes = bytes.max(body.len());
            }
        }
    }
    let cpu_per_page = (cpu_secs() - cpu0) * 1000.0 / (pages.len() * 3) as f64;
    let (min, median, p95) = stats(times.clone());
    let filtered = format!(
        "/v1.0/identityGovernance/lifecycleWorkflows/workflows/{wf}/runs/{run}/userProcessingResults?$top=999&$filter=processingStatus%20eq%20'failed'&$orderby=startedDateTime%20desc"
    );
    let mut ftimes = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        get(&mut conn, &host, &filtered, &token).await;
        ftimes.push(t.elapsed());
    }
    let (fmin, fmed, fp95) = stats(ftimes);
    println!("graph-emulator benchmark (--scale large, seed 42)");
    println!(
        "  start-up (dataset generation): {:.0} ms",
        startup.as_secs_f64() * 1000.0
    );
    println!(
        "  resident memory after start-up: {:.0} MiB",
        rss_mib().unwrap_or(f64::NAN)
    );
    println!(
        "  999-row page of user results over HTTP ({} pages x 2 rounds, {} KiB a full page): min {min:.2} ms, median {median:.2} ms, p95 {p95:.2} ms",
        pages.len(),
        bytes / 1024
    );
    println!("  CPU time (client + server) per 999-row page: {cpu_per_page:.2} ms");
    println!("  999-row page with $filter + $orderby over 100,000 rows (50 requests): min {fmin:.2} ms, median {fmed:.2} ms, p95 {fp95:.2} ms");
}
