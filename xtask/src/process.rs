//! Running child processes: streamed output, captured text, and guards that
//! stop background servers when xtask exits.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;

/// What a finished command printed and how it ended.
pub struct Finished {
    pub success: bool,
    pub output: String,
}

/// Runs `command`, streaming its stdout and stderr to ours while keeping a copy.
pub fn run_streamed(command: &mut Command) -> Result<Finished> {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", describe(command)))?;
    let (sender, receiver) = mpsc::channel::<String>();
    let readers = [
        spawn_line_reader(child.stdout.take(), sender.clone(), false),
        spawn_line_reader(child.stderr.take(), sender, true),
    ];
    let mut output = String::new();
    for line in receiver {
        output.push_str(&line);
        output.push('\n');
    }
    for reader in readers.into_iter().flatten() {
        let _ = reader.join();
    }
    let status = child
        .wait()
        .with_context(|| format!("waiting for {} failed", describe(command)))?;
    Ok(Finished {
        success: status.success(),
        output,
    })
}

fn spawn_line_reader(
    stream: Option<impl Read + Send + 'static>,
    sender: mpsc::Sender<String>,
    to_stderr: bool,
) -> Option<thread::JoinHandle<()>> {
    let stream = stream?;
    Some(thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if to_stderr {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
            if sender.send(line).is_err() {
                break;
            }
        }
    }))
}

/// Runs `command` with inherited output; `Err` names the step if it fails.
pub fn run_step(step: &str, command: &mut Command) -> Result<()> {
    let status: ExitStatus = command
        .stdin(Stdio::null())
        .status()
        .with_context(|| format!("{step}: cannot start {}", describe(command)))?;
    if !status.success() {
        bail!("{step} failed ({})", describe(command));
    }
    Ok(())
}

/// Runs `command` quietly and returns its trimmed stdout, or `None` if it
/// cannot start or fails.
pub fn output_of(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// A short human description of a command line.
pub fn describe(command: &Command) -> String {
    let mut words = vec![command.get_program().to_string_lossy().into_owned()];
    words.extend(
        command
            .get_args()
            .map(|arg| arg.to_string_lossy().into_owned()),
    );
    words.join(" ")
}

/// A background process that is killed when the guard is dropped.
pub struct ChildGuard {
    name: String,
    child: Child,
}

impl ChildGuard {
    pub fn spawn(name: &str, command: &mut Command) -> Result<Self> {
        let child = command
            .stdin(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {name} ({})", describe(command)))?;
        Ok(Self {
            name: name.to_string(),
            child,
        })
    }

    /// The process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// `Err` if the process has already exited.
    pub fn check_running(&mut self) -> Result<()> {
        let exited = self
            .child
            .try_wait()
            .with_context(|| format!("cannot check {}", self.name))?;
        match exited {
            None => Ok(()),
            Some(status) => bail!("{} exited early ({status})", self.name),
        }
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
