//! The exercise track, as `exercises/info.toml` describes it.
//!
//! ```no_run
//! let root = learn::workspace_root()?;
//! let track = learn::Track::load(&root)?; // the file itself: well formed, names valid
//! track.check_workspace(&root)?; // every exercise and solution has its folder
//! for exercise in &track.exercises {
//!     println!("{}: {}", exercise.name, exercise.title);
//! }
//! # Ok::<(), learn::Error>(())
//! ```
//!
//! The `learn` command (`cargo run -p learn`) is built on this; so are the workspace tests
//! that check the README and the exercise folders against the track.

pub mod timeline;

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the track is described, relative to the workspace root.
pub const INFO_TOML: &str = "exercises/info.toml";

/// The exercise track, in learning order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub exercises: Vec<Exercise>,
}

/// One exercise: the crate `exercises/NAME`, graded against `golden/NAME*.out`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// The exercise crate, `ex_…`; its folder is `exercises/NAME`.
    pub name: String,
    /// The example crate (`examples/SOLUTION`) that solves it: the exercise's goldens are
    /// that example's transcripts.
    pub solution: String,
    /// The lesson, in a few words.
    pub title: String,
    /// What to change, in asyncio and tokio terms, without the code.
    pub hint: String,
    /// Whether the starting code compiles (`compiles = false`: it starts with the compile
    /// error a Python programmer meets first, and rustc's message is its first verdict).
    #[serde(default = "compiles_by_default")]
    pub compiles: bool,
    /// What rustc's error means in asyncio terms and where to look: shown after rustc's
    /// message while the exercise does not compile. Given exactly when `compiles = false`.
    #[serde(default)]
    pub explain: Option<String>,
}

fn compiles_by_default() -> bool {
    true
}

/// The file as written: `[[exercise]]` tables.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InfoToml {
    #[serde(default)]
    exercise: Vec<Exercise>,
}

