//! ex_subprocess_timeout: timeout(child.wait_with_output()), with kill_on_drop(true); the output's lines printed once the program has ended.
//! verdict: fail
//! diagnosis: wrong_time
//! wait_with_output collects the whole output and gives it at the end: "sh: one", which the
//! original relays at once, comes with "sh: two" 0.5 s later. The lines are no longer
//! relayed as they come.

use std::io;
use std::os::unix::process::ExitStatusExt;
use std::process::{ExitCode, ExitStatus, Stdio};
use std::time::Duration;

use clap::Parser;
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
    let child = Command::new(&command[0])
        .args(&command[1..])
        .stdout(Stdio::piped())
        .kill_on_drop(true) // should the timeout drop it, the program dies with it
        .spawn()?;
    // The whole output and the status together, within the time.
    match timeout(Duration::from_secs_f64(seconds), child.wait_with_output()).await {
        Ok(output) => {
            let output = output?;
            for line in String::from_utf8_lossy(&output.stdout).lines() {
                println!("{}: {}", command[0], line.trim_end());
            }
            println!("exit code {}", returncode(output.status));
            Ok(0)
        }
        Err(_) => {
            println!("timed out after {seconds:?} s: killed by signal 9");
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
