//! Building and grading exercises, with the results remembered in `<target>/learn/`: an
//! exercise is built and graded again only when something that decides its grade changed
//! (see state.rs), so an unchanged `learn list` runs neither cargo nor any program.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

use learn::{Exercise, Track};

use crate::progress::{Progress, grading_line};
use crate::state::State;

/// The workspace as the grader sees it: where things are and how to call cargo.
pub struct Workspace {
    pub root: PathBuf,
    /// Cargo's target folder: `CARGO_TARGET_DIR`, else `<root>/target`.
    target: PathBuf,
    /// The cargo running us (`CARGO`), else `cargo`.
    cargo: OsString,
    golden_dir: PathBuf,
    /// Whether cargo's errors may be coloured (they are shown on a terminal as they are).
    pub color: bool,
    /// Building and grading, on stderr.
    pub progress: Progress,
}

/// Where an exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Passed,
    Pending,
    /// Its code does not compile.
    DoesNotCompile,
    /// It cannot be graded: no folder, no golden.
    Error(String),
}

/// The grade of one run.
pub enum Grade {
    Passed,
    /// The first differences, in the golden harness's words.
    Differs(String),
    /// Cargo's error output.
    DoesNotCompile(String),
}

/// Where cargo builds: the workspace itself, or another workspace (verify's scratch copy of
/// the starting code) with its own target folder.
pub struct Place {
    /// The workspace's Cargo.toml; `None` for this workspace.
    pub manifest: Option<PathBuf>,
    pub target: PathBuf,
}

impl Place {
    /// The built binary of `package`.
    pub fn binary(&self, package: &str) -> PathBuf {
        self.target
            .join("debug")
            .join(format!("{package}{}", std::env::consts::EXE_SUFFIX))
    }
}

