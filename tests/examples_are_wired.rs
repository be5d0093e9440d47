//! Every example is wired up: named as its folder, documented, graded by its goldens,
//! listed in the README; every golden belongs to an example; and nothing reads reference data
//! from outside the project.

use std::fs;

use workspace_tests::{examples, exercises, root};

#[test]
fn every_example_is_a_documented_port_with_a_graded_golden() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    let golden_dir = root().join("golden");
    let examples = examples();
    assert!(!examples.is_empty());
    for name in &examples {
        let dir = root().join("examples").join(name);
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "{name}: package name"
        );
        let main = fs::read_to_string(dir.join("src/main.rs")).unwrap();
        assert!(
            main.starts_with("//! Port of"),
            "{name}: doc comment naming the original"
        );
        assert!(
            main.contains("Lesson:"),
            "{name}: doc comment naming the lesson"
        );
        let test = fs::read_to_string(dir.join("tests/golden.rs")).unwrap();
        assert!(
            test.contains("golden::check_example!()"),
            "{name}: golden test"
        );
        let goldens = golden::goldens_of(name, &golden_dir).unwrap_or_else(|e| panic!("{e}"));
        assert!(!goldens.is_empty(), "{name}: no golden");
        assert!(
            readme.contains(&format!("`{name}`")),
            "{name}: not listed in README.md"
        );
    }
}

#[test]
fn every_golden_belongs_to_an_example_or_exercise() {
    let mut examples = examples();
    examples.extend(exercises());
    for entry in fs::read_dir(root().join("golden")).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = file
            .strip_suffix(".out")
            .unwrap_or_else(|| panic!("{file}: not a .out file"));
        let example = stem.split('.').next().unwrap();
        assert!(
            examples.iter().any(|e| e == example),
            "{file}: no example or exercise {example}"
        );
        let golden = golden::Golden::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            golden.example, example,
            "{file}: `run:` names another example"
        );
    }
}

#[test]
fn the_project_stands_alone() {
    let mut files = vec![root().join("Makefile"), root().join(".ci/run")];
    for top in ["examples", "exercises", "crates", "tests"] {
        let mut dirs = vec![root().join(top)];
        while let Some(dir) = dirs.pop() {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs" || e == "toml") {
                    files.push(path);
                }
            }
        }
    }
    let needle = ["..", "shared"].join("/");
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_default();
        assert!(!text.contains(&needle), "{} reads {needle}", file.display());
    }
}

#[test]
fn the_readme_opens_with_the_two_commands_and_ci_runs_its_test_command() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let first_block: Vec<&str> = readme
        .split("```")
        .nth(1)
        .expect("a code block at the top")
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(first_block, ["cargo run -p async_chores", "cargo test"]);
    let ci = fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|line| line == first_block[1]),
        ".ci/run must run `{}`",
        first_block[1]
    );
}
