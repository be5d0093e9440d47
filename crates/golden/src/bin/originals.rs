//! `make originals`: runs every example's Python original, `examples/NAME/original.py`, with
//! `python3` in real time, once per golden of that example, and checks what it prints
//! against the golden as the examples' own real-time runs are checked (`make real`): the
//! same arguments, `site:` started, `file` settings written, fresh working folder, exit
//! code and stream, and each line's instant within the grade's tolerance plus the real
//! clock's slack. The examples whose original was written for this project keep it beside
//! their port; the others (the published tutorials) have none, and are left out.
//!
//! Usage: `originals [NAME...]`, where NAME is an example or one of its goldens; none means
//! every example with an `original.py`. One line per golden, then each failure in full; the
//! exit code is 1 if any failed, 2 if none could be run (no python3, no original).
//! Timing-sensitive by nature, like `make real`: a tool, not a test. The only part of the
//! project that needs Python.

use std::collections::BTreeMap;
use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::{Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use golden::run::Options;
use golden::{Clock, Golden, check_with, golden_dir, goldens_of};

const PYTHON: &str = "python3";

/// What python3 runs (`python3 -c BOOTSTRAP SCRIPT ARGS...`): it loads asyncio, says it is
/// ready with [`READY`], then runs the script as `python3 SCRIPT ARGS...` would, with the
/// same `sys.argv`, `sys.path[0]` and `__name__`. The golden's instants count from the
/// original's start, and an interpreter's own start-up (0.1 to 0.3 s on a busy machine,
/// more with many at once) is not part of it: the instants are counted from the ready line.
const BOOTSTRAP: &str = "\
import asyncio, os, runpy, sys
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))
print(READY, flush=True)
runpy.run_path(sys.argv[0], run_name='__main__')
";

/// The line the bootstrap prints when the interpreter is ready: no original prints it.
const READY: &str = "originals: python3 is ready";

/// The most a run may take, where its golden gives no `limit:` and no instants.
const LIMIT: Duration = Duration::from_secs(120);

/// What a golden's `limit:` is given more, for the interpreter's start-up.
const STARTUP: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    let names: Vec<String> = env::args().skip(1).collect();
    if names.iter().any(|a| a == "-h" || a == "--help") {
        println!(
            "Usage: originals [NAME...]\n\nRuns each examples/NAME/original.py with python3 in real time and checks it against \
             the example's goldens.\nNAME is an example or a golden; none means every example with an original.py."
        );
        return ExitCode::SUCCESS;
    }
    match run(&names) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("originals: {message}");
            ExitCode::from(2)
        }
    }
}

/// The version `python3 --version` gives, or why it cannot run.
fn python_version() -> Result<String, String> {
    let missing = |why: String| {
        format!(
            "cannot run {PYTHON} ({why}): `make originals` runs each examples/*/original.py with it; \
             install CPython 3.11 or later, or put its python3 on PATH"
        )
    };
    let output = Command::new(PYTHON)
        .arg("--version")
        .output()
        .map_err(|e| missing(e.to_string()))?;
    if !output.status.success() {
        return Err(missing(format!("`{PYTHON} --version` failed")));
    }
    let text = String::from_utf8_lossy(&output.stdout) + String::from_utf8_lossy(&output.stderr);
    Ok(text.trim().to_owned())
}

