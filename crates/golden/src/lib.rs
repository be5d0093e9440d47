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

// A Failure (about 200 bytes) is built once per failing golden, never in a loop: boxing it
// would only make the API clumsier for learn and bookgen.
#![allow(clippy::result_large_err)]

mod advice;
pub mod compare;
#[cfg(feature = "faults")]
pub mod faults;
pub mod file;
pub mod pattern;
pub mod run;
mod verdict;

use std::path::Path;
use std::time::Duration;

pub use advice::{Advice, Diagnosis};
pub use compare::{Difference, check_instants, compare, compare_blocks};
pub use file::{Golden, Stream, golden_dir, goldens_of, is_golden_of};
pub use pattern::{LineMatch, Marker, Pattern, tolerance};
pub use run::{Clock, Note, Output, Stopped, run};
pub use verdict::{Disagreement, Failure, Kind};

#[doc(hidden)]
pub use insta;

/// How long one run may take before it counts as hung, unless its golden sets `limit:`.
pub const PAUSED_LIMIT: Duration = Duration::from_secs(60);

/// A paused-clock run that takes this much wall time waits in real time somewhere: a plain
/// `std::thread::sleep`, or work the paused clock cannot see. (A paused run of any example
/// takes milliseconds.)
pub const REAL_WAIT: Duration = Duration::from_secs(1);

/// How long an exercise's paused runtime may sit idle, in real time, before the run is
/// stopped: with the clock paused, an idle runtime jumps to its next timer at once, so one
/// that stays idle waits for a thread, or for something that never comes.
const IDLE: f64 = 1.0;

/// How late, then how early, a thread's blocking sleeps end in the two real-time runs that
/// look for a race, in milliseconds: well above the scheduling noise of a loaded machine,
/// well below the gaps between the lessons' events.
const SHIFT_MS: i64 = 50;

/// How far an instant may be from the original's in real time, beyond [`tolerance`]: a
/// process's start, and the scheduling of a loaded machine.
const REAL_SLACK: f64 = 0.2;

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

/// The virtual instant after which a paused run counts as running far past its golden: far
/// enough that waits run one after another end before it (they are judged as such).
fn deadline(golden: &Golden) -> Option<f64> {
    golden.last_instant().map(|last| 10.0 * last + 30.0)
}

/// The most wall time a run on `clock` may take.
fn wall_limit(golden: &Golden, clock: Clock, limit: Duration) -> Duration {
    if let Some(limit) = golden.limit {
        return limit;
    }
    match (clock, golden.last_instant()) {
        (Clock::Real, Some(last)) => Duration::from_secs_f64(1.5 * last + 3.0).min(limit),
        _ => limit,
    }
}

/// Runs `program` as `golden` says and compares. The run is on `clock`, unless the golden
/// asks for the real clock.
pub fn check(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
) -> Result<Checked, Failure> {
    check_with(golden, program, clock, limit, run::Options::default())
}

/// [`check`], with the run's `options` (its paused-clock deadline, where they give none, is
/// the golden's). `make originals` runs `python3` with the original's script as the leading
/// argument and `PYTHONUNBUFFERED=1` in the environment, in real time.
pub fn check_with(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
    options: run::Options,
) -> Result<Checked, Failure> {
    let clock = if golden.clock == Clock::Real {
        Clock::Real
    } else {
        clock
    };
    let options = run::Options {
        deadline: options.deadline.or_else(|| deadline(golden)),
        ..options
    };
    let (output, file) = run_case(
        golden,
        program,
        clock,
        wall_limit(golden, clock, limit),
        None,
        options,
    )
    .map_err(|e| Failure::setup(golden, clock, e))?;
    judge(golden, &output, &file, clock)
}

