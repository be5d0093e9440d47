//! Golden transcripts: the proof that an example prints what its Python original printed.
//!
//! Each example has one or more files `golden/NAME.out` (format: [`file`]), written from the
//! Python original's published output. An example's test, `tests/golden.rs`, is one line:
//!
//! ```ignore
//! #[test]
//! fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
//!     golden::check_example!()
//! }
//! ```
//!
//! It runs the example's binary once for each of its goldens, on tokio's paused clock,
//! compares what it printed with the golden (same lines, same order, timing figures within
//! tolerance), and fails with the first difference, in words. When every golden agrees, it
//! snapshots each exact transcript with insta, so that any change of output is reviewed.
//!
//! An exercise's test is [`grade_exercise!`]: the same comparison, no snapshot, and a
//! program that agrees in real time is never failed for what only the paused clock shows.

mod advice;
pub mod compare;
pub mod file;
pub mod pattern;
pub mod run;

use std::path::Path;
use std::time::Duration;

pub use compare::{Difference, compare, compare_blocks};
pub use file::{Golden, Stream, golden_dir, goldens_of};
pub use pattern::{LineMatch, Marker, Pattern, tolerance};
pub use run::{Clock, Output, run};

#[doc(hidden)]
pub use insta;

/// How long one run may take before it counts as hung, unless its golden sets `limit:`.
pub const PAUSED_LIMIT: Duration = Duration::from_secs(60);

/// A paused-clock run that takes this much wall time waits in real time somewhere: a plain
/// `std::thread::sleep`, or work the paused clock cannot see. (A paused run of any example
/// takes milliseconds.)
pub const REAL_WAIT: Duration = Duration::from_secs(1);

/// What a run printed, checked against its golden.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The golden's name, e.g. `async_queue.3_workers`: the snapshot's name.
    pub name: String,
    /// The command line, for the snapshot's description.
    pub command: String,
    /// The transcript with its free spans blanked out: the snapshot's content.
    pub transcript: String,
}

/// One run checked, with what it showed about the clock.
struct Attempt {
    result: Result<Checked, String>,
    /// Why the paused clock cannot stand for real time for this program, if it showed why.
    waits_in_real_time: Option<String>,
}

/// Runs `program` as `golden` says and compares. The run is on `clock`, unless the golden
/// asks for the real clock. The error is the whole message for a learner: what ran, which
/// golden, what differs and where, and where it can, why in asyncio terms.
pub fn check(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
) -> Result<Checked, String> {
    attempt(golden, program, clock, limit, false).result
}

/// One run of `golden`'s case, checked; with `early_stop`, a run whose stdout goes wrong
/// is stopped there rather than waited out.
fn attempt(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
    early_stop: bool,
) -> Attempt {
    let clock = if golden.clock == Clock::Real {
        Clock::Real
    } else {
        clock
    };
    let clock_words = match clock {
        Clock::Paused => {
            "tokio's paused clock (sleeps take no real time; the times it prints are what \
             they would be in real time)"
        }
        Clock::Real => "real time, as `cargo run` runs it",
    };
    let heading = format!(
        "{}: what it prints does not agree with the Python original.\n  run:    {}\n  golden: golden/{}.out\n  clock:  {clock_words}",
        golden.name,
        golden.command(),
        golden.name
    );
    let limit = golden.limit.unwrap_or(limit);
    let stop = early_stop.then(|| stop_when_wrong(golden)).flatten();
    let (output, file) = match run_case(golden, program, clock, limit, stop) {
        Ok(done) => done,
        Err(e) => {
            return Attempt {
                result: Err(format!("{heading}\n{e}")),
                waits_in_real_time: None,
            };
        }
    };
    let waits_in_real_time = match clock {
        Clock::Paused if !output.notes.trim().is_empty() => Some(output.notes.trim().to_owned()),
        Clock::Paused if output.wall >= REAL_WAIT && !output.timed_out => Some(format!(
            "on the paused clock it took {:.1} s of real time, where sleeps take none, so it \
             waits in real time (a std::thread::sleep, or work the paused clock cannot see)",
            output.wall.as_secs_f64()
        )),
        _ => None,
    };
    let result = judge(golden, &output, &file, clock, limit).map_err(|e| format!("{heading}\n{e}"));
    Attempt {
        result,
        waits_in_real_time,
    }
}

