//! The corpus of learner mistakes, graded: every case must get the verdict and the diagnosis
//! its header gives.
//!
//! A case is a whole `src/main.rs` a learner could write for an exercise, kept as
//! `ex_NAME/CASE.rs` and built as the binary `ex_NAME__CASE` (one `[[bin]]` each in
//! Cargo.toml). It begins with its header:
//!
//! ```text
//! //! ex_chores: the potato loop moved into spawn_blocking, printing from the thread.
//! //! verdict: fail
//! //! diagnosis: race
//! //! (any further lines: why, or what is unsure)
//! ```
//!
//! The verdict is `pass` or `fail`: what `cargo run` shows, run in real time, compared with
//! the exercise's goldens. The diagnosis is what a good teacher would name as the cause
//! (for a `pass`, `none`); for a program graded against several goldens, the cause shown by
//! the first golden it fails, in the order of their file names:
//!
//! - `none`: no cause: every pass has it, and a fail never does;
//! - `held_the_loop`: a task kept the thread while others were due (a blocking call, or no
//!   await where one was needed);
//! - `one_after_another`: waits that should overlap were awaited in turn;
//! - `ended_early`: main returned, and tokio dropped tasks still running;
//! - `never_ends`: it waits for something that never comes;
//! - `race`: the order is a tie the program does not decide: a thread's sleep against
//!   timers;
//! - `tie_order`: lines the original printed at the same instant came in another order:
//!   tasks ready together ran in another order than asyncio's first in, first out;
//! - `did_not_wait`: the whole took less time than the original's: something not awaited;
//! - `wrong_time`: the program's own logic puts a line, or a figure it measures, at another
//!   moment than the original's (too early, too late);
//! - `panicked`, `exit_code`: it panicked, or ended with another exit code;
//! - `text`: a plain wrong text, value or order, with no cause to guess.
//!
//! `cargo test -p mistakes` (or `make mistakes`) grades every case with
//! `golden::grade_exercise`, as `cargo test -p ex_NAME` grades the learner's file, and fails
//! once, with a table of every case whose grade disagrees with its header.
//! `MISTAKES_FILTER=ex_chores` grades only the cases whose name contains that text;
//! `MISTAKES_JOBS=N` grades N cases at a time (default 3).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const DIAGNOSES: [&str; 12] = [
    "none",
    "did_not_wait",
    "tie_order",
    "held_the_loop",
    "one_after_another",
    "ended_early",
    "never_ends",
    "race",
    "wrong_time",
    "panicked",
    "exit_code",
    "text",
];

/// The cause the grade gives, as one of [`DIAGNOSES`]: the diagnosis of the first failure's
/// advice, as data (`golden::Diagnosis::id`); without advice, what kind of failure it is.
fn diagnosis_of(disagreement: &golden::Disagreement) -> &'static str {
    let Some(first) = disagreement.failures.first() else {
        return "none";
    };
    match (&first.advice, first.kind) {
        (Some(advice), _) => advice.diagnosis.id(),
        (None, golden::Kind::ExitCode) => "exit_code",
        (None, golden::Kind::Hang) => "never_ends",
        (None, golden::Kind::Text | golden::Kind::Missing | golden::Kind::Extra) => "text",
        (None, _) => "none",
    }
}

