//! `make real`: runs every example in real time, as a learner does with `cargo run`, and
//! checks each run against its golden like the tests do on the paused clock.
//!
//! Usage: `realtime [NAME...]`, where NAME is an example or a golden (`async_queue.3_workers`);
//! no NAME means every golden. The examples must be built first (`cargo build --bins`).
//! Timing-sensitive by nature, so it is a tool to run by hand, not a test.

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use golden::{Clock, Golden, check, golden_dir, goldens_of};

const LIMIT: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    let names: Vec<String> = env::args().skip(1).collect();
    if names.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "Usage: realtime [NAME...]\n\nRuns each example in real time and checks it against its goldens."
        );
        println!(
            "NAME is an example or a golden; none means all. Build first: cargo build --bins."
        );
        return ExitCode::SUCCESS;
    }
    match run(&names) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("realtime: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(names: &[String]) -> Result<bool, String> {
    let goldens_dir = golden_dir(Path::new(env!("CARGO_MANIFEST_DIR")))?;
    let root = goldens_dir
        .parent()
        .expect("golden/ has a parent")
        .to_owned();
    let target = env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let goldens = select(&goldens_dir, names)?;
    println!(
        "running {} goldens in real time, side by side...",
        goldens.len()
    );
    let runs: Vec<_> = goldens
        .into_iter()
        .map(|golden| {
            let program = target.join("debug").join(&golden.example);
            thread::spawn(move || {
                let start = Instant::now();
                let result = check(&golden, &program, Clock::Real, LIMIT);
                (golden, start.elapsed(), result)
            })
        })
        .collect();
    let mut failed = 0;
    for run in runs {
        let (golden, took, result) = run.join().map_err(|_| "a checker thread panicked")?;
        let (name, took) = (&golden.name, took.as_secs_f64());
        match result {
            Ok(_) => println!("ok    {name} ({took:.1} s)"),
            Err(failure) if !golden.realtime_stable => {
                let first = failure
                    .message
                    .lines()
                    .find(|l| l.contains("difference"))
                    .unwrap_or("");
                println!(
                    "~     {name} ({took:.1} s): {first} (expected: its golden says realtime: unstable)"
                );
            }
            Err(failure) => {
                failed += 1;
                println!("FAIL  {name} ({took:.1} s)\n{failure}\n");
            }
        }
    }
    println!("{failed} failed");
    Ok(failed == 0)
}

/// The goldens NAMES ask for: every golden of an example, or one golden by its name.
fn select(goldens_dir: &Path, names: &[String]) -> Result<Vec<Golden>, String> {
    let mut examples: Vec<String> = names
        .iter()
        .map(|n| n.split('.').next().unwrap_or(n).to_owned())
        .collect();
    if examples.is_empty() {
        let entries = std::fs::read_dir(goldens_dir).map_err(|e| e.to_string())?;
        examples = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .strip_suffix(".out")
                    .map(|s| s.split('.').next().unwrap_or(s).to_owned())
            })
            // The examples, not the exercises: an exercise's starting code fails on purpose.
            .filter(|name| goldens_dir.with_file_name("examples").join(name).is_dir())
            .collect();
    }
    examples.sort();
    examples.dedup();
    let mut goldens = Vec::new();
    for example in examples {
        goldens.extend(goldens_of(&example, goldens_dir)?);
    }
    goldens.retain(|g| names.is_empty() || names.iter().any(|n| *n == g.name || *n == g.example));
    if goldens.is_empty() {
        return Err(format!("no golden named {}", names.join(" ")));
    }
    Ok(goldens)
}
