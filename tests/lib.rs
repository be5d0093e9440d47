//! Support for the workspace-wide tests: where things are, and transcripts made from goldens.

use std::fs;
use std::path::{Path, PathBuf};

pub use golden::Golden;

/// The workspace's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_owned()
}

/// The example crates, by name: the folders of `examples/`.
pub fn examples() -> Vec<String> {
    crates_in("examples")
}

/// The exercise crates, by name: the folders of `exercises/`.
pub fn exercises() -> Vec<String> {
    crates_in("exercises")
}

fn crates_in(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join(folder))
        .unwrap_or_else(|e| panic!("{folder}/: {e}"))
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("Cargo.toml").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The golden file `golden/NAME.out`.
pub fn golden(name: &str) -> Golden {
    Golden::load(&root().join("golden").join(format!("{name}.out")))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A transcript that agrees with `golden`: its lines, with the published figures.
pub fn transcript(golden: &Golden) -> String {
    golden
        .lines
        .iter()
        .map(|line| line.render() + "\n")
        .collect()
}