/// The verdict on one finished run.
fn judge(golden: &Golden, output: &Output, file: &str, clock: Clock) -> Result<Checked, Failure> {
    // One stream a golden: a run that prints to both has a golden for each.
    let printed = match &golden.stream {
        Stream::Stdout => &output.stdout,
        Stream::Stderr => &output.stderr,
        Stream::File(_) => file,
    };
    if output.timed_out || output.stopped.is_some() {
        let why = match &output.stopped {
            Some(stopped) => format!("on the paused clock it was stopped: {}", stopped.why),
            None => format!(
                "it did not finish within {} s of wall time",
                pattern::seconds(wall_limit(golden, clock, PAUSED_LIMIT).as_secs_f64())
            ),
        };
        let (message, detail) = advice::hung(golden, printed, &why);
        let mut failure = Failure::new(golden, clock, Kind::Hang, message);
        failure.detail = detail;
        // A run that ignores its `--timeout` hangs for that reason.
        failure.advice = output
            .timed_out
            .then(|| advice::timeout_ignored(golden))
            .flatten()
            .or_else(|| Some(advice::never_ends()));
        return Err(failure);
    }
    // A run stopped as soon as it went wrong has no exit code; what it printed says why.
    if output.code != Some(golden.exit) && !output.stopped_early {
        let ended = match output.code {
            Some(code) => format!("exited with code {code}"),
            None => "was killed by a signal".to_owned(),
        };
        let mut failure = Failure::new(
            golden,
            clock,
            Kind::ExitCode,
            format!(
                "it {ended}, expected exit code {}; the end of its stderr:\n{}",
                golden.exit,
                tail(&output.stderr, 8),
            ),
        );
        failure.expected = format!("exit code {}", golden.exit);
        failure.got = ended;
        failure.advice = advice::panicked(&output.stderr);
        return Err(failure);
    }
    let exact = clock == Clock::Paused;
    let compared =
        compare_blocks(&golden.lines, &golden.any_order, exact, printed).and_then(|transcript| {
            if golden.stream != Stream::Stdout {
                return Ok(transcript);
            }
            let slack = if exact { 0.0 } else { REAL_SLACK };
            check_instants(
                &golden.lines,
                &golden.any_order,
                printed,
                &output.instants,
                |at| tolerance(at) + slack,
            )
            .map(|()| transcript)
        });
    match compared {
        Ok(transcript) => Ok(Checked {
            name: golden.name.clone(),
            command: golden.command(),
            transcript,
        }),
        Err(difference) => {
            let quiet = golden.stream == Stream::Stderr || output.stderr.trim().is_empty();
            let instants = (golden.stream == Stream::Stdout).then_some(&output.instants[..]);
            let advice = advice::advise(
                golden,
                printed,
                instants,
                &difference,
                !output.stopped_early,
                quiet,
                output.alive_at_end,
            );
            let mut detail = String::new();
            if output.stopped_early {
                detail.push_str("(The run was stopped there, at its first difference.)\n");
            }
            detail.push('\n');
            detail.push_str(&side_by_side(golden, printed, difference.line()));
            Err(Failure::differs(golden, clock, &difference, advice, detail))
        }
    }
}

/// Checks every golden of `example` on the paused clock: every difference found, or what
/// to snapshot. This is what [`check_example!`] calls.
pub fn grade(
    example: &str,
    program: &str,
    manifest_dir: &str,
) -> Result<Vec<Checked>, Disagreement> {
    let program = Path::new(program);
    let goldens = golden_dir(Path::new(manifest_dir))
        .and_then(|dir| goldens_of(example, &dir))
        .map_err(|e| Disagreement::setup(example, e))?;
    grade_each(example, &goldens, |golden| {
        check(golden, program, Clock::Paused, PAUSED_LIMIT)
    })
}

/// The goldens an exercise is graded by: its solution's, as `exercises/info.toml` names it,
/// but for those of `--help`, whose text is the solution's own command line.
pub fn exercise_goldens(exercise: &str, golden_dir: &Path) -> Result<Vec<Golden>, String> {
    let info = golden_dir
        .parent()
        .map(|root| root.join("exercises").join("info.toml"))
        .ok_or("no workspace above the golden folder")?;
    let text = std::fs::read_to_string(&info)
        .map_err(|e| format!("cannot read {}: {e}", info.display()))?;
    let track: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: {e}", info.display()))?;
    let solution = track
        .get("exercise")
        .and_then(|list| list.as_array())
        .into_iter()
        .flatten()
        .find(|entry| entry.get("name").and_then(|n| n.as_str()) == Some(exercise))
        .and_then(|entry| entry.get("solution")?.as_str())
        .ok_or_else(|| {
            format!(
                "{} has no exercise {exercise:?} with a solution",
                info.display()
            )
        })?;
    let goldens = goldens_of(solution, golden_dir)?;
    Ok(goldens
        .into_iter()
        .filter(|golden| !golden.args.iter().any(|arg| arg == "--help"))
        .collect())
}

/// Grades a learner's program for the exercise `exercise`: its solution's goldens (see
/// [`exercise_goldens`]), each on the paused clock first. What the paused clock cannot stand
/// for (a blocking sleep on another thread, a `std::thread::sleep`, long CPU work, a runtime
/// left waiting) is graded in real time, as `cargo run` runs it, and a program whose
/// blocking threads race the runtime's timers fails, naming the lines that move. A program
/// is never failed for what only the paused clock shows: where a golden disagrees there, the
/// program runs again in real time and passes if it agrees. This is what
/// [`grade_exercise!`] calls.
pub fn grade_exercise(
    exercise: &str,
    program: &str,
    manifest_dir: &str,
) -> Result<Vec<Checked>, Disagreement> {
    let program = Path::new(program);
    let goldens = golden_dir(Path::new(manifest_dir))
        .and_then(|dir| exercise_goldens(exercise, &dir))
        .map_err(|e| Disagreement::setup(exercise, e))?;
    grade_each(exercise, &goldens, |golden| grade_one(golden, program))
}

