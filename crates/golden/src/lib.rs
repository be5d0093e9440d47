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

/// How long one run may take on the paused clock before it counts as hung.
pub const PAUSED_LIMIT: Duration = Duration::from_secs(60);

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

/// Runs `program` as `golden` says and compares. The run is on `clock`, unless the golden
/// asks for the real clock. The error is the whole message for a learner: what ran, which
/// golden, what differs and where.
pub fn check(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
) -> Result<Checked, String> {
    let heading = format!(
        "{}: what it prints does not agree with the Python original.\n  run:    {}\n  golden: golden/{}.out",
        golden.name,
        golden.command(),
        golden.name
    );
    let clock = if golden.clock == Clock::Real {
        Clock::Real
    } else {
        clock
    };
    let limit = golden.limit.unwrap_or(limit);
    let (output, file) =
        run_case(golden, program, clock, limit).map_err(|e| format!("{heading}\n{e}"))?;
    // One stream a golden: a run that prints to both has a golden for each.
    let printed = match &golden.stream {
        Stream::Stdout => &output.stdout,
        Stream::Stderr => &output.stderr,
        Stream::File(_) => &file,
    };
    if output.code != Some(golden.exit) {
        let ended = match output.code {
            Some(code) => format!("exited with code {code}"),
            None => "was killed by a signal".to_owned(),
        };
        return Err(format!(
            "{heading}\nit {ended}, expected exit code {}; the end of its stderr:\n{}",
            golden.exit,
            tail(&output.stderr, 8)
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
        Err(difference) => Err(format!(
            "{heading}\n{difference}\n\n{}",
            side_by_side(golden, printed, difference.line())
        )),
    }
}

/// Runs one case in a fresh working folder, with the local site if the golden asks for it.
/// Returns its output and the text of the file the golden checks (empty for stdout/stderr).
fn run_case(
    golden: &Golden,
    program: &Path,
    clock: Clock,
    limit: Duration,
) -> Result<(Output, String), String> {
    let site = golden.site.map(|pages| site::spawn(site::Site::new(pages)));
    let fill = |text: &str| match &site {
        Some(site) => text.replace("{{site}}", &site.base_url()),
        None => text.to_owned(),
    };
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a working folder: {e}"))?;
    for (name, content) in &golden.files {
        std::fs::write(dir.path().join(name), fill(content))
            .map_err(|e| format!("cannot write {name} for the run: {e}"))?;
    }
    let args: Vec<String> = golden.args.iter().map(|arg| fill(arg)).collect();
    let output = run(program, &args, dir.path(), clock, limit)?;
    let file = match &golden.stream {
        Stream::File(name) => std::fs::read_to_string(dir.path().join(name))
            .map_err(|e| format!("the program left no readable {name}: {e}"))?,
        _ => String::new(),
    };
    Ok((output, file))
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
    let goldens = golden_dir(Path::new(manifest_dir))
        .and_then(|dir| goldens_of(example, &dir))
        .map_err(Disagreement)?;
    // Each case is a process of its own: run them side by side, report them in order.
    let results: Vec<Result<Checked, String>> = std::thread::scope(|scope| {
        let runs: Vec<_> = goldens
            .iter()
            .map(|golden| {
                scope.spawn(|| check(golden, Path::new(program), Clock::Paused, PAUSED_LIMIT))
            })
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
        "\n{}\n\n{} of {} golden transcripts of {example} disagree.\n",
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
        $crate::grade(
            env!("CARGO_PKG_NAME"),
            env!(concat!("CARGO_BIN_EXE_", env!("CARGO_PKG_NAME"))),
            env!("CARGO_MANIFEST_DIR"),
        )?;
        Ok(())
    }};
}

/// A few lines of golden and output around `line` (1-based), side by side.
fn side_by_side(golden: &Golden, printed: &str, line: usize) -> String {
    let printed: Vec<&str> = printed.lines().collect();
    let first = line.saturating_sub(4).max(1);
    let last = (line + 2).min(golden.lines.len().max(printed.len()));
    const WIDTH: usize = 44;
    let cell = |text: Option<&str>| {
        let text = text.unwrap_or("(nothing)");
        if text.chars().count() > WIDTH {
            let cut: String = text.chars().take(WIDTH - 1).collect();
            format!("{cut}…")
        } else {
            format!("{text:WIDTH$}")
        }
    };
    let mut table = format!("       {} | program\n", cell(Some("golden")));
    for number in first..=last {
        let expected = golden.lines.get(number - 1).map(|p| p.source());
        let got = printed.get(number - 1).copied();
        let mark = if number == line { '>' } else { ' ' };
        table.push_str(&format!(
            "  {mark}{number:>3} {} | {}\n",
            cell(expected),
            got.unwrap_or("(nothing)")
        ));
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
