//! Every example is wired up: named as its folder, documented, graded by its goldens,
//! listed in the README; every golden belongs to an example; nothing reads reference data
//! from outside the project; and no test is left out of `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};

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

/// A target of the workspace that `cargo test` leaves out (`test = false` or
/// `doctest = false` in its Cargo.toml, so as not to build a harness that would run nothing)
/// has no unit test, or no documentation example, to lose.
#[test]
fn no_test_is_left_out_of_cargo_test() {
    let mut manifests = vec![root().join("tests/Cargo.toml")];
    for folder in ["crates", "examples", "exercises"] {
        for entry in fs::read_dir(root().join(folder)).unwrap() {
            let manifest = entry.unwrap().path().join("Cargo.toml");
            if manifest.is_file() {
                manifests.push(manifest);
            }
        }
    }
    let ci = fs::read_to_string(root().join(".ci/run")).unwrap();
    let ci_runs_doc_tests = ci
        .lines()
        .any(|l| l.trim() == "cargo test -q --doc --workspace");
    let mut left_out = Vec::new();
    for manifest in manifests {
        let dir = manifest.parent().unwrap();
        let text = fs::read_to_string(&manifest).unwrap();
        let toml: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        let package = toml["package"]["name"].as_str().unwrap().to_owned();
        // Each target with its root file.
        let mut targets = Vec::new();
        if let Some(lib) = toml.get("lib") {
            let path = lib
                .get("path")
                .and_then(|p| p.as_str())
                .unwrap_or("src/lib.rs");
            targets.push((format!("{package} (lib)"), lib, dir.join(path)));
        }
        for bin in toml
            .get("bin")
            .and_then(|b| b.as_array())
            .into_iter()
            .flatten()
        {
            let name = bin["name"].as_str().unwrap();
            let path = match bin.get("path").and_then(|p| p.as_str()) {
                Some(path) => path.to_owned(),
                None if name == package => "src/main.rs".to_owned(),
                None => format!("src/bin/{name}.rs"),
            };
            targets.push((format!("{package} (bin {name})"), bin, dir.join(path)));
        }
        for (target, settings, path) in targets {
            let off = |key: &str| settings.get(key).and_then(|v| v.as_bool()) == Some(false);
            if !off("test") && !off("doctest") {
                continue;
            }
            for file in module_files(&path) {
                let source = fs::read_to_string(&file).unwrap();
                let shown = file.strip_prefix(root()).unwrap().display();
                assert!(
                    !off("test") || !has_unit_tests(&source),
                    "{target}: `test = false`, but {shown} has unit tests"
                );
                // Documentation examples left out of `cargo test` (rustdoc compiles them
                // anew on every run) are still run, by CI's `cargo test --doc`.
                assert!(
                    !off("doctest") || !has_doc_tests(&source) || ci_runs_doc_tests,
                    "{target}: `doctest = false`, but {shown} has a documentation example, and \
                     .ci/run has no `cargo test -q --doc --workspace` to run it"
                );
            }
            left_out.push(target);
        }
    }
    assert!(
        !left_out.is_empty(),
        "no target is left out: nothing checked"
    );
}

/// The source files of the crate whose root is `root`: it, and the modules it declares
/// (`mod name;`), in their files, and theirs.
fn module_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![root.to_owned()];
    while let Some(file) = todo.pop() {
        let source =
            fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // A crate root or mod.rs has its modules beside it; other.rs in other/.
        let stem = file.file_stem().unwrap().to_str().unwrap();
        let dir = if file == root || stem == "mod" {
            file.parent().unwrap().to_owned()
        } else {
            file.with_extension("")
        };
        for line in source.lines() {
            let declared = line
                .trim()
                .strip_suffix(';')
                .and_then(|l| l.rsplit_once("mod "))
                .filter(|(before, _)| {
                    before.trim().is_empty()
                        || before.trim_end().ends_with("pub")
                        || before.trim_end().ends_with(')')
                });
            if let Some((_, name)) = declared {
                let flat = dir.join(format!("{name}.rs"));
                todo.push(if flat.is_file() {
                    flat
                } else {
                    dir.join(name).join("mod.rs")
                });
            }
        }
        files.push(file);
    }
    files
}

/// Whether the source has a unit test, or a module of them.
fn has_unit_tests(source: &str) -> bool {
    ["#[test]", "#[cfg(test)]", "::test]", "::test("]
        .iter()
        .any(|mark| source.contains(mark))
}

/// Whether the source's documentation has a code block that `cargo test` would build: Rust,
/// by its fence (no language, `rust`, `no_run`...), and not `ignore`d.
fn has_doc_tests(source: &str) -> bool {
    const RUST: [&str; 11] = [
        "",
        "rust",
        "no_run",
        "should_panic",
        "compile_fail",
        "test_harness",
        "standalone_crate",
        "edition2015",
        "edition2018",
        "edition2021",
        "edition2024",
    ];
    let mut in_block = false;
    for line in source.lines() {
        let line = line.trim_start();
        let Some(doc) = line
            .strip_prefix("///")
            .or_else(|| line.strip_prefix("//!"))
        else {
            continue;
        };
        let Some(info) = doc.trim().strip_prefix("```") else {
            continue;
        };
        if in_block {
            in_block = false;
            continue;
        }
        in_block = true;
        let tags: Vec<&str> = info.split([',', ' ']).map(str::trim).collect();
        if !tags.contains(&"ignore") && tags.iter().all(|tag| RUST.contains(tag)) {
            return true;
        }
    }
    false
}

#[test]
fn the_left_out_check_sees_tests_and_runnable_examples() {
    assert!(has_unit_tests("#[cfg(test)]\nmod tests {}"));
    assert!(has_unit_tests("#[tokio::test]\nasync fn t() {}"));
    assert!(!has_unit_tests("fn main() {}"));
    for runs in [
        "/// ```\n/// f();\n/// ```",
        "//! ```no_run\n//! ```",
        "/// ```rust\n/// ```",
    ] {
        assert!(has_doc_tests(runs), "{runs}");
    }
    for shown in [
        "/// ```text\n/// f();\n/// ```",
        "//! ```ignore\n//! ```",
        "/// ```sh\n/// ```\n/// no fence",
    ] {
        assert!(!has_doc_tests(shown), "{shown}");
    }
    let golden = module_files(&root().join("crates/golden/src/lib.rs"));
    assert!(
        golden.iter().any(|f| f.ends_with("pattern.rs")),
        "{golden:?}"
    );
}
