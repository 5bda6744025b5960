//! Starting the pieces a browser needs: the built site, graph-emulator and the
//! static server, each on a loopback port, stopped when their guards drop.

use crate::process::{run_step, ChildGuard};
use crate::tools;
use anyhow::{bail, Context, Result};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

/// Which cargo profile graph-emulator is built with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Debug,
    Release,
}

/// Builds the release site for a local stack (tests, demo, bench): like
/// [`build_site_allowing`], with graph-emulator's loopback origins allowed
/// in the Content-Security-Policy's `connect-src`.
pub fn build_site(public_url: &str, dist: &str) -> Result<()> {
    build_site_allowing(public_url, dist, crate::csp::LOOPBACK_SOURCES)
}

/// Builds the release site with Trunk, offline, for hosting under
/// `public_url`, into `dist` (relative to the repository root); `connect_src`
/// (space-separated) is added to the policy's `connect-src` by Trunk's
/// post-build hook (`cargo xtask csp`).
pub fn build_site_allowing(public_url: &str, dist: &str, connect_src: &str) -> Result<()> {
    let mut command = trunk_build(public_url, dist);
    command.env(crate::csp::CONNECT_SRC_ENV, connect_src);
    println!("[build] {}", crate::process::describe(&command));
    run_step("step `trunk build`", &mut command)
}

/// The `trunk build --release --offline` command line, for a local stack
/// (graph-emulator's loopback origins allowed in `connect-src`).
pub fn trunk_build(public_url: &str, dist: &str) -> Command {
    let mut command = Command::new(tools::cargo_root().join("bin").join("trunk"));
    command
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            public_url,
        ])
        .args(["--dist", dist])
        .env(crate::csp::CONNECT_SRC_ENV, crate::csp::LOOPBACK_SOURCES)
        .env("PATH", tools::path_with_tools())
        .current_dir(tools::repo_root());
    command
}

/// Builds graph-emulator and returns the path of its binary.
pub fn build_emulator(profile: Profile) -> Result<PathBuf> {
    let mut command = tools::cargo_command();
    command
        .args([
            "build",
            "--package",
            "graph-emulator",
            "--bin",
            "graph-emulator",
        ])
        .current_dir(tools::repo_root());
    if profile == Profile::Release {
        command.arg("--release");
    }
    println!("[build] graph-emulator");
    run_step("step `build graph-emulator`", &mut command)?;
    let folder = if profile == Profile::Release {
        "release"
    } else {
        "debug"
    };
    Ok(target_dir().join(folder).join("graph-emulator"))
}

/// The viewer's wasm as cargo built it for the release site (before
/// wasm-bindgen and wasm-opt; it keeps the `name` section).
pub fn named_wasm() -> PathBuf {
    target_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("lifecycle-viewer.wasm")
}

/// Cargo's target folder (`$CARGO_TARGET_DIR`, else `target/`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tools::repo_root().join("target"))
}

/// The sample host portal (`cargo xtask demo --embed`, the embedding specs):
/// plain HTML and one script, served like a site from this folder.
pub const PORTAL_DIR: &str = "examples/embed-portal";

/// A running emulator and static site (plus any extra copies of the site,
/// and the sample host portal when embedded).
pub struct Stack {
    pub emulator_url: String,
    pub site_url: String,
    /// The sample portal's URL, on its own origin (embedded stacks only).
    pub portal_url: Option<String>,
    /// The portal origins every served site lists in `embed.hosts`.
    embed_hosts: Vec<String>,
    emulator: ChildGuard,
    sites: Vec<ChildGuard>,
}

impl Stack {
    /// Starts graph-emulator (`--seed`, `--scale`) and serves `dist/` with a
    /// `config.json` that points the viewer at it.
    pub fn start(emulator_bin: &Path, scale: &str, site_port: u16) -> Result<Self> {
        Self::start_with_site(
            emulator_bin,
            scale,
            site_port,
            &tools::repo_root().join("dist"),
        )
    }

    /// Like [`Stack::start`], serving the built site in `dist` instead.
    pub fn start_with_site(
        emulator_bin: &Path,
        scale: &str,
        site_port: u16,
        dist: &Path,
    ) -> Result<Self> {
        let emulated = Emulated { scale, extra: &[] };
        Self::start_listing(emulator_bin, &emulated, site_port, dist, Vec::new())
    }

    /// Like [`Stack::start_with_site`] on any free ports, with more
    /// graph-emulator options (`--results N`, `--workflows N`).
    pub fn start_sized(
        emulator_bin: &Path,
        scale: &str,
        emulator_args: &[String],
        dist: &Path,
    ) -> Result<Self> {
        Self::start_listing(
            emulator_bin,
            &Emulated {
                scale,
                extra: emulator_args,
            },
            0,
            dist,
            Vec::new(),
        )
    }

    /// Like [`Stack::start`], plus the sample host portal on a second origin
    /// (`portal_port`, or any free port) that the site lists in `embed.hosts`.
    pub fn start_embedded(
        emulator_bin: &Path,
        scale: &str,
        site_port: u16,
        portal_port: u16,
    ) -> Result<Self> {
        let portal_port = usable_port(portal_port)?;
        let hosts = vec![format!("http://127.0.0.1:{portal_port}")];
        let dist = tools::repo_root().join("dist");
        let emulated = Emulated { scale, extra: &[] };
        let mut stack = Self::start_listing(emulator_bin, &emulated, site_port, &dist, hosts)?;
        stack.serve_portal(portal_port)?;
        Ok(stack)
    }

