//! The built `graph-emulator` binary: `--faults FILE` loads rules at start,
//! and a bad file is refused with a message and a non-zero exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_graph-emulator");

/// Kills the child when the test ends, pass or fail.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn raw_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer
}

#[test]
fn faults_file_rules_apply_from_the_first_request() {
    let dir = std::env::temp_dir().join(format!("emulator-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("faults.json");
    std::fs::write(
        &file,
        r#"[{"path": "/v1.0/users/*", "status": 429, "retry_after": 3, "times": 1}]"#,
    )
    .expect("write");
    let child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--seed", "7", "--faults"])
        .arg(&file)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start graph-emulator");
    let mut running = Running(child);
    let stdout = running.0.stdout.take().expect("stdout");
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .expect("a line")
        .expect("utf-8");
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("listening address")
        .to_string();
    let answer = raw_get(&addr, "/v1.0/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387");
    assert!(answer.starts_with("HTTP/1.1 429"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("retry-after: 3"),
        "{answer}"
    );
    let rules = raw_get(&addr, "/_emulator/faults");
    assert!(rules.contains("\"status\":429"), "{rules}");
    // `times: 1`: the next request is not faulted (401: no token).
    let again = raw_get(&addr, "/v1.0/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387");
    assert!(again.starts_with("HTTP/1.1 401"), "{again}");
}

#[test]
fn a_bad_faults_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("emulator-bad-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("faults.json");
    std::fs::write(&file, r#"[{"status": 1000}]"#).expect("write");
    let out = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--faults"])
        .arg(&file)
        .output()
        .expect("run graph-emulator");
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("--faults"), "{message}");
}