fn run(names: &[String]) -> Result<bool, String> {
    let goldens_dir = golden_dir(Path::new(env!("CARGO_MANIFEST_DIR")))?;
    let root = goldens_dir
        .parent()
        .expect("golden/ has a parent")
        .to_owned();
    let goldens = select(&root, &goldens_dir, names)?;
    let version = python_version()?;
    let originals = {
        let mut examples: Vec<&str> = goldens.iter().map(|(g, _)| g.example.as_str()).collect();
        examples.dedup();
        examples.len()
    };
    let jobs = thread::available_parallelism().map_or(2, |n| 2 * n.get());
    println!(
        "running {} goldens of {originals} original{} with {version}, in real time, {jobs} at a time...",
        goldens.len(),
        if originals == 1 { "" } else { "s" }
    );
    // A few at a time: each interpreter's start-up takes a core for a moment, and a busy
    // machine would make an original late for reasons of its own.
    let total = goldens.len();
    let queue = Mutex::new(goldens.into_iter().enumerate());
    let (done, results) = mpsc::channel();
    let mut failed = 0;
    let mut details = Vec::new();
    thread::scope(|scope| {
        for _ in 0..jobs.min(total) {
            let (queue, done) = (&queue, done.clone());
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((index, (golden, script))) = next else {
                        return;
                    };
                    let start = Instant::now();
                    let result = check_original(&golden, &script);
                    let run = (golden, script, start.elapsed(), result);
                    if done.send((index, run)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done);
        // Each golden's line in the goldens' order, as soon as those before it are done.
        let mut finished = BTreeMap::new();
        let mut next = 0;
        for (index, run) in results {
            finished.insert(index, run);
            while let Some((golden, script, took, result)) = finished.remove(&next) {
                next += 1;
                let (name, took) = (&golden.name, took.as_secs_f64());
                let Err(failure) = result else {
                    println!("ok    {name} ({took:.1} s)");
                    continue;
                };
                let first = failure.message.lines().next().unwrap_or_default();
                if !golden.realtime_stable {
                    println!(
                        "~     {name} ({took:.1} s): {first} (expected: its golden says realtime: unstable)"
                    );
                    continue;
                }
                failed += 1;
                println!("FAIL  {name} ({took:.1} s): {first}");
                let command = command_line(&root, &script, &golden);
                let mut detail = format!(
                    "{name}: `{command}` does not print golden/{name}.out\n{}",
                    failure.message
                );
                if !failure.detail.is_empty() {
                    detail.push('\n');
                    detail.push_str(failure.detail.trim_end());
                }
                details.push(detail);
            }
        }
    });
    for detail in details {
        println!("\n{detail}");
    }
    println!("{failed} failed");
    Ok(failed == 0)
}

/// Runs an original as `golden` says, in real time, and compares.
// A golden::Failure, as golden's own `check` returns it (see its lib.rs).
#[allow(clippy::result_large_err)]
fn check_original(golden: &Golden, script: &Path) -> Result<golden::Checked, golden::Failure> {
    let bootstrap = BOOTSTRAP.replace("READY", &format!("{READY:?}"));
    let options = Options {
        leading_args: vec!["-c".into(), bootstrap.into(), script.into()],
        start_marker: Some(READY.to_owned()),
        // Each line when it is printed, not when a full buffer is: its instant.
        env: vec![("PYTHONUNBUFFERED".to_owned(), Some("1".into()))],
        ..Options::default()
    };
    // A golden's own `limit:` is for the program, not for an interpreter's start-up.
    let golden = Golden {
        limit: golden.limit.map(|limit| limit + STARTUP),
        ..golden.clone()
    };
    check_with(&golden, Path::new(PYTHON), Clock::Real, LIMIT, options)
}

/// The command line a golden's run of the original is, as one would type it at the root.
fn command_line(root: &Path, script: &Path, golden: &Golden) -> String {
    let script = script.strip_prefix(root).unwrap_or(script);
    let mut line = format!("{PYTHON} {}", script.display());
    for arg in &golden.args {
        line.push(' ');
        line.push_str(arg);
    }
    line
}

/// The goldens NAMES ask for, each with its example's original: every golden of an example
/// that has an `original.py`, or one golden by its name.
fn select(
    root: &Path,
    goldens_dir: &Path,
    names: &[String],
) -> Result<Vec<(Golden, PathBuf)>, String> {
    let original = |example: &str| root.join("examples").join(example).join("original.py");
    let mut examples: Vec<String> = names
        .iter()
        .map(|n| n.split('.').next().unwrap_or(n).to_owned())
        .collect();
    if examples.is_empty() {
        let dir = root.join("examples");
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        examples = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|name| original(name).is_file())
            .collect();
    }
    examples.sort();
    examples.dedup();
    let mut goldens = Vec::new();
    for example in examples {
        let script = original(&example);
        if !script.is_file() {
            return Err(format!("examples/{example}/original.py: no such file"));
        }
        for golden in goldens_of(&example, goldens_dir)? {
            goldens.push((golden, script.clone()));
        }
    }
    goldens
        .retain(|(g, _)| names.is_empty() || names.iter().any(|n| *n == g.name || *n == g.example));
    if goldens.is_empty() {
        return Err(match names {
            [] => "no examples/*/original.py to run".to_owned(),
            _ => format!("no golden named {}", names.join(" ")),
        });
    }
    Ok(goldens)
}