/// Why the track could not be read or does not hold. Its `Display` is one line.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read.
    Read { path: PathBuf, source: io::Error },
    /// Not TOML of the expected shape (bad syntax, a missing or unknown field). `at` is the
    /// 1-based line and column, when known.
    Syntax {
        path: PathBuf,
        at: Option<(usize, usize)>,
        message: String,
    },
    /// Well-formed, but against a rule of the track (a duplicate name, a name without `ex_`).
    Invalid { path: PathBuf, message: String },
    /// Exercises or solutions that have no folder in the workspace.
    Missing { problems: Vec<String> },
    /// No workspace with `exercises/info.toml` at or above `start`.
    NoRoot { start: PathBuf },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Error::Syntax {
                path,
                at: Some((line, column)),
                message,
            } => write!(f, "{}:{line}:{column}: {message}", path.display()),
            Error::Syntax {
                path,
                at: None,
                message,
            } => write!(f, "{}: {message}", path.display()),
            Error::Invalid { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Missing { problems } => f.write_str(&problems.join("; ")),
            Error::NoRoot { start } => write!(
                f,
                "no workspace with {INFO_TOML} at or above {}",
                start.display()
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Track {
    /// Reads `exercises/info.toml` under the workspace `root` and checks the file itself
    /// (see [`Track::parse`]); its errors name the file as `exercises/info.toml`. The
    /// folders are checked by [`Track::check_workspace`].
    pub fn load(root: &Path) -> Result<Track, Error> {
        let path = root.join(INFO_TOML);
        let text = fs::read_to_string(&path).map_err(|source| Error::Read { path, source })?;
        Track::parse(&text, Path::new(INFO_TOML))
    }

    /// Parses the text of an info.toml (`path` is only for the messages) and checks it: at
    /// least one exercise, every field present and not empty, no unknown field, every name
    /// an `ex_…` crate name, no name twice.
    pub fn parse(text: &str, path: &Path) -> Result<Track, Error> {
        let file: InfoToml = toml::from_str(text).map_err(|e| Error::Syntax {
            path: path.to_owned(),
            at: e.span().map(|span| line_and_column(text, span.start)),
            message: e.message().trim().replace('\n', "; "),
        })?;
        let track = Track {
            exercises: file.exercise,
        };
        track.validate().map_err(|message| Error::Invalid {
            path: path.to_owned(),
            message,
        })?;
        Ok(track)
    }

    fn validate(&self) -> Result<(), String> {
        if self.exercises.is_empty() {
            return Err("no [[exercise]]: the track lists no exercise".to_owned());
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (index, exercise) in self.exercises.iter().enumerate() {
            let number = index + 1;
            let name = &exercise.name;
            let is_crate_name = name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !name.starts_with("ex_") || name.len() == 3 || !is_crate_name {
                return Err(format!(
                    "exercise {number}: the name `{name}` must be `ex_` then lowercase letters, digits or `_`"
                ));
            }
            for (field, value) in [
                ("solution", &exercise.solution),
                ("title", &exercise.title),
                ("hint", &exercise.hint),
            ] {
                if value.trim().is_empty() {
                    return Err(format!("exercise {number} ({name}): `{field}` is empty"));
                }
            }
            match (
                exercise.compiles,
                exercise.explain.as_deref().map(str::trim),
            ) {
                (false, None | Some("")) => {
                    return Err(format!(
                        "exercise {number} ({name}): `compiles = false` needs an `explain`: what rustc's error means in asyncio terms"
                    ));
                }
                (true, Some(_)) => {
                    return Err(format!(
                        "exercise {number} ({name}): `explain` is only for an exercise whose starting code does not compile (`compiles = false`)"
                    ));
                }
                _ => {}
            }
            if let Some(first) = seen.insert(name, number) {
                return Err(format!(
                    "`{name}` is listed twice, as exercise {first} and exercise {number}"
                ));
            }
        }
        Ok(())
    }

    /// Checks the track against the workspace at `root`: every exercise has its crate
    /// (`exercises/NAME/Cargo.toml` and `src/main.rs`) and every solution its example
    /// (`examples/SOLUTION/Cargo.toml`). The error names every one missing.
    pub fn check_workspace(&self, root: &Path) -> Result<(), Error> {
        let problems: Vec<String> = self
            .exercises
            .iter()
            .filter_map(|exercise| exercise.check_folders(root).err())
            .flat_map(|error| match error {
                Error::Missing { problems } => problems,
                other => vec![other.to_string()],
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Missing { problems })
        }
    }

    /// The exercise called `name`.
    pub fn get(&self, name: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|exercise| exercise.name == name)
    }

    /// The exercises' names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.exercises.iter().map(|e| e.name.as_str()).collect()
    }
}

impl Exercise {
    /// The exercise's crate: `exercises/NAME` under the workspace `root`.
    pub fn dir(&self, root: &Path) -> PathBuf {
        root.join("exercises").join(&self.name)
    }

    /// The file the learner edits: `exercises/NAME/src/main.rs`.
    pub fn main_rs(&self, root: &Path) -> PathBuf {
        self.dir(root).join("src").join("main.rs")
    }

    /// What is missing under `root` of the exercise's crate (`exercises/NAME/Cargo.toml`,
    /// `src/main.rs`) and its solution's example (`examples/SOLUTION/Cargo.toml`), in words;
    /// empty when nothing is.
    pub fn missing(&self, root: &Path) -> Vec<String> {
        let solution = root.join("examples").join(&self.solution);
        let crate_files = [self.dir(root).join("Cargo.toml"), self.main_rs(root)];
        let mut missing: Vec<String> = crate_files
            .iter()
            .find(|file| !file.is_file())
            .map(|file| format!("no {}", relative(file, root).display()))
            .into_iter()
            .collect();
        if !solution.join("Cargo.toml").is_file() {
            missing.push(format!(
                "no {} for its solution",
                relative(&solution.join("Cargo.toml"), root).display()
            ));
        }
        missing
    }

    /// Checks that the exercise's crate and its solution's example exist under `root`.
    pub fn check_folders(&self, root: &Path) -> Result<(), Error> {
        let missing = self.missing(root);
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::Missing {
            problems: missing
                .into_iter()
                .map(|what| format!("{}: {what}", self.name))
                .collect(),
        })
    }
}

fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// The 1-based line and column of the byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The workspace root at or above `start`: the first folder holding both a `Cargo.toml`
/// that declares `[workspace]` and an `exercises/info.toml`.
pub fn find_root(start: &Path) -> Result<PathBuf, Error> {
    let is_root = |dir: &Path| {
        dir.join(INFO_TOML).is_file()
            && fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|m| m.contains("[workspace]"))
    };
    start
        .ancestors()
        .find(|dir| is_root(dir))
        .map(Path::to_owned)
        .ok_or_else(|| Error::NoRoot {
            start: start.to_owned(),
        })
}

