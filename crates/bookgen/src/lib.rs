//! The book's tooling (`book/`, an mdBook).
//!
//! [`outputs`] turns each golden transcript (`golden/NAME[.CASE].out`) into what a learner
//! sees: `book/src/generated/outputs/NAME[.CASE].txt`, with every marker as a readable
//! placeholder, and `NAME[.CASE].run.txt`, the commands that run it. [`check`] proves the
//! book complete and sound: a page for every example and exercise, every include and anchor
//! present, every output block an include of a golden's output, no broken link in the
//! built HTML.

pub mod check;
pub mod html;
pub mod outputs;

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace the book belongs to, by its root folder.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    /// The workspace above the current folder.
    pub fn find() -> Result<Project, String> {
        let here = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
        let golden = golden::golden_dir(&here)?;
        Ok(Project::at(
            golden.parent().expect("golden/ is in a folder"),
        ))
    }

    pub fn at(root: &Path) -> Project {
        Project {
            root: root.to_owned(),
        }
    }

    pub fn golden_dir(&self) -> PathBuf {
        self.root.join("golden")
    }

    /// The book's sources: `book/src`.
    pub fn src_dir(&self) -> PathBuf {
        self.root.join("book/src")
    }

    /// The built book: `book/build`.
    pub fn build_dir(&self) -> PathBuf {
        self.root.join("book/build")
    }

    pub fn outputs_dir(&self) -> PathBuf {
        self.src_dir().join("generated/outputs")
    }

    pub fn timelines_dir(&self) -> PathBuf {
        self.src_dir().join("generated/timelines")
    }

    /// The example crates by name: the folders of `examples/` with a `Cargo.toml`.
    pub fn examples(&self) -> Vec<String> {
        crates_in(&self.root.join("examples"))
    }

    /// The exercise crates by name: the folders of `exercises/` with a `Cargo.toml`.
    pub fn exercises(&self) -> Vec<String> {
        crates_in(&self.root.join("exercises"))
    }

    /// Every golden file's path, sorted.
    pub fn golden_files(&self) -> Result<Vec<PathBuf>, String> {
        let dir = self.golden_dir();
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "out"))
            .collect();
        paths.sort();
        Ok(paths)
    }

    /// The examples and exercises that have a timeline: those whose golden `NAME.out` runs
    /// on the paused clock. (`cargo run -p learn -- timeline` draws a paused-clock run; a
    /// program that talks to a server over sockets runs on the real clock and has none, and
    /// an exercise whose starting code does not compile has no run to draw.)
    pub fn with_timelines(&self) -> Result<Vec<String>, String> {
        let mut names = Vec::new();
        for name in self.examples().into_iter().chain(self.exercises()) {
            if self.has_timeline(&name)? {
                names.push(name);
            }
        }
        Ok(names)
    }

    /// Whether `name`'s golden `NAME.out` (an exercise's: its solution's) runs on the paused
    /// clock, so that it has a timeline; never for an exercise whose starting code does not
    /// compile (see [`Project::does_not_compile`]).
    pub fn has_timeline(&self, name: &str) -> Result<bool, String> {
        if self.does_not_compile(name)? {
            return Ok(false);
        }
        let golden = if self.exercises().iter().any(|e| e == name) {
            golden::exercise_goldens(name, &self.golden_dir())?
                .into_iter()
                .next()
                .ok_or_else(|| format!("{name}: no golden"))?
        } else {
            golden::Golden::load(&self.golden_dir().join(format!("{name}.out")))?
        };
        Ok(golden.clock == golden::Clock::Paused)
    }

    /// Whether `name` is an exercise whose starting code does not compile on purpose:
    /// `compiles = false` in its `exercises/info.toml` entry.
    pub fn does_not_compile(&self, name: &str) -> Result<bool, String> {
        Ok(self.exercise_entries()?.iter().any(|e| {
            e.get("name").and_then(|n| n.as_str()) == Some(name)
                && e.get("compiles").and_then(|c| c.as_bool()) == Some(false)
        }))
    }

    /// The `[[exercise]]` tables of `exercises/info.toml`; none without the file.
    pub fn exercise_entries(&self) -> Result<Vec<toml::Table>, String> {
        let path = self.root.join("exercises/info.toml");
        if !path.exists() {
            return Ok(Vec::new());
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| format!("exercises/info.toml: {e}"))?;
        Ok(table
            .get("exercise")
            .and_then(|e| e.as_array())
            .into_iter()
            .flatten()
            .filter_map(|e| e.as_table().cloned())
            .collect())
    }

    /// `path` relative to the workspace root, for messages.
    pub fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

fn crates_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("Cargo.toml").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