/// The verdict on one finished run.
fn judge(
    golden: &Golden,
    output: &Output,
    file: &str,
    clock: Clock,
    limit: Duration,
) -> Result<Checked, String> {
    // One stream a golden: a run that prints to both has a golden for each.
    let printed = match &golden.stream {
        Stream::Stdout => &output.stdout,
        Stream::Stderr => &output.stderr,
        Stream::File(_) => file,
    };
    if output.timed_out {
        return Err(advice::hung(golden, printed, limit));
    }
    // A run stopped as soon as it went wrong has no exit code; what it printed says why.
    if output.code != Some(golden.exit) && !output.stopped_early {
        let ended = match output.code {
            Some(code) => format!("exited with code {code}"),
            None => "was killed by a signal".to_owned(),
        };
        return Err(format!(
            "it {ended}, expected exit code {}; the end of its stderr:\n{}{}",
            golden.exit,
            tail(&output.stderr, 8),
            advice::panicked(&output.stderr)
        ));
    }
    match compare_blocks(
        &golden.lines,
        &golden.any_order,
        clock == Clock::Paused,
        printed,
    ) {
        Ok(transcript) => Ok(Checked {
            name: golden.name.clone(),
            command: golden.command(),
            transcript,
        }),
        Err(difference) => {
            let quiet = golden.stream == Stream::Stderr || output.stderr.trim().is_empty();
            let mut why =
                advice::advise(golden, printed, &difference, !output.stopped_early, quiet)
                    .map(|why| format!("\n{why}"))
                    .unwrap_or_default();
            if output.stopped_early {
                why.push_str("\n(The run was stopped there, at its first difference.)");
            }
            Err(format!(
                "{difference}{why}\n\n{}",
                side_by_side(golden, printed, difference.line())
            ))
        }
    }
}

/// Runs one case in a fresh working folder, with the local site if the golden asks for it.
/// Returns its output and the text of the file the golden checks (empty for stdout/stderr).
fn run_case(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
    stop: Option<run::Stop>,
) -> Result<(Output, String), String> {
    let site = start_site(golden)?;
    let fill = |text: &str| match &site {
        Some((_running, address)) => text.replace("{{site}}", address),
        None => text.to_owned(),
    };
    let dir = run::scratch_folder().map_err(|e| format!("cannot make a working folder: {e}"))?;
    for (name, content) in &golden.files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot make the folder for {name}: {e}"))?;
        }
        std::fs::write(&path, fill(content))
            .map_err(|e| format!("cannot write {name} for the run: {e}"))?;
    }
    let args: Vec<String> = golden.args.iter().map(|arg| fill(arg)).collect();
    let output = run::run_until(program, &args, dir.path(), clock, limit, stop)?;
    let file = match &golden.stream {
        Stream::File(name) => match std::fs::read_to_string(dir.path().join(name)) {
            Ok(text) => text,
            Err(_) if output.timed_out => String::new(),
            Err(e) => return Err(format!("the program left no readable {name}: {e}")),
        },
        _ => String::new(),
    };
    Ok((output, file))
}

/// The local site a golden asks for (`site: N`), running until the value is dropped, with
/// its address.
#[cfg(feature = "site")]
fn start_site(golden: &Golden) -> Result<Option<(site::SiteHandle, String)>, String> {
    let Some(pages) = golden.site else {
        return Ok(None);
    };
    let running = site::try_spawn(site::Site::new(pages))
        .map_err(|e| format!("cannot start the local site: {e}"))?;
    let address = running.base_url();
    Ok(Some((running, address)))
}