impl Workspace {
    pub fn new(root: PathBuf) -> Result<Workspace, String> {
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => std::path::absolute(&dir)
                .map_err(|e| format!("CARGO_TARGET_DIR {}: {e}", Path::new(&dir).display()))?,
            _ => root.join("target"),
        };
        Ok(Workspace {
            target,
            cargo: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
            golden_dir: golden::golden_dir(&root)?,
            root,
            color: false,
            progress: Progress::stderr(),
        })
    }

    /// Cargo's target folder.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// This workspace, as a place to build.
    pub fn place(&self) -> Place {
        Place {
            manifest: None,
            target: self.target.clone(),
        }
    }

    /// The built binary of `package`.
    pub fn binary(&self, package: &str) -> PathBuf {
        self.place().binary(package)
    }

    /// Builds `packages` of this workspace with one cargo command; `what` names them for the
    /// progress line. Returns cargo's error output for each package that did not build.
    pub fn build(&self, packages: &[&str], what: &str) -> Result<BTreeMap<String, String>, String> {
        self.build_in(&self.place(), packages, what)
    }

    /// Builds `packages` at `place`, as [`Workspace::build`] does.
    pub fn build_in(
        &self,
        place: &Place,
        packages: &[&str],
        what: &str,
    ) -> Result<BTreeMap<String, String>, String> {
        let mut failed = BTreeMap::new();
        if packages.is_empty() {
            return Ok(failed);
        }
        let (success, all) = self.cargo_build(place, packages, what)?;
        if success {
            return Ok(failed);
        }
        if let [package] = packages {
            failed.insert(package.to_string(), all);
            return Ok(failed);
        }
        // Which ones? Built alone, those that did build are up to date: this is quick. Where
        // cargo names only some of `packages` as not compiling, only those are built again
        // (an exercise whose starting code does not compile on purpose fails every time).
        let named = not_compiled(&all);
        let suspects: Vec<&str> =
            if !named.is_empty() && named.iter().all(|name| packages.contains(&name.as_str())) {
                packages
                    .iter()
                    .copied()
                    .filter(|package| named.iter().any(|name| name == package))
                    .collect()
            } else {
                packages.to_vec()
            };
        for package in &suspects {
            let (success, errors) = self.cargo_build(place, &[package], package)?;
            if !success {
                failed.insert(package.to_string(), errors);
            }
        }
        if failed.is_empty() {
            return Err(format!("cargo build failed: {}", first_error(&all)));
        }
        Ok(failed)
    }

    /// One cargo build, its progress drawn from cargo's status lines as they come. Whether
    /// it built, and its output without the status lines (what `cargo build -q` prints).
    fn cargo_build(
        &self,
        place: &Place,
        packages: &[&str],
        what: &str,
    ) -> Result<(bool, String), String> {
        let mut command = Command::new(&self.cargo);
        command
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &place.target)
            .args(["build", "--keep-going", "--color"])
            .arg(if self.color { "always" } else { "never" })
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(manifest) = &place.manifest {
            command.arg("--manifest-path").arg(manifest);
        }
        for package in packages {
            command.args(["-p", package]);
        }
        let cannot_run =
            |e: std::io::Error| format!("cannot run {}: {e}", self.cargo.to_string_lossy());
        // A first build builds tokio too. (An exercise whose starting code does not compile
        // on purpose never has a binary: that alone does not make a build a first one.)
        let built_before = packages.iter().any(|p| place.binary(p).exists())
            || fs::read_dir(place.target.join("debug").join("deps")).is_ok_and(|mut entries| {
                entries.any(|e| {
                    e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libtokio-"))
                })
            });
        let first = if built_before {
            ""
        } else {
            " (a first build: a minute or two)"
        };
        self.progress
            .stage(&format!("building {what} with cargo{first}…"));
        let mut child = command.spawn().map_err(cannot_run)?;
        let mut output = String::new();
        let mut compiled = 0;
        if let Some(stderr) = child.stderr.take() {
            for line in BufReader::new(stderr).split(b'\n') {
                let line = String::from_utf8_lossy(&line.map_err(cannot_run)?).into_owned();
                match cargo_status(&line) {
                    Some((verb, subject)) => {
                        if verb == "Compiling" {
                            compiled += 1;
                        }
                        if let Some(text) = building_line(what, &verb, &subject, compiled) {
                            self.progress.update(&text);
                        }
                    }
                    None => {
                        output.push_str(&line);
                        output.push('\n');
                    }
                }
            }
        }
        let status = child.wait().map_err(cannot_run)?;
        self.progress.clear();
        Ok((status.success(), output))
    }

    /// Grades `program` against the goldens of exercise `name`.
    pub fn grade(&self, name: &str, program: &Path) -> Result<(), golden::Disagreement> {
        let dir = self.root.join("exercises").join(name);
        golden::grade_exercise(name, &program.to_string_lossy(), &dir.to_string_lossy()).map(drop)
    }

    /// Builds and grades an exercise as it is now, and remembers the result.
    pub fn grade_now(&self, exercise: &Exercise) -> Result<Grade, String> {
        exercise
            .check_folders(&self.root)
            .map_err(|e| e.to_string())?;
        let key = self.state()?.key(exercise)?;
        let name = &exercise.name;
        if let Some(errors) = self.build(&[name], name)?.remove(name) {
            if is_own_compile_error(name, &errors) {
                self.remember(exercise, key, &Status::DoesNotCompile);
            }
            return Ok(Grade::DoesNotCompile(errors));
        }
        self.progress.update(&format!("grading {name}…"));
        let grade = self.grade(name, &self.binary(name));
        self.progress.clear();
        let status = if grade.is_ok() {
            Status::Passed
        } else {
            Status::Pending
        };
        self.remember(exercise, key, &status);
        Ok(match grade {
            Ok(()) => Grade::Passed,
            Err(disagreement) => Grade::Differs(disagreement.to_string()),
        })
    }

    /// Every exercise's status. Those unchanged since their last grade are not graded
    /// again; the others are built with one cargo command, then graded.
    pub fn statuses(&self, track: &Track) -> Result<Vec<Status>, String> {
        let state = self.state()?;
        let mut statuses = Vec::new();
        let mut todo = Vec::new();
        for (index, exercise) in track.exercises.iter().enumerate() {
            let missing = exercise.missing(&self.root);
            let key = if missing.is_empty() {
                self.graded_by(exercise).and_then(|()| state.key(exercise))
            } else {
                Err(missing.join("; "))
            };
            statuses.push(match key {
                Err(problem) => Status::Error(problem),
                Ok(key) => match self.remembered(exercise, key) {
                    Some(status) => status,
                    None => {
                        todo.push((index, key));
                        Status::Pending
                    }
                },
            });
        }
        if todo.is_empty() {
            return Ok(statuses);
        }
        let names: Vec<&str> = todo
            .iter()
            .map(|&(index, _)| track.exercises[index].name.as_str())
            .collect();
        let what = match names.as_slice() {
            [one] => one.to_string(),
            many => format!("{} exercises", many.len()),
        };
        let failed = self.build(&names, &what)?;
        let total = todo.len();
        if self.progress.is_terminal() {
            self.progress.stage(&grading_line(0, total, &names));
        } else {
            self.progress.stage(&format!(
                "grading {} (a program that disagrees is run again in real time: up to a \
                 minute)…",
                names.join(", ")
            ));
        }
        // (graded so far, those still running, in the track's order)
        let tally = Mutex::new((0, names.clone()));
        let graded = |name: &str| {
            let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
            tally.0 += 1;
            tally.1.retain(|running| *running != name);
            self.progress
                .update(&grading_line(tally.0, total, &tally.1));
        };
        // A grade is a few processes, mostly asleep when they run in real time: grade the
        // exercises side by side.
        let results: Vec<(usize, Status)> = std::thread::scope(|scope| {
            let grades: Vec<_> = todo
                .into_iter()
                .map(|(index, key)| {
                    let exercise = &track.exercises[index];
                    let (failed, graded) = (&failed, &graded);
                    scope.spawn(move || {
                        let name = exercise.name.as_str();
                        let status = match failed.get(name) {
                            Some(errors) => {
                                if is_own_compile_error(name, errors) {
                                    self.remember(exercise, key, &Status::DoesNotCompile);
                                }
                                Status::DoesNotCompile
                            }
                            None => {
                                let status = match self.grade(name, &self.binary(name)) {
                                    Ok(()) => Status::Passed,
                                    Err(_) => Status::Pending,
                                };
                                self.remember(exercise, key, &status);
                                status
                            }
                        };
                        graded(name);
                        (index, status)
                    })
                })
                .collect();
            grades
                .into_iter()
                .filter_map(|grade| grade.join().ok())
                .collect()
        });
        self.progress.clear();
        for (index, status) in results {
            statuses[index] = status;
        }
        Ok(statuses)
    }

    /// The goldens of exercise `name`, checked to exist and to parse.
    pub fn goldens(&self, name: &str) -> Result<Vec<golden::Golden>, String> {
        golden::exercise_goldens(name, &self.golden_dir)
    }

    /// Checks that the goldens that grade `exercise` exist and parse: its own
    /// (`golden/NAME*.out`), or where it has none, its solution's.
    pub fn graded_by(&self, exercise: &Exercise) -> Result<(), String> {
        let own = self.goldens(&exercise.name);
        let has_own = self
            .golden_dir
            .join(format!("{}.out", exercise.name))
            .is_file();
        match own {
            Err(_) if !has_own && self.goldens(&exercise.solution).is_ok() => Ok(()),
            own => own.map(drop),
        }
    }

    /// What the grades depend on, as the workspace and the toolchain are now.
    fn state(&self) -> Result<State, String> {
        State::new(&self.root, &self.golden_dir, &|var| std::env::var_os(var))
    }

    fn cache_file(&self, exercise: &Exercise) -> PathBuf {
        self.target.join("learn").join(&exercise.name)
    }

    /// The remembered status for this `key`; `None` if not graded as it is.
    fn remembered(&self, exercise: &Exercise, key: u64) -> Option<Status> {
        let text = fs::read_to_string(self.cache_file(exercise)).ok()?;
        let (cached, status) = text.trim().split_once(' ')?;
        if cached != format!("{key:016x}") {
            return None;
        }
        match status {
            "passed" => Some(Status::Passed),
            "pending" => Some(Status::Pending),
            "does-not-compile" => Some(Status::DoesNotCompile),
            _ => None,
        }
    }

    /// Remembers a status. A cache that cannot be written only means grading again.
    fn remember(&self, exercise: &Exercise, key: u64, status: &Status) {
        let file = self.cache_file(exercise);
        let word = match status {
            Status::Passed => "passed",
            Status::Pending => "pending",
            Status::DoesNotCompile => "does-not-compile",
            Status::Error(_) => return,
        };
        if let Some(dir) = file.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let _ = fs::write(file, format!("{key:016x} {word}\n"));
    }
}