/// The part of a grade message about the first golden that failed: each part begins with a
/// line `NAME: what it prints does not agree with the Python original.`
fn first_failure(message: &str) -> &str {
    const HEADING: &str = ": what it prints does not agree with the Python original.";
    let Some(at) = message.find(HEADING) else {
        return message;
    };
    let start = message[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let rest = &message[at + HEADING.len()..];
    let end = match rest.find(HEADING) {
        Some(next) => {
            let next = at + HEADING.len() + next;
            message[..next]
                .rfind('\n')
                .map_or(next, |newline| newline + 1)
        }
        None => message.len(),
    };
    &message[start..end]
}

struct Case {
    /// The binary's name: `ex_chores__loop_in_spawn_blocking`.
    name: String,
    exercise: String,
    verdict: String,
    diagnosis: String,
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every case, from the `[[bin]]` list of Cargo.toml, which must name every case file and
/// nothing else.
fn cases() -> Vec<Case> {
    let manifest = fs::read_to_string(manifest_dir().join("Cargo.toml")).expect("Cargo.toml");
    let manifest: toml::Table = toml::from_str(&manifest).expect("Cargo.toml is TOML");
    let bins = manifest["bin"].as_array().expect("a [[bin]] list");
    let mut listed = BTreeSet::new();
    let mut cases = Vec::new();
    for bin in bins {
        let name = bin["name"].as_str().expect("a bin's name");
        let path = bin["path"].as_str().expect("a bin's path");
        let (exercise, case) = name
            .split_once("__")
            .unwrap_or_else(|| panic!("{name}: not EXERCISE__CASE"));
        assert_eq!(
            path,
            format!("{exercise}/{case}.rs"),
            "{name}: its path in Cargo.toml"
        );
        assert_eq!(
            bin.get("test").and_then(|t| t.as_bool()),
            Some(false),
            "{name}: `test = false` (a case has no unit tests)"
        );
        let source =
            fs::read_to_string(manifest_dir().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (verdict, diagnosis) =
            header(&source, exercise).unwrap_or_else(|e| panic!("{path}: {e}"));
        listed.insert(PathBuf::from(path));
        cases.push(Case {
            name: name.to_owned(),
            exercise: exercise.to_owned(),
            verdict,
            diagnosis,
        });
    }
    let mut files = BTreeSet::new();
    for entry in fs::read_dir(manifest_dir()).expect("the corpus folder") {
        let dir = entry.expect("a folder entry").path();
        let Some(exercise) = dir.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !dir.is_dir() || !exercise.starts_with("ex_") {
            continue;
        }
        for file in fs::read_dir(&dir).expect("an exercise's cases") {
            let file = file.expect("a case file").path();
            if file.extension().is_some_and(|e| e == "rs") {
                let name = file.file_name().expect("a file name");
                files.insert(Path::new(exercise).join(name));
            }
        }
    }
    let unlisted: Vec<_> = files.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "case files with no [[bin]] in Cargo.toml: {unlisted:?}"
    );
    cases
}

/// The verdict and diagnosis a case's header gives.
fn header(source: &str, exercise: &str) -> Result<(String, String), String> {
    let mut lines = source.lines();
    let first = lines.next().unwrap_or_default();
    if !first.starts_with(&format!("//! {exercise}: ")) {
        return Err(format!(
            "the first line is not `//! {exercise}: WHAT THE LEARNER DID`"
        ));
    }
    let verdict = lines.next().and_then(|l| l.strip_prefix("//! verdict: "));
    let diagnosis = lines.next().and_then(|l| l.strip_prefix("//! diagnosis: "));
    let (Some(verdict), Some(diagnosis)) = (verdict, diagnosis) else {
        return Err("lines 2 and 3 are `//! verdict: ...` and `//! diagnosis: ...`".to_owned());
    };
    match (verdict, diagnosis) {
        ("pass", "none") => {}
        ("pass", _) => return Err("a pass has the diagnosis `none`".to_owned()),
        ("fail", "none") => return Err("a fail names its cause".to_owned()),
        ("fail", d) if DIAGNOSES.contains(&d) => {}
        ("fail", d) => return Err(format!("diagnosis {d:?} is not one of {DIAGNOSES:?}")),
        (v, _) => return Err(format!("verdict {v:?} is neither pass nor fail")),
    }
    Ok((verdict.to_owned(), diagnosis.to_owned()))
}

/// The folder of the cases' binaries: target/debug, above this test's own binary
/// (target/debug/deps/corpus-HASH).
fn binaries() -> PathBuf {
    let exe = std::env::current_exe().expect("this test's path");
    exe.parent()
        .and_then(Path::parent)
        .expect("target/debug/deps/corpus-HASH")
        .to_owned()
}

/// One case graded: its verdict and diagnosis, with the grade's message.
struct Graded {
    verdict: &'static str,
    diagnosis: &'static str,
    message: String,
}

fn grade(case: &Case) -> Graded {
    let binary = binaries().join(format!("{}{}", case.name, std::env::consts::EXE_SUFFIX));
    assert!(binary.is_file(), "{}: not built", binary.display());
    let binary = binary.to_str().expect("a UTF-8 path");
    match golden::grade_exercise(&case.exercise, binary, env!("CARGO_MANIFEST_DIR")) {
        Ok(_) => Graded {
            verdict: "pass",
            diagnosis: "none",
            message: String::new(),
        },
        Err(disagreement) => Graded {
            verdict: "fail",
            diagnosis: diagnosis_of(&disagreement),
            message: disagreement.to_string(),
        },
    }
}

#[test]
fn every_case_gets_its_verdict_and_diagnosis() {
    let filter = std::env::var("MISTAKES_FILTER").unwrap_or_default();
    let jobs: usize = std::env::var("MISTAKES_JOBS")
        .ok()
        .and_then(|j| j.parse().ok())
        .unwrap_or(3)
        .max(1);
    let cases: Vec<Case> = cases()
        .into_iter()
        .filter(|case| case.name.contains(&filter))
        .collect();
    assert!(!cases.is_empty(), "no case's name contains {filter:?}");
    let next = Mutex::new(cases.iter());
    let graded = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let Some(case) = next.lock().unwrap().next() else {
                        break;
                    };
                    let result = grade(case);
                    graded.lock().unwrap().insert(case.name.clone(), result);
                }
            });
        }
    });
    let graded = graded.into_inner().unwrap();
    let mut table = String::new();
    let mut wrong = 0;
    for case in &cases {
        let got = &graded[&case.name];
        let agrees = got.verdict == case.verdict
            && (case.verdict == "pass" || got.diagnosis == case.diagnosis);
        // One line a case, shown with `cargo test -p mistakes -- --nocapture`.
        eprintln!(
            "{} {:<58} expected {} {:<17} got {} {}",
            if agrees { "  " } else { "!!" },
            case.name,
            case.verdict,
            case.diagnosis,
            got.verdict,
            got.diagnosis
        );
        if agrees {
            continue;
        }
        wrong += 1;
        table.push_str(&format!(
            "\n{}\n  expected: {} {}\n  got:      {} {}\n",
            case.name, case.verdict, case.diagnosis, got.verdict, got.diagnosis
        ));
        // The first failure, without the lines that only say how it ran.
        let shown = first_failure(&got.message)
            .lines()
            .filter(|line| {
                !line.trim().is_empty()
                    && !["run:", "golden:", "clock:"]
                        .iter()
                        .any(|key| line.trim_start().starts_with(key))
            })
            .take(8);
        for line in shown {
            table.push_str(&format!("  | {line}\n"));
        }
    }
    assert!(
        wrong == 0,
        "{wrong} of {} cases are graded otherwise than their header says:\n{table}",
        cases.len()
    );
}

