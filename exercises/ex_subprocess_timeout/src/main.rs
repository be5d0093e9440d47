//! Exercise `ex_subprocess_timeout`: never wait for a program forever.
//!
//! The program of `subprocess`: it runs a program, relays each line of its output as it
//! comes, and reports its exit code. It reads `--timeout` (seconds, 2 by default) and then
//! forgets it, so `--timeout 0.3 sleep 10` waits the whole 10 s. Bound the wait, as
//! `asyncio.wait_for` does: once `--timeout` seconds have passed, kill the program, reap
//! it, and report `timed out after 0.3 s: killed by signal 9` with exit code 1. Every other
//! run prints what it printed before.
//!
//! Grade: `cargo test -p ex_subprocess_timeout` passes when this program prints what the
//! Python original printed (golden/subprocess*.out); the timed-out run may take 3 s at most.
//! Hint: `cargo run -p learn -- hint ex_subprocess_timeout`.

// ANCHOR: main
use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{ExitCode, ExitStatus, Stdio};

use clap::Parser;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

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
    // TODO: don't wait longer than `seconds` for the program. It is parsed, then dropped
    // right here, and a program that never ends is awaited for ever. Once the time is up,
    // kill the program, wait for it (so that no zombie is left), print
    // "timed out after {seconds:?} s: killed by signal N" and return Ok(1).
    let _ = seconds;
    let status = relay.await?;
    println!("exit code {}", returncode(status));
    Ok(0)
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