/// Whether cargo's `errors` say that `package` itself does not compile (not a dependency, a
/// download or a full disk): only then is "does not compile" remembered.
pub fn is_own_compile_error(package: &str, errors: &str) -> bool {
    strip_ansi(errors).contains(&format!("could not compile `{package}`"))
}

/// The packages that cargo's `errors` say could not compile (`could not compile `NAME``).
fn not_compiled(errors: &str) -> Vec<String> {
    strip_ansi(errors)
        .lines()
        .filter_map(|line| {
            let rest = line.split("could not compile `").nth(1)?;
            Some(rest.split('`').next()?.to_owned())
        })
        .collect()
}

/// `text` without its terminal colour codes (`ESC [ ... letter`).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.clone().next() == Some('[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A cargo status line (`   Compiling tokio v1.54.0`): its verb and the rest. Cargo puts
/// the verb right-aligned in the first 12 columns.
pub fn cargo_status(line: &str) -> Option<(String, String)> {
    let line = strip_ansi(line);
    let (head, rest) = (line.get(..12)?, line.get(12..)?);
    let verb = head.trim_start();
    let is_verb = verb.len() > 2
        && verb.starts_with(|c: char| c.is_ascii_uppercase())
        && verb.chars().all(|c| c.is_ascii_alphabetic());
    let subject = rest.strip_prefix(' ')?;
    is_verb.then(|| (verb.to_owned(), subject.trim().to_owned()))
}