    fn start_listing(
        emulator_bin: &Path,
        emulated: &Emulated,
        site_port: u16,
        dist: &Path,
        embed_hosts: Vec<String>,
    ) -> Result<Self> {
        let emulator_port = free_port()?;
        let emulator_url = format!("http://127.0.0.1:{emulator_port}");
        let mut emulator = ChildGuard::spawn(
            "graph-emulator",
            Command::new(emulator_bin)
                .arg("--listen")
                .arg(format!("127.0.0.1:{emulator_port}"))
                .args(["--seed", "42", "--scale", emulated.scale])
                .args(emulated.extra),
        )?;
        wait_for_port(emulator_port, &mut emulator, Duration::from_secs(60))?;
        let mut stack = Self {
            emulator_url,
            site_url: String::new(),
            portal_url: None,
            embed_hosts,
            emulator,
            sites: Vec::new(),
        };
        stack.site_url = stack.serve_site(dist, "/", site_port)?;
        Ok(stack)
    }

    /// Serves a built site folder under `base` with a `config.json` that
    /// points at the emulator; returns its URL.
    pub fn serve_site(&mut self, dist: &Path, base: &str, port: u16) -> Result<String> {
        let port = usable_port(port)?;
        let mut config = site_config(&self.emulator_url);
        if !self.embed_hosts.is_empty() {
            config["embed"] = serde_json::json!({ "hosts": self.embed_hosts });
        }
        self.serve_folder("static server", dist, base, port, &config)?;
        Ok(format!("http://127.0.0.1:{port}{base}"))
    }

    /// Serves a plain folder (no site of ours) with the stack's
    /// `config.json`, by the same static server as the site; returns its URL.
    pub fn serve_plain(&mut self, dir: &Path) -> Result<String> {
        let port = free_port()?;
        let config = site_config(&self.emulator_url);
        self.serve_folder("static server", dir, "/", port, &config)?;
        Ok(format!("http://127.0.0.1:{port}/"))
    }

    /// graph-emulator's process id (the bench reads its memory).
    pub fn emulator_pid(&self) -> u32 {
        self.emulator.id()
    }

    /// Serves the sample portal with its `config.json`: where the viewer is
    /// and where the portal's own sign-in gets a token (graph-emulator's).
    fn serve_portal(&mut self, port: u16) -> Result<()> {
        let config = serde_json::json!({
            "viewerUrl": self.site_url,
            "tokenUrl": format!("{}/_emulator/token", self.emulator_url),
            "graphEndpoint": self.emulator_url,
        });
        let dir = tools::repo_root().join(PORTAL_DIR);
        self.serve_folder("sample portal", &dir, "/", port, &config)?;
        self.portal_url = Some(format!("http://127.0.0.1:{port}/"));
        Ok(())
    }

    fn serve_folder(
        &mut self,
        name: &str,
        dir: &Path,
        base: &str,
        port: u16,
        config: &serde_json::Value,
    ) -> Result<()> {
        let exe = std::env::current_exe().context("cannot find xtask itself")?;
        let mut site = ChildGuard::spawn(
            name,
            Command::new(exe)
                .arg("serve")
                .arg(dir)
                .args(["--port", &port.to_string(), "--base", base])
                .args(["--config-json", &config.to_string()]),
        )?;
        wait_for_port(port, &mut site, Duration::from_secs(20))?;
        self.sites.push(site);
        Ok(())
    }

    /// `Err` naming whichever process has stopped.
    pub fn check_running(&mut self) -> Result<()> {
        self.emulator.check_running()?;
        self.sites
            .iter_mut()
            .try_for_each(ChildGuard::check_running)
    }
}

/// What graph-emulator is started with besides its port and seed.
struct Emulated<'a> {
    scale: &'a str,
    extra: &'a [String],
}

/// graph-emulator's demo app registration (`emulator/src/identity/clients.rs`).
pub const DEMO_CLIENT_ID: &str = "5f1c3b0a-7d29-4c4e-9a51-3b2f8e6d1c70";

/// The `config.json` of a local stack: Graph and "Sign in with Microsoft"
/// at graph-emulator, plus its demo token URL.
pub fn site_config(emulator_url: &str) -> serde_json::Value {
    serde_json::json!({
        "graphEndpoint": emulator_url,
        "apiVersion": "v1.0",
        "demoTokenUrl": format!("{emulator_url}/_emulator/token"),
        "signIn": {
            "clientId": DEMO_CLIENT_ID,
            "tenant": "organizations",
            "authority": emulator_url,
        },
    })
}

/// A loopback port nobody is listening on right now.
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free loopback port")?;
    listener
        .local_addr()
        .map(|address| address.port())
        .context("cannot read a free port")
}

/// `port` when it is free, else any free port (0 means any).
fn usable_port(port: u16) -> Result<u16> {
    if port == 0 || port_taken(port) {
        free_port()
    } else {
        Ok(port)
    }
}

fn port_taken(port: u16) -> bool {
    TcpListener::bind(("127.0.0.1", port)).is_err()
}

fn wait_for_port(port: u16, child: &mut ChildGuard, limit: Duration) -> Result<()> {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let started = Instant::now();
    while started.elapsed() < limit {
        child.check_running()?;
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        thread::sleep(Duration::from_millis(100));
    }
    bail!("nothing answered on {address} within {} s", limit.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_config_signs_in_at_the_emulator() {
        let config = site_config("http://127.0.0.1:9");
        assert_eq!(config["signIn"]["authority"], "http://127.0.0.1:9");
        assert_eq!(config["signIn"]["clientId"], DEMO_CLIENT_ID);
        assert_eq!(config["demoTokenUrl"], "http://127.0.0.1:9/_emulator/token");
    }
}