/// A case compiles as its exercise's src/main.rs: it names no crate that the exercise's
/// crate does not depend on.
#[test]
fn each_case_uses_only_its_exercise_s_dependencies() {
    let exercises = manifest_dir().join("../../exercises");
    for case in cases() {
        let manifest = exercises.join(&case.exercise).join("Cargo.toml");
        let manifest =
            fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        let manifest: toml::Table = toml::from_str(&manifest).expect("Cargo.toml is TOML");
        let has: BTreeSet<String> = manifest["dependencies"]
            .as_table()
            .expect("[dependencies]")
            .keys()
            .map(|name| name.replace('-', "_"))
            .collect();
        let (_, name) = case.name.split_once("__").expect("EXERCISE__CASE");
        let path = manifest_dir()
            .join(&case.exercise)
            .join(format!("{name}.rs"));
        let source = fs::read_to_string(&path).expect("the case's file");
        let crates = [
            "tokio",
            "futures",
            "futures_lite",
            "chrono",
            "clap",
            "getrandom",
            "pyrandom",
            "vclock",
            "webfetch",
        ];
        for krate in crates {
            let named = source.match_indices(&format!("{krate}::")).any(|(at, _)| {
                !source[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            assert!(
                !named || has.contains(krate),
                "{}: uses {krate}, which exercises/{}/Cargo.toml does not depend on",
                case.name,
                case.exercise
            );
        }
    }
}
