//! The exercise track holds together: exercises/info.toml lists every exercise folder, in
//! the README's order; each exercise is one file with a TODO, graded by the goldens of its
//! solution example (the same transcripts, case for case) and able to build that solution.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use golden::goldens_of;
use learn::Track;
use workspace_tests::{exercises, root};

fn track() -> Track {
    Track::load(&root()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn info_toml_lists_every_exercise_folder_and_nothing_else() {
    let track = track();
    track
        .check_workspace(&root())
        .unwrap_or_else(|e| panic!("{e}"));
    let listed: BTreeSet<String> = track.exercises.iter().map(|e| e.name.clone()).collect();
    let folders: BTreeSet<String> = exercises().into_iter().collect();
    assert_eq!(listed, folders);
    assert!(listed.len() >= 12, "{} exercises", listed.len());
}

#[test]
fn each_exercise_is_graded_by_its_solution_goldens_not_copies() {
    let golden_dir = root().join("golden");
    for exercise in track().exercises {
        let graded =
            golden::exercise_goldens(&exercise.name, &golden_dir).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = graded.iter().map(|g| g.name.as_str()).collect();
        let solution: Vec<String> = goldens_of(&exercise.solution, &golden_dir)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|g| g.name)
            // clap's --help names the binary that runs; it is not part of any lesson.
            .filter(|name| !name.ends_with(".help"))
            .collect();
        assert_eq!(names, solution, "{}", exercise.name);
        assert!(
            goldens_of(&exercise.name, &golden_dir).is_err(),
            "{}: no golden/{}*.out of its own: it is graded by its solution's",
            exercise.name,
            exercise.name
        );
    }
}

/// The crate names under `[dependencies]` of a Cargo.toml.
fn dependencies(manifest: &Path) -> BTreeSet<String> {
    let text =
        fs::read_to_string(manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    text.lines()
        .skip_while(|l| l.trim() != "[dependencies]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split(['.', '=', ' ']).next())
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn each_exercise_is_one_file_with_a_todo_and_its_solution_s_dependencies() {
    for exercise in track().exercises {
        let dir = root().join("exercises").join(&exercise.name);
        let main = fs::read_to_string(dir.join("src/main.rs")).unwrap();
        assert!(
            main.starts_with(&format!("//! Exercise `{}`", exercise.name)),
            "{}: the doc comment opens with the exercise's name",
            exercise.name
        );
        assert!(
            main.contains("// TODO"),
            "{}: a TODO marks the place",
            exercise.name
        );
        let files: Vec<_> = fs::read_dir(dir.join("src")).unwrap().collect();
        assert_eq!(
            files.len(),
            1,
            "{}: src/ holds main.rs alone",
            exercise.name
        );
        let test = fs::read_to_string(dir.join("tests/grade.rs")).unwrap();
        assert!(
            test.contains("golden::grade_exercise!()"),
            "{}: graded by golden::grade_exercise!",
            exercise.name
        );
        let needs = dependencies(
            &root()
                .join("examples")
                .join(&exercise.solution)
                .join("Cargo.toml"),
        );
        let has = dependencies(&dir.join("Cargo.toml"));
        assert!(
            needs.is_subset(&has),
            "{}: lacks its solution's dependencies {:?}",
            exercise.name,
            needs.difference(&has).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_readme_lists_the_exercises_in_the_track_s_order() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let listed: Vec<(String, String)> = readme
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("| `ex_"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[2].trim_matches('`').to_owned(),
                cells[4].trim_matches('`').to_owned(),
            )
        })
        .collect();
    let track: Vec<(String, String)> = track()
        .exercises
        .into_iter()
        .map(|e| (e.name, e.solution))
        .collect();
    assert_eq!(
        listed, track,
        "README's exercise table: name and solution, in order"
    );
}

/// An exercise whose starting code does not compile on purpose (`compiles = false`) says
/// what rustc's error means (`explain`), and only such an one; `make lint` leaves exactly
/// those out of clippy, by asking learn for them (`learn not-compiling`).
#[test]
fn a_starting_code_that_does_not_compile_is_explained_and_left_out_of_clippy() {
    for exercise in track().exercises {
        let explained = exercise
            .explain
            .as_deref()
            .is_some_and(|text| !text.trim().is_empty());
        assert_eq!(
            !exercise.compiles, explained,
            "{}: `compiles = false` and an `explain` go together in exercises/info.toml",
            exercise.name
        );
    }
    let makefile = fs::read_to_string(root().join("Makefile")).unwrap();
    let lint: Vec<&str> = makefile
        .lines()
        .skip_while(|line| !line.starts_with("lint:"))
        .skip(1)
        .take_while(|line| line.starts_with('\t'))
        .collect();
    assert!(
        lint.iter()
            .any(|line| line.contains("cargo run -q -p learn -- not-compiling"))
            && lint
                .iter()
                .any(|line| line.contains("cargo clippy --workspace $$excluded")),
        "make lint's clippy leaves out the exercises `learn not-compiling` names: {lint:#?}"
    );
}