/// One golden of an exercise: see [`grade_exercise`].
fn grade_one(golden: &Golden, program: &Path) -> Result<Checked, Failure> {
    if golden.clock == Clock::Real {
        return check(golden, program, Clock::Real, PAUSED_LIMIT);
    }
    let options = run::Options {
        deadline: deadline(golden),
        idle: Some(IDLE),
        shift_ms: 0,
        ..run::Options::default()
    };
    let limit = wall_limit(golden, Clock::Paused, PAUSED_LIMIT);
    let (paused, file) = run_case(golden, program, Clock::Paused, limit, None, options)
        .map_err(|e| Failure::setup(golden, Clock::Paused, e))?;
    let idle = paused.stopped.as_ref().is_some_and(|s| s.idle);
    let mut unseen: Vec<String> = paused.notes.iter().map(|n| n.text().to_owned()).collect();
    if paused.wall >= REAL_WAIT && !paused.timed_out && paused.stopped.is_none() {
        unseen.push(format!(
            "on the paused clock it took {:.1} s of real time, where sleeps take none",
            paused.wall.as_secs_f64()
        ));
    }
    // An idle paused runtime with no timer due waits for a thread of the blocking pool, or
    // for nothing that will ever come. (A thread of the program's own, started with
    // std::thread::spawn, cannot be told from nothing: its blocking sleeps are
    // vclock::thread::sleep, which tells.)
    if idle && paused.pool {
        unseen.push(
            "its runtime waited on the paused clock for a thread of spawn_blocking".to_owned(),
        );
    }
    // Where the real-time order hangs on microseconds (`realtime: unstable`), a real-time
    // run cannot grade the order: a thread that ran a moment too long is graded as paused.
    let only_busy = paused.notes.iter().all(|n| matches!(n, Note::Busy(_)))
        && paused.stopped.is_none()
        && paused.wall < REAL_WAIT;
    if !golden.realtime_stable && only_busy {
        unseen.clear();
    }
    if unseen.is_empty() {
        let verdict = judge(golden, &paused, &file, Clock::Paused);
        // Only an order can be what the paused clock alone shows (tokio's
        // `sleep(Duration::ZERO)` yields only in real time); a run stopped far past the
        // original's end hangs on any clock.
        let order = match &verdict {
            // (A reordering shows as a text difference too where the lines' free parts
            // change with their order; then it prints as many lines.)
            Err(f)
                if f.kind == Kind::Order
                    || (f.kind == Kind::Text
                        && paused.stdout.lines().count() == golden.lines.len()) =>
            {
                golden.last_instant().is_none() || advice::is_tie(golden, &paused.stdout, f)
            }
            // Every line on time, but a figure it measured is off: it measures with a clock
            // that the paused clock does not drive (std::time::Instant, SystemTime).
            Err(f) if f.kind == Kind::Timing => check_instants(
                &golden.lines,
                &golden.any_order,
                &paused.stdout,
                &paused.instants,
                tolerance,
            )
            .is_ok(),
            _ => false,
        };
        // A thread of the blocking pool starts, on the paused clock, once the runtime has
        // nothing left to run, as it nearly always does in real time; a real-time run would
        // grade which of them won the race this time.
        if !order || paused.stopped.is_some() || !golden.realtime_stable || paused.pool {
            return verdict;
        }
        // Not failed for what only the paused clock shows (tokio's `sleep(Duration::ZERO)`
        // yields only in real time): graded again as `cargo run` runs it.
        return match real(golden, program, 0, true) {
            Ok(checked) => {
                note(&format!(
                    "note: {} agrees with the Python original in real time, as `cargo run` runs \
                     it, though not on tokio's paused clock, where the grade ran it first. It \
                     passes.",
                    golden.name
                ));
                Ok(checked)
            }
            Err(_) => verdict,
        };
    }
    let why = unseen.join("; ");
    let threads = paused.notes.iter().any(|n| matches!(n, Note::Thread(_)));
    let verdict = if threads {
        race(golden, program)
    } else {
        real(golden, program, 0, false)
    };
    let blocked = paused.notes.iter().find_map(|n| match n {
        Note::Busy(text) => Some(text),
        _ => None,
    });
    verdict.map_err(|mut failure| {
        // vclock saw the thread blocked: that is the cause, whatever the output suggests.
        let vague = failure.advice.as_ref().is_none_or(|a| {
            matches!(
                a.diagnosis,
                Diagnosis::OneAfterAnother
                    | Diagnosis::TieOrder
                    | Diagnosis::NeverEnds
                    | Diagnosis::DidNotWait
                    | Diagnosis::WrongTime
            )
        });
        if let Some(note) = blocked
            && vague
            && failure.kind != Kind::Race
        {
            failure.advice = Some(advice::blocked(note));
        }
        failure.detail.push_str(&format!(
            "\n(Graded in real time, as `cargo run` runs it: the paused clock cannot stand for \
             what this program does: {why}.)"
        ));
        failure
    })
}

