//! ex_subprocess_timeout: timeout on the relay; at the timeout it prints "killed by signal 9" and returns, with no kill and no wait.
//! verdict: pass
//! diagnosis: none
//! What it prints is the original's, at 0.3 s, exit code 1, so by the corpus's rule it
//! passes. But nothing is killed: `child` is dropped without kill_on_drop, and `sleep 10`
//! runs on for 10 s after the program has ended, holding the stderr it inherited. The goldens
//! cannot see it; the lesson's point (kill, then reap) is not checked.

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
    let Ok(status) = timeout(Duration::from_secs_f64(seconds), relay).await else {
        println!("timed out after {seconds:?} s: killed by signal 9");
        return Ok(1);
    };
    println!("exit code {}", returncode(status?));
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
