//! ex_subprocess_timeout: the lines relayed first, with no bound, and the timeout put on the child.wait() after them.
//! verdict: fail
//! diagnosis: wrong_time
//! The relay reads to the end of the pipe, which comes only when the program ends: `sleep
//! 10` keeps it for 10 s before the timeout even starts. The grade stops it after 3 s, with
//! nothing printed.

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

    let mut lines = BufReader::new(stdout).split(b'\n');
    while let Some(line) = lines.next_segment().await? {
        let line = String::from_utf8_lossy(&line); // bytes, as Python's decode(errors="replace")
        println!("{}: {}", command[0], line.trim_end());
    }
    // Don't wait for the program's end longer than `seconds`.
    match timeout(Duration::from_secs_f64(seconds), child.wait()).await {
        Ok(status) => {
            println!("exit code {}", returncode(status?));
            Ok(0)
        }
        Err(_) => {
            child.start_kill()?;
            let status = child.wait().await?;
            let signal = status.signal().unwrap_or(0);
            println!("timed out after {seconds:?} s: killed by signal {signal}");
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