/// The workspace root: found from the current folder, else from where this crate was
/// built (so `cargo run -p learn` works from anywhere inside or outside the workspace).
pub fn workspace_root() -> Result<PathBuf, Error> {
    let here = std::env::current_dir().unwrap_or_default();
    find_root(&here)
        .or_else(|error| find_root(Path::new(env!("CARGO_MANIFEST_DIR"))).or(Err(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"
[[exercise]]
name = "ex_one"
solution = "one"
title = "the first"
hint = "do the first thing"

[[exercise]]
name = "ex_two"
solution = "two"
title = "the second"
hint = """do the
second thing"""
"#;

    fn parse(text: &str) -> Result<Track, Error> {
        Track::parse(text, Path::new("exercises/info.toml"))
    }

    #[test]
    fn exercises_in_order() {
        let track = parse(TWO).unwrap();
        assert_eq!(track.names(), ["ex_one", "ex_two"]);
        let two = track.get("ex_two").unwrap();
        assert_eq!(two.solution, "two");
        assert_eq!(two.hint, "do the\nsecond thing");
        assert!(track.get("ex_three").is_none());
    }

    #[test]
    fn bad_toml_is_one_line_with_its_place() {
        let error = parse("[[exercise]]\nname = \"ex_one\nsolution = \"one\"\n").unwrap_err();
        assert!(
            matches!(
                error,
                Error::Syntax {
                    at: Some((2, _)),
                    ..
                }
            ),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.starts_with("exercises/info.toml:2:"), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }

    #[test]
    fn missing_and_unknown_fields_are_named() {
        let missing = TWO.replace("hint = \"do the first thing\"\n", "");
        let message = parse(&missing).unwrap_err().to_string();
        assert!(message.contains("hint"), "{message}");
        let unknown = TWO.replace(
            "title = \"the first\"",
            "title = \"the first\"\ntitel = \"x\"",
        );
        let message = parse(&unknown).unwrap_err().to_string();
        assert!(message.contains("titel"), "{message}");
    }

    #[test]
    fn duplicate_names_are_refused() {
        let error = parse(&TWO.replace("ex_two", "ex_one")).unwrap_err();
        assert!(matches!(error, Error::Invalid { .. }), "{error:?}");
        assert_eq!(
            error.to_string(),
            "exercises/info.toml: `ex_one` is listed twice, as exercise 1 and exercise 2"
        );
    }

    #[test]
    fn names_start_with_ex_and_fields_are_not_empty() {
        for bad in ["one", "ex_", "ex-two", "ex_Two"] {
            let error = parse(&TWO.replace("ex_two", bad)).unwrap_err();
            assert!(error.to_string().contains(bad), "{bad}: {error}");
        }
        let error = parse(&TWO.replace("\"the first\"", "\"  \"")).unwrap_err();
        assert!(error.to_string().contains("`title` is empty"), "{error}");
        let error = parse("# nothing yet\n").unwrap_err();
        assert!(error.to_string().contains("no exercise"), "{error}");
    }

    #[test]
    fn a_starting_code_that_does_not_compile_comes_with_its_explanation() {
        let track = parse(TWO).unwrap();
        assert!(
            track
                .exercises
                .iter()
                .all(|e| e.compiles && e.explain.is_none())
        );
        let broken = TWO.replace(
            "hint = \"do the first thing\"",
            "hint = \"do the first thing\"\ncompiles = false\nexplain = \"\"\"\nwhat E0283 means\"\"\"",
        );
        let one = parse(&broken).unwrap().exercises.remove(0);
        assert!(!one.compiles);
        assert_eq!(one.explain.as_deref(), Some("what E0283 means"));
        // Each without the other is refused, as is an explanation with nothing in it.
        let error = parse(&broken.replace("explain = \"\"\"\nwhat E0283 means\"\"\"", ""))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`compiles = false` needs an `explain`"),
            "{error}"
        );
        let error = parse(&broken.replace("what E0283 means", " "))
            .unwrap_err()
            .to_string();
        assert!(error.contains("needs an `explain`"), "{error}");
        let error = parse(&broken.replace("compiles = false\n", ""))
            .unwrap_err()
            .to_string();
        assert!(error.contains("(ex_one): `explain` is only for"), "{error}");
        let error = parse(&broken.replace("compiles = false", "compiles = \"no\""))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(":7:") && error.contains("boolean"),
            "{error}"
        );
    }

    #[test]
    fn missing_folders_are_all_named() {
        let root = tempfile::tempdir().unwrap();
        let track = parse(TWO).unwrap();
        fs::create_dir_all(root.path().join("exercises/ex_one/src")).unwrap();
        fs::write(root.path().join("exercises/ex_one/Cargo.toml"), "").unwrap();
        fs::write(root.path().join("exercises/ex_one/src/main.rs"), "").unwrap();
        fs::create_dir_all(root.path().join("examples/one")).unwrap();
        fs::write(root.path().join("examples/one/Cargo.toml"), "").unwrap();
        assert!(track.exercises[0].check_folders(root.path()).is_ok());
        let message = track.check_workspace(root.path()).unwrap_err().to_string();
        assert_eq!(
            message,
            "ex_two: no exercises/ex_two/Cargo.toml; ex_two: no examples/two/Cargo.toml for its solution"
        );
    }

    #[test]
    fn the_real_track_parses() {
        let root = find_root(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let track = Track::load(&root).unwrap();
        assert!(!track.exercises.is_empty());
    }
}