/// Without the `site` feature, a golden that asks for the site cannot run.
#[cfg(not(feature = "site"))]
fn start_site(golden: &Golden) -> Result<Option<((), String)>, String> {
    match golden.site {
        None => Ok(None),
        Some(_) => Err(format!(
            "golden/{}.out starts the local site (`site:`): its crate's dev-dependency needs \
             `golden = {{ workspace = true, features = [\"site\"] }}`",
            golden.name
        )),
    }
}

/// For a golden of stdout lines in a fixed order: says whether the complete lines printed
/// so far already disagree with it.
fn stop_when_wrong(golden: &Golden) -> Option<run::Stop> {
    if golden.stream != Stream::Stdout || !golden.any_order.is_empty() {
        return None;
    }
    let patterns = golden.lines.clone();
    Some(Box::new(move |printed: &str| {
        let complete = printed.rfind('\n').map_or("", |end| &printed[..end]);
        complete.lines().enumerate().any(|(i, line)| {
            patterns
                .get(i)
                .is_none_or(|pattern| pattern.compare(line) != LineMatch::Same)
        })
    }))
}

/// Why an example failed its grade: every disagreement, in words. Its `Debug` is the same
/// text, because that is what the test runner prints for a test that returns `Err`.
pub struct Disagreement(pub String);

impl std::fmt::Debug for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Disagreement {}

/// Checks every golden of `example` on the paused clock: every difference found, or what
/// to snapshot. This is what [`check_example!`] calls.
pub fn grade(
    example: &str,
    program: &str,
    manifest_dir: &str,
) -> Result<Vec<Checked>, Disagreement> {
    let program = Path::new(program);
    grade_each(example, manifest_dir, |golden| {
        check(golden, program, Clock::Paused, PAUSED_LIMIT)
    })
}

/// Grades a learner's program for the exercise `exercise`: like [`grade`], but a program
/// is never failed for what only the paused clock shows. Where a golden disagrees on the
/// paused clock, the program runs again in real time, as `cargo run` runs it; if it agrees
/// there, it passes, and a note on the terminal says so. (tokio's `sleep(Duration::ZERO)`
/// yields only in real time, and the paused clock cannot see long CPU work, or a blocking
/// sleep where vclock cannot take it over.) This is what [`grade_exercise!`] calls.
pub fn grade_exercise(
    exercise: &str,
    program: &str,
    manifest_dir: &str,
) -> Result<Vec<Checked>, Disagreement> {
    let program = Path::new(program);
    grade_each(exercise, manifest_dir, |golden| {
        let paused = attempt(golden, program, Clock::Paused, PAUSED_LIMIT, false);
        let Err(paused_message) = paused.result else {
            return paused.result;
        };
        // A golden whose real-time order hangs on microseconds is graded on the paused
        // clock alone.
        if golden.clock == Clock::Real || !golden.realtime_stable {
            return Err(paused_message);
        }
        let real = attempt(golden, program, Clock::Real, PAUSED_LIMIT, true);
        match (real.result, paused.waits_in_real_time) {
            (Ok(checked), why) => {
                let why = why.map(|w| format!(": {w}")).unwrap_or_default();
                note(&format!(
                    "note: {} agrees with the Python original in real time, as `cargo run` \
                     runs it, though not on tokio's paused clock, where the grade ran it \
                     first{why}. It passes.",
                    golden.name
                ));
                Ok(checked)
            }
            (Err(real_message), Some(why)) => {
                Err(format!("{real_message}\n(Graded in real time: {why}.)"))
            }
            (Err(_), None) => Err(format!(
                "{paused_message}\n(In real time too, as `cargo run` runs it, it disagrees with the golden.)"
            )),
        }
    })
}

