//! Building and grading exercises, with the results remembered in `<target>/learn/`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use learn::{Exercise, Track};

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
}

/// Where an exercise stands.
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
        })
    }

    /// The built binary of `package`.
    pub fn binary(&self, package: &str) -> PathBuf {
        self.target
            .join("debug")
            .join(format!("{package}{}", std::env::consts::EXE_SUFFIX))
    }

    /// Builds `packages` with one cargo command. Returns cargo's error output for each
    /// package that did not build.
    pub fn build(&self, packages: &[&str]) -> Result<BTreeMap<String, String>, String> {
        let mut failed = BTreeMap::new();
        if packages.is_empty() {
            return Ok(failed);
        }
        let all = self.cargo_build(packages)?;
        if all.status.success() {
            return Ok(failed);
        }
        if let [package] = packages {
            failed.insert(package.to_string(), stderr(&all));
            return Ok(failed);
        }
        // Which ones? Built alone, those that did build are up to date: this is quick.
        for package in packages {
            let one = self.cargo_build(&[package])?;
            if !one.status.success() {
                failed.insert(package.to_string(), stderr(&one));
            }
        }
        if failed.is_empty() {
            return Err(format!(
                "cargo build failed: {}",
                first_error(&stderr(&all))
            ));
        }
        Ok(failed)
    }

    fn cargo_build(&self, packages: &[&str]) -> Result<Output, String> {
        let mut command = Command::new(&self.cargo);
        command
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            .args(["build", "-q", "--keep-going", "--color"])
            .arg(if self.color { "always" } else { "never" })
            .stdin(Stdio::null());
        for package in packages {
            command.args(["-p", package]);
        }
        command
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.cargo.to_string_lossy()))
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
        let key = self.key(exercise)?;
        if let Some(errors) = self.build(&[&exercise.name])?.remove(&exercise.name) {
            return Ok(Grade::DoesNotCompile(errors));
        }
        let grade = self.grade(&exercise.name, &self.binary(&exercise.name));
        self.remember(exercise, key, grade.is_ok());
        Ok(match grade {
            Ok(()) => Grade::Passed,
            Err(disagreement) => Grade::Differs(disagreement.to_string()),
        })
    }

    /// Every exercise's status. Those unchanged since their last grade are not graded
    /// again; the others are built with one cargo command, then graded.
    pub fn statuses(&self, track: &Track) -> Result<Vec<Status>, String> {
        let mut statuses = Vec::new();
        let mut todo = Vec::new();
        for (index, exercise) in track.exercises.iter().enumerate() {
            let missing = exercise.missing(&self.root);
            let key = if missing.is_empty() {
                self.key(exercise)
            } else {
                Err(missing.join("; "))
            };
            statuses.push(match key {
                Err(problem) => Status::Error(problem),
                Ok(key) => match self.remembered(exercise, key) {
                    Some(true) => Status::Passed,
                    Some(false) => Status::Pending,
                    None => {
                        todo.push((index, key));
                        Status::Pending
                    }
                },
            });
        }
        let names: Vec<&str> = todo
            .iter()
            .map(|&(index, _)| track.exercises[index].name.as_str())
            .collect();
        if !names.is_empty() {
            eprintln!(
                "Grading {} (the first time, up to a minute: a program that disagrees is run \
                 again in real time)…",
                names.join(", ")
            );
        }
        let failed = self.build(&names)?;
        // A grade is a few processes, mostly asleep when they run in real time: grade the
        // exercises side by side.
        let graded: Vec<(usize, Status)> = std::thread::scope(|scope| {
            let grades: Vec<_> = todo
                .into_iter()
                .map(|(index, key)| {
                    let exercise = &track.exercises[index];
                    let failed = &failed;
                    scope.spawn(move || {
                        if failed.contains_key(&exercise.name) {
                            return (index, Status::DoesNotCompile);
                        }
                        let passed = self
                            .grade(&exercise.name, &self.binary(&exercise.name))
                            .is_ok();
                        self.remember(exercise, key, passed);
                        (
                            index,
                            if passed {
                                Status::Passed
                            } else {
                                Status::Pending
                            },
                        )
                    })
                })
                .collect();
            grades
                .into_iter()
                .filter_map(|grade| grade.join().ok())
                .collect()
        });
        for (index, status) in graded {
            statuses[index] = status;
        }
        Ok(statuses)
    }

    /// The goldens of exercise `name`, checked to exist and to parse.
    pub fn goldens(&self, name: &str) -> Result<Vec<golden::Golden>, String> {
        golden::exercise_goldens(name, &self.golden_dir)
    }

    /// What the grade depends on: the exercise's Cargo.toml and sources, and its goldens.
    fn key(&self, exercise: &Exercise) -> Result<u64, String> {
        let dir = exercise.dir(&self.root);
        let mut files = vec![dir.join("Cargo.toml")];
        sources(&dir.join("src"), &mut files)?;
        files.extend(self.goldens(&exercise.name)?.into_iter().map(|g| g.path));
        let mut hasher = DefaultHasher::new();
        for file in files {
            let bytes =
                fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            file.strip_prefix(&self.root)
                .unwrap_or(&file)
                .hash(&mut hasher);
            bytes.hash(&mut hasher);
        }
        Ok(hasher.finish())
    }

    fn cache_file(&self, exercise: &Exercise) -> PathBuf {
        self.target.join("learn").join(&exercise.name)
    }

    /// The remembered grade for this `key`: passed or not; `None` if not graded as it is.
    fn remembered(&self, exercise: &Exercise, key: u64) -> Option<bool> {
        let text = fs::read_to_string(self.cache_file(exercise)).ok()?;
        let (cached, grade) = text.trim().split_once(' ')?;
        (cached == format!("{key:016x}")).then_some(grade == "passed")
    }

    /// Remembers a grade. A cache that cannot be written only means grading again.
    fn remember(&self, exercise: &Exercise, key: u64, passed: bool) {
        let file = self.cache_file(exercise);
        let grade = if passed { "passed" } else { "pending" };
        if let Some(dir) = file.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let _ = fs::write(file, format!("{key:016x} {grade}\n"));
    }
}

/// Every file under `dir`, sorted, into `files`.
fn sources(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            sources(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
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
}