/// One real-time run of `golden`'s case, checked; `early` stops it at its first wrong line.
fn real(golden: &Golden, program: &Path, shift_ms: i64, early: bool) -> Result<Checked, Failure> {
    let (output, file) = real_run(golden, program, shift_ms, early)?;
    judge(golden, &output, &file, Clock::Real)
}

fn real_run(
    golden: &Golden,
    program: &Path,
    shift_ms: i64,
    early: bool,
) -> Result<(Output, String), Failure> {
    let options = run::Options {
        shift_ms,
        ..run::Options::default()
    };
    let stop = early.then(|| stop_when_wrong(golden)).flatten();
    let limit = wall_limit(golden, Clock::Real, PAUSED_LIMIT);
    run_case(golden, program, Clock::Real, limit, stop, options)
        .map_err(|e| Failure::setup(golden, Clock::Real, e))
}

/// A program with blocking sleeps on threads of their own, run twice in real time, side by
/// side: once with those sleeps ending [`SHIFT_MS`] late, once as early. Where a thread and
/// a timer are due at the same instant, which goes first is a race, and the two runs print
/// in different orders: that fails, naming the lines that move. Otherwise the late run is
/// judged.
fn race(golden: &Golden, program: &Path) -> Result<Checked, Failure> {
    let (late, early) = std::thread::scope(|scope| {
        let late = scope.spawn(|| real_run(golden, program, SHIFT_MS, false));
        let early = real_run(golden, program, -SHIFT_MS, false);
        let late = late.join().unwrap_or_else(|_| {
            Err(Failure::setup(
                golden,
                Clock::Real,
                "the checker panicked".into(),
            ))
        });
        (late, early)
    });
    let ((late, file), (early, _)) = (late?, early?);
    if let Some(failure) = advice::race(golden, &late.stdout, &early.stdout, SHIFT_MS) {
        return Err(failure);
    }
    judge(golden, &late, &file, Clock::Real)
}

/// Says something on the terminal from inside a test: `cargo test` captures what a passing
/// test prints with `eprintln!`, but not what is written to stderr directly.
fn note(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Checks every golden with `check_one`, side by side (each case is a process of its own),
/// and reports them in order.
fn grade_each(
    name: &str,
    goldens: &[Golden],
    check_one: impl Fn(&Golden) -> Result<Checked, Failure> + Sync,
) -> Result<Vec<Checked>, Disagreement> {
    let results: Vec<Result<Checked, Failure>> = std::thread::scope(|scope| {
        let runs: Vec<_> = goldens
            .iter()
            .map(|golden| scope.spawn(|| check_one(golden)))
            .collect();
        runs.into_iter()
            .zip(goldens)
            .map(|(run, golden)| {
                run.join().unwrap_or_else(|_| {
                    Err(Failure::setup(
                        golden,
                        golden.clock,
                        "the checker panicked".to_owned(),
                    ))
                })
            })
            .collect()
    });
    let mut checked = Vec::new();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(ok) => checked.push(ok),
            Err(failure) => failures.push(failure),
        }
    }
    if failures.is_empty() {
        return Ok(checked);
    }
    Err(Disagreement {
        name: name.to_owned(),
        goldens: goldens.len(),
        failures,
    })
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

/// The body of every exercise's test: grade the learner's program against the goldens of
/// the exercise's solution example. No snapshot: any program that prints what the Python
/// original printed, when it printed it, passes, however it is written.
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

/// Runs one case in a fresh working folder, with the local site if the golden asks for it.
/// Returns its output and the text of the file the golden checks (empty for stdout/stderr).
fn run_case(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
    stop: Option<run::Stop>,
    options: run::Options,
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
    let output = run::run_until(program, &args, dir.path(), clock, limit, stop, options)?;
    let file = match &golden.stream {
        Stream::File(name) => match std::fs::read_to_string(dir.path().join(name)) {
            Ok(text) => text,
            Err(_) if output.timed_out || output.stopped.is_some() => String::new(),
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