/// Says something on the terminal from inside a test: `cargo test` captures what a passing
/// test prints with `eprintln!`, but not what is written to stderr directly.
fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Checks every golden of `name` with `check_one`, side by side (each case is a process of
/// its own), and reports them in order.
fn grade_each(
    name: &str,
    manifest_dir: &str,
    check_one: impl Fn(&Golden) -> Result<Checked, String> + Sync,
) -> Result<Vec<Checked>, Disagreement> {
    let goldens = golden_dir(Path::new(manifest_dir))
        .and_then(|dir| goldens_of(name, &dir))
        .map_err(Disagreement)?;
    let results: Vec<Result<Checked, String>> = std::thread::scope(|scope| {
        let runs: Vec<_> = goldens
            .iter()
            .map(|golden| scope.spawn(|| check_one(golden)))
            .collect();
        runs.into_iter()
            .map(|run| {
                run.join()
                    .unwrap_or_else(|_| Err("the checker panicked".to_owned()))
            })
            .collect()
    });
    let mut checked = Vec::new();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(ok) => checked.push(ok),
            Err(message) => failures.push(message),
        }
    }
    if failures.is_empty() {
        return Ok(checked);
    }
    Err(Disagreement(format!(
        "\n{}\n\n{} of {} golden transcripts of {name} disagree.\n",
        failures.join("\n\n"),
        failures.len(),
        goldens.len()
    )))
}

/// The body of every example's test: grade it, then snapshot each transcript. The test
/// returns `Result<(), golden::Disagreement>`.
#[macro_export]
macro_rules! check_example {
    () => {{
        let checked = $crate::grade(
            env!("CARGO_PKG_NAME"),
            env!(concat!("CARGO_BIN_EXE_", env!("CARGO_PKG_NAME"))),
            env!("CARGO_MANIFEST_DIR"),
        )?;
        for checked in checked {
            $crate::insta::with_settings!({
                description => checked.command.as_str(),
                omit_expression => true,
            }, {
                $crate::insta::assert_snapshot!(checked.name.as_str(), checked.transcript);
            });
        }
        Ok(())
    }};
}

/// The body of every exercise's test: grade the learner's program against the exercise's
/// goldens (the transcripts of its solution example). No snapshot: any program that prints
/// what the Python original printed passes, however it is written.
#[macro_export]
macro_rules! grade_exercise {
    () => {{
        $crate::grade_exercise(
            env!("CARGO_PKG_NAME"),
            env!(concat!("CARGO_BIN_EXE_", env!("CARGO_PKG_NAME"))),
            env!("CARGO_MANIFEST_DIR"),
        )?;
        Ok(())
    }};
}

/// A few lines of golden and output around output line `line` (1-based), side by side:
/// the golden's lines by their number in its file, in words; the program's by their
/// number in its output.
fn side_by_side(golden: &Golden, printed: &str, line: usize) -> String {
    let printed: Vec<&str> = printed.lines().collect();
    let first = line.saturating_sub(4).max(1);
    let last = (line + 2).min(golden.lines.len().max(printed.len()));
    const WIDTH: usize = 46;
    let cell = |text: &str| {
        if text.chars().count() > WIDTH {
            let cut: String = text.chars().take(WIDTH - 1).collect();
            format!("{cut}…")
        } else {
            format!("{text:WIDTH$}")
        }
    };
    let mut table = format!(
        "     {} | the program's output\n",
        cell(&format!("golden/{}.out", golden.name))
    );
    for number in first..=last {
        let expected = match golden.lines.get(number - 1) {
            Some(pattern) => format!("{:>3} {}", pattern.line(), pattern.describe()),
            None => "    (nothing)".to_owned(),
        };
        let got = match printed.get(number - 1) {
            Some(text) => format!("{number:>3} {text}"),
            None => "    (nothing)".to_owned(),
        };
        let mark = if number == line { '>' } else { ' ' };
        table.push_str(&format!("  {mark}  {} | {got}\n", cell(&expected)));
    }
    table
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    let start = all.len().saturating_sub(lines);
    if all.is_empty() {
        return "  (empty)".to_owned();
    }
    all[start..]
        .iter()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
