//! Port of examples/subprocess/original.py (this project's own original).
//!
//! Lesson: a child process is awaited like anything else, and a timeout bounds that wait.
//! `asyncio.create_subprocess_exec(..., stdout=PIPE)` is `tokio::process::Command` with
//! `stdout(Stdio::piped())`; `async for line in proc.stdout` is a loop on `next_line()`;
//! `await proc.wait()` is `child.wait().await`; `asyncio.wait_for(coro, t)` is
//! `tokio::time::timeout(t, future)`, which gives `Err(Elapsed)` once time is up.
//!
//! Where they differ: what happens to the child when nobody waits for it any more. Neither
//! asyncio nor tokio kills it by itself: a timeout only stops the waiting, and the program
//! keeps running, so both kill it by hand (`proc.kill()`, `child.start_kill()`, SIGKILL) and
//! then wait for it, which reaps it (no zombie is left). tokio can also kill it when the
//! `Child` is dropped, with `kill_on_drop(true)`; asyncio has nothing like it. A program that
//! cannot be started is an error from `spawn`, as `create_subprocess_exec` raises
//! `FileNotFoundError`: one line on stderr and exit code 1.
//!
//! Usage: `cargo run -p subprocess -- [--timeout SECONDS] [PROGRAM [ARG ...]]`, e.g.
//! `-- --timeout 0.3 sleep 10`. Without a program it runs a short shell script.

// ANCHOR: main
use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{ExitCode, ExitStatus, Stdio};
use std::time::Duration;

use clap::Parser;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;
use tokio::time::timeout;

const DEMO: [&str; 3] = ["sh", "-c", "echo one; sleep 0.5; echo two"];

#[derive(Parser)]
struct Args {
    /// Seconds to wait for the program before killing it.
    #[arg(long, default_value_t = 2.0, value_parser = seconds)]
    timeout: f64,
    /// The program and its arguments (by default, a shell script that takes 0.5 s).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    command: Vec<String>,
}

/// A number of seconds that Duration can hold: no NaN, nothing negative or infinite.
fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s >= 0.0 => Ok(s),
        _ => Err(format!("{text:?} is not a number of seconds")),
    }
}

/// Runs `command`; the exit code: 0 when it ended in time, 1 when it was killed.
async fn run(command: &[String], seconds: f64) -> io::Result<u8> {
    let mut child = Command::new(&command[0])
        .args(&command[1..])
        .stdout(Stdio::piped())
        .kill_on_drop(true) // should this function return early, the child dies with `child`
        .spawn()?;
    let stdout = child.stdout.take().expect("stdout is piped");

    let relay = async {
        let mut lines = BufReader::new(stdout).split(b'\n');
        while let Some(line) = lines.next_segment().await? {
            let line = String::from_utf8_lossy(&line); // bytes, as Python's decode(errors="replace")
            println!("{}: {}", command[0], line.trim_end());
        }
        child.wait().await
    };
    match timeout(Duration::from_secs_f64(seconds), relay).await {
        Ok(status) => {
            println!("exit code {}", returncode(status?));
            Ok(0)
        }
        Err(_elapsed) => {
            child.start_kill()?; // SIGKILL, as proc.kill()
            let code = returncode(child.wait().await?); // reap it: no zombie left
            println!("timed out after {seconds:?} s: killed by signal {}", -code);
            Ok(1)
        }
    }
}

/// Python's returncode: the exit code, or minus the signal that ended the program.
fn returncode(status: ExitStatus) -> i32 {
    status.code().or(status.signal().map(|s| -s)).unwrap_or(0)
}

#[vclock::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let command = if args.command.is_empty() {
        DEMO.map(String::from).to_vec()
    } else {
        args.command
    };
    match run(&command, args.timeout).await {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: cannot run {}: {e}", command[0]);
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main