/// The progress line for a cargo status line, if it is worth one.
fn building_line(what: &str, verb: &str, subject: &str, compiled: usize) -> Option<String> {
    let crate_name = subject.split_whitespace().next().unwrap_or(subject);
    match verb {
        "Compiling" => Some(format!(
            "building {what}: {compiled} crate{} compiled, now {crate_name}…",
            if compiled == 1 { "" } else { "s" }
        )),
        "Blocking" => Some(format!(
            "building {what}: waiting for another cargo to finish (file lock)…"
        )),
        "Downloading" | "Downloaded" => Some(format!("building {what}: downloading crates…")),
        "Updating" | "Locking" => Some(format!("building {what}: {subject}…")),
        _ => None,
    }
}

/// The first `error…` line of cargo's output.
pub fn first_error(cargo_output: &str) -> &str {
    cargo_output
        .lines()
        .find(|line| line.starts_with("error"))
        .unwrap_or("cargo build failed")
}

/// Where the first failure is, in a few words: the golden file's line, or what went wrong.
pub fn where_it_fails(disagreement: &golden::Disagreement) -> String {
    let Some(first) = disagreement.failures.first() else {
        return "against its goldens".to_owned();
    };
    let golden = format!("golden/{}.out", first.golden);
    let why = match (first.kind, first.golden_line) {
        (golden::Kind::Setup, _) => {
            return first.message.lines().next().unwrap_or_default().to_owned();
        }
        (_, Some(line)) => return format!("at {golden} line {line}"),
        (golden::Kind::ExitCode, _) => format!("it {}, expected {}", first.got, first.expected),
        (golden::Kind::Hang, _) => "it did not end".to_owned(),
        (kind, _) => format!("{kind:?}").to_lowercase(),
    };
    format!("against {golden}: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_it_fails_reads_the_first_failure() {
        let golden = golden::Golden::parse(
            std::path::Path::new("golden/ex_a.out"),
            "run: ex_a\n---\nx\n",
        )
        .unwrap();
        let program = std::path::Path::new("false");
        let limit = std::time::Duration::from_secs(10);
        let failure = golden::check(&golden, program, golden::Clock::Real, limit).unwrap_err();
        let disagreement = golden::Disagreement {
            name: "ex_a".into(),
            goldens: 1,
            failures: vec![failure],
        };
        assert_eq!(
            where_it_fails(&disagreement),
            "against golden/ex_a.out: it exited with code 1, expected exit code 0"
        );
    }

    #[test]
    fn cargo_status_lines_are_told_from_its_errors() {
        let coloured = "\x1b[1m\x1b[92m   Compiling\x1b[0m tokio v1.54.0";
        assert_eq!(
            cargo_status(coloured),
            Some(("Compiling".into(), "tokio v1.54.0".into()))
        );
        assert_eq!(
            cargo_status("    Blocking waiting for file lock on build directory"),
            Some((
                "Blocking".into(),
                "waiting for file lock on build directory".into()
            ))
        );
        for not_status in [
            "error[E0308]: mismatched types",
            "  --> exercises/ex_a/src/main.rs:3:5",
            "   |",
            "12 |     let x = 1;",
            "   = note: expected type",
            "warning: unused variable: `x`",
            "",
        ] {
            assert_eq!(cargo_status(not_status), None, "{not_status:?}");
        }
    }

    #[test]
    fn only_the_package_s_own_errors_are_remembered() {
        let own = "error[E0425]: x\n\x1b[1m\x1b[91merror\x1b[0m: could not compile `ex_a` (bin \"ex_a\") due to 1 previous error\n";
        assert!(is_own_compile_error("ex_a", own));
        assert!(!is_own_compile_error("ex_b", own));
        assert!(!is_own_compile_error(
            "ex_a",
            "error: failed to download `tokio v1.54.0`\n"
        ));
    }

    #[test]
    fn the_packages_that_did_not_compile_are_read_from_cargo_s_errors() {
        let errors = "error[E0283]: x\n\x1b[1m\x1b[91merror\x1b[0m: could not compile `ex_a` (bin \"ex_a\") due to 1 previous error\nerror: could not compile `tokio` (lib)\n";
        assert_eq!(not_compiled(errors), ["ex_a", "tokio"]);
        assert!(not_compiled("error: failed to download `tokio v1.54.0`\n").is_empty());
    }

    #[test]
    fn the_building_line_counts_crates() {
        assert_eq!(
            building_line("12 exercises", "Compiling", "tokio v1.54.0", 1).unwrap(),
            "building 12 exercises: 1 crate compiled, now tokio…"
        );
        assert_eq!(
            building_line("ex_a", "Compiling", "ex_a v0.1.0 (/w/exercises/ex_a)", 7).unwrap(),
            "building ex_a: 7 crates compiled, now ex_a…"
        );
        assert_eq!(building_line("ex_a", "Finished", "`dev` profile", 7), None);
    }
}
