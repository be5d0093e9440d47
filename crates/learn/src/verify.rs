//! `learn verify`: every exercise's committed starting code fails its grade, and its solution
//! example passes it. An exercise with `compiles = false` (exercises/info.toml) fails by not
//! compiling, with rustc's error in its own code; any other must compile. The learner's files are never touched: an exercise whose files in the
//! working tree are those of the last commit is built where it is; one the learner changed
//! has its committed files written to a scratch workspace, `<target>/learn/verify/`, built
//! with its own target folder there.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use learn::{Exercise, Track};

use crate::check::{Place, Workspace, first_error, is_own_compile_error, where_it_fails};
use crate::git;
use crate::progress::grading_line;
use crate::{Stop, failure};

/// Where an exercise's starting code is built from.
enum Source {
    /// The working tree: it holds the committed code (or there is no commit to read).
    InPlace,
    /// The committed build inputs, by path from the exercise's folder: the working tree's
    /// differ.
    Committed(BTreeMap<String, Vec<u8>>),
}

pub fn verify(workspace: &Workspace, track: &Track, working_tree: bool) -> Result<ExitCode, Stop> {
    // What keeps an exercise from being checked at all: no folder, no golden.
    let problems: Vec<Option<String>> = track
        .exercises
        .iter()
        .map(|exercise| {
            let missing = exercise.missing(&workspace.root);
            if !missing.is_empty() {
                return Some(missing.join("; "));
            }
            workspace.graded_by(exercise).err()
        })
        .collect();
    let checked: Vec<&Exercise> = track
        .exercises
        .iter()
        .zip(&problems)
        .filter(|(_, problem)| problem.is_none())
        .map(|(exercise, _)| exercise)
        .collect();
    let sources = if working_tree {
        checked.iter().map(|_| Source::InPlace).collect()
    } else {
        starting_code(&workspace.root, &checked)
    };
    let mut in_place: Vec<&str> = Vec::new();
    let mut committed: BTreeMap<&str, &BTreeMap<String, Vec<u8>>> = BTreeMap::new();
    for (exercise, source) in checked.iter().zip(&sources) {
        match source {
            Source::InPlace => in_place.push(&exercise.name),
            Source::Committed(files) => {
                committed.insert(&exercise.name, files);
            }
        }
        in_place.push(&exercise.solution);
    }
    in_place.sort_unstable();
    in_place.dedup();
    let mut failed = workspace
        .build(
            &in_place,
            &format!("{} exercises and solutions", in_place.len()),
        )
        .map_err(failure)?;
    let scratch = if committed.is_empty() {
        None
    } else {
        let names: Vec<&str> = committed.keys().copied().collect();
        eprintln!(
            "{}: the working tree holds your edits, left alone; verifying the starting code as \
             committed (HEAD), copied to {}",
            names.join(", "),
            scratch_dir(workspace).display()
        );
        let place = prepare_scratch(workspace, &committed).map_err(failure)?;
        let what = format!("the starting code of {} exercises", names.len());
        failed.extend(workspace.build_in(&place, &names, &what).map_err(failure)?);
        Some(place)
    };
    let starting_binary = |name: &str| match (&scratch, committed.contains_key(name)) {
        (Some(place), true) => place.binary(name),
        _ => workspace.binary(name),
    };
    let width = track.exercises.iter().map(|e| e.name.len()).max();
    let width = width.unwrap_or(0);
    let total = checked.len();
    let names: Vec<&str> = checked.iter().map(|e| e.name.as_str()).collect();
    let progress = &workspace.progress;
    if progress.is_terminal() {
        progress.stage(&grading_line(0, total, &names));
    } else {
        progress.stage(&format!(
            "grading {total} exercises, the starting code and the solution of each…"
        ));
    }
    let tally = Mutex::new((0, names));
    let graded = |name: &str| {
        let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
        tally.0 += 1;
        tally.1.retain(|running| *running != name);
        progress.update(&grading_line(tally.0, total, &tally.1));
    };
    // Each grade is a few processes, mostly asleep in real time: check them side by side.
    let verdicts: Vec<(Result<String, String>, Option<String>)> = std::thread::scope(|scope| {
        let checks: Vec<_> = track
            .exercises
            .iter()
            .zip(problems)
            .map(|(exercise, problem)| {
                let (failed, graded) = (&failed, &graded);
                let program = starting_binary(&exercise.name);
                scope.spawn(move || match problem {
                    Some(problem) => (Err(problem), None),
                    None => {
                        let verdict = verify_one(workspace, exercise, failed, &program);
                        graded(&exercise.name);
                        verdict
                    }
                })
            })
            .collect();
        checks
            .into_iter()
            .map(|check| {
                check
                    .join()
                    .unwrap_or_else(|_| (Err("the check panicked".to_owned()), None))
            })
            .collect()
    });
    progress.clear();
    let mut details = Vec::new();
    let mut bad = 0;
    for (exercise, (verdict, detail)) in track.exercises.iter().zip(verdicts) {
        let name = &exercise.name;
        details.extend(detail);
        match verdict {
            Ok(line) => println!("ok    {name:width$}  {line}"),
            Err(line) => {
                bad += 1;
                println!("FAIL  {name:width$}  {line}");
            }
        }
    }
    for detail in details {
        println!("\n{}", detail.trim_end());
    }
    let total = track.exercises.len();
    if bad > 0 {
        return Err(failure(format!(
            "{bad} of {total} exercises fail verification"
        )));
    }
    println!("\nAll {total} exercises: the starting code fails, the solution passes.");
    Ok(ExitCode::SUCCESS)
}

/// One exercise's verification: its starting code (`starting`, the program built from it)
/// must fail its grade, and its solution example must pass it. The verdict line, and the
/// solution's disagreement in full where it fails.
fn verify_one(
    workspace: &Workspace,
    exercise: &Exercise,
    failed: &BTreeMap<String, String>,
    starting: &Path,
) -> (Result<String, String>, Option<String>) {
    let (name, solution) = (&exercise.name, &exercise.solution);
    let starting = match (failed.get(name), exercise.compiles) {
        (Some(errors), true) => Err(format!(
            "starting code does not compile: {}",
            first_error(errors)
        )),
        // `compiles = false`: its failure is rustc's error, from its own code.
        (Some(errors), false) if is_own_compile_error(name, errors) => Ok(format!(
            "starting code does not compile, as info.toml says: {}",
            first_error(errors)
        )),
        (Some(errors), false) => Err(format!(
            "starting code does not build, and not for an error in its own code: {}",
            first_error(errors)
        )),
        (None, false) => Err(
            "starting code compiles: info.toml says it does not (`compiles = false`)".to_owned(),
        ),
        (None, true) => match workspace.grade(name, starting) {
            Ok(()) => Err("starting code passes: it must fail".to_owned()),
            Err(text) => Ok(format!("starting code fails {}", where_it_fails(&text))),
        },
    };
    let mut detail = None;
    let solved = match failed.get(solution) {
        Some(errors) => Err(format!(
            "solution {solution} does not compile: {}",
            first_error(errors)
        )),
        None => match workspace.grade(name, &workspace.binary(solution)) {
            Ok(()) => Ok(format!("solution {solution} passes")),
            Err(text) => {
                let verdict = format!("solution {solution} fails {}", where_it_fails(&text));
                detail = Some(format!("{name}, solution {solution}:{text}"));
                Err(verdict)
            }
        },
    };
    let verdict = match (starting, solved) {
        (Ok(a), Ok(b)) => Ok(format!("{a}; {b}")),
        (a, b) => Err(format!(
            "{}; {}",
            a.unwrap_or_else(|e| e),
            b.unwrap_or_else(|e| e)
        )),
    };
    (verdict, detail)
}

/// Whether a file of an exercise's folder (its path from there, with `/`) is read by its
/// build: `Cargo.toml`, `build.rs`, `src/`.
fn is_build_input(path: &str) -> bool {
    path == "Cargo.toml" || path == "build.rs" || path.starts_with("src/")
}

/// Where each exercise's starting code comes from. Prints a note for those that cannot be
/// read from git (they are verified as they are in the working tree).
fn starting_code(root: &Path, exercises: &[&Exercise]) -> Vec<Source> {
    let committed = match git::committed_files(root, "exercises") {
        Ok(files) => files,
        Err(error) => {
            eprintln!(
                "note: {}; verifying the exercises as they are in the working tree",
                error.explain(root, "the committed starting code")
            );
            return exercises.iter().map(|_| Source::InPlace).collect();
        }
    };
    let mut uncommitted = Vec::new();
    let sources = exercises
        .iter()
        .map(|exercise| {
            let folder = format!("exercises/{}/", exercise.name);
            let files: BTreeMap<String, Vec<u8>> = committed
                .iter()
                .filter_map(|(path, content)| {
                    let inside = path.strip_prefix(&folder)?;
                    is_build_input(inside).then(|| (inside.to_owned(), content.clone()))
                })
                .collect();
            if files.is_empty() {
                uncommitted.push(exercise.name.as_str());
                return Source::InPlace;
            }
            if working_files(&exercise.dir(root)).is_some_and(|now| now == files) {
                Source::InPlace
            } else {
                Source::Committed(files)
            }
        })
        .collect();
    if !uncommitted.is_empty() {
        eprintln!(
            "note: {} not in the last commit (HEAD): verifying the working tree's code",
            uncommitted.join(", ")
        );
    }
    sources
}

/// The build inputs of the crate in `dir`, as the working tree holds them, by path from `dir`.
fn working_files(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut paths = vec![dir.join("Cargo.toml")];
    if dir.join("build.rs").is_file() {
        paths.push(dir.join("build.rs"));
    }
    crate::state::sources(&dir.join("src"), &mut paths).ok()?;
    paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(dir).ok()?;
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect::<Option<Vec<_>>>()?
                .join("/");
            Some((name, fs::read(&path).ok()?))
        })
        .collect()
}

fn scratch_dir(workspace: &Workspace) -> PathBuf {
    workspace.target().join("learn").join("verify")
}

/// Writes the scratch workspace: its Cargo.toml (the workspace's, see [`scratch_manifest`]),
/// the workspace's Cargo.lock (the same versions, no network), and a folder per exercise with
/// its committed files. A file is written only if it changed, so cargo rebuilds only what
/// did.
fn prepare_scratch(
    workspace: &Workspace,
    exercises: &BTreeMap<&str, &BTreeMap<String, Vec<u8>>>,
) -> Result<Place, String> {
    let dir = scratch_dir(workspace);
    let names: Vec<&str> = exercises.keys().copied().collect();
    let manifest = scratch_manifest(&workspace.root, &names)?;
    write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes())?;
    let lock = workspace.root.join("Cargo.lock");
    if let Ok(lock) = fs::read(&lock) {
        write_if_changed(&dir.join("Cargo.lock"), &lock)?;
    }
    // Folders of exercises no longer changed by the learner: out.
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("ex_") && !exercises.contains_key(name.as_str()) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
    for (name, files) in exercises {
        let crate_dir = dir.join(name);
        let mut stale = Vec::new();
        let _ = crate::state::sources(&crate_dir, &mut stale);
        for (path, content) in files.iter() {
            let file = crate_dir.join(path);
            stale.retain(|old| *old != file);
            write_if_changed(&file, content)?;
        }
        for old in stale {
            let _ = fs::remove_file(old);
        }
    }
    Ok(Place {
        manifest: Some(dir.join("Cargo.toml")),
        target: dir.join("target"),
    })
}

fn write_if_changed(file: &Path, content: &[u8]) -> Result<(), String> {
    if fs::read(file).is_ok_and(|old| old == content) {
        return Ok(());
    }
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fs::write(file, content).map_err(|e| format!("cannot write {}: {e}", file.display()))
}

/// The scratch workspace's Cargo.toml: the workspace's own, so that every `workspace = true`
/// of an exercise's Cargo.toml means what it means in the workspace, and the profiles are
/// the same; its members are the `exercises`, and its paths point into the workspace.
pub fn scratch_manifest(root: &Path, exercises: &[&str]) -> Result<String, String> {
    let path = root.join("Cargo.toml");
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut manifest: toml::Table =
        toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message().trim()))?;
    let absolute = |dependencies: &mut toml::Value| {
        for dependency in dependencies
            .as_table_mut()
            .into_iter()
            .flat_map(|t| t.iter_mut().map(|(_, v)| v))
        {
            if let Some(path) = dependency.get_mut("path")
                && let Some(relative) = path.as_str()
            {
                *path = toml::Value::String(root.join(relative).to_string_lossy().into_owned());
            }
        }
    };
    let workspace = manifest
        .get_mut("workspace")
        .and_then(toml::Value::as_table_mut)
        .ok_or_else(|| format!("{}: no [workspace]", path.display()))?;
    let members = exercises
        .iter()
        .map(|name| toml::Value::String(name.to_string()));
    workspace.insert("members".into(), toml::Value::Array(members.collect()));
    workspace.remove("default-members");
    workspace.remove("exclude");
    if let Some(dependencies) = workspace.get_mut("dependencies") {
        absolute(dependencies);
    }
    if let Some(patches) = manifest
        .get_mut("patch")
        .and_then(toml::Value::as_table_mut)
    {
        patches.iter_mut().for_each(|(_, v)| absolute(v));
    }
    if let Some(replace) = manifest.get_mut("replace") {
        absolute(replace);
    }
    let mut out = String::from(
        "# Written by `learn verify` from the workspace's Cargo.toml: the exercises' starting\n\
         # code as committed, for those whose files the learner changed.\n",
    );
    for (key, value) in &manifest {
        out.push_str(&format!("{} = {}\n", toml_key(key), toml_value(value)));
    }
    Ok(out)
}

/// A value as TOML, on one line (tables inline).
fn toml_value(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => toml_string(text),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(x) => format!("{x:?}"),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        toml::Value::Table(table) => {
            let entries: Vec<String> = table
                .iter()
                .map(|(key, value)| format!("{} = {}", toml_key(key), toml_value(value)))
                .collect();
            if entries.is_empty() {
                "{}".to_owned()
            } else {
                format!("{{ {} }}", entries.join(", "))
            }
        }
    }
}

fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scratch_manifest_is_the_workspace_s_with_its_paths_absolute() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join("Cargo.toml"),
            r#"[workspace]
resolver = "3"
members = ["crates/*", "exercises/*"]
default-members = ["crates/*"]

[workspace.package]
edition = "2024"

[workspace.dependencies]
tokio = { version = "1.54", default-features = false, features = ["rt", "time"] }
vclock = { path = "crates/vclock" }
odd = { version = "1", package = "a \"quoted\" \\ name" }

[profile.dev]
debug = "line-tables-only"

[profile.dev.package."*"]
debug = false

[patch.crates-io]
tokio = { path = "vendor/tokio" }
"#,
        )
        .unwrap();
        let text = scratch_manifest(root, &["ex_one", "ex_two"]).unwrap();
        let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let workspace = &parsed["workspace"];
        assert_eq!(
            workspace["members"].as_array().unwrap(),
            &vec![toml::Value::from("ex_one"), toml::Value::from("ex_two")]
        );
        assert!(workspace.get("default-members").is_none());
        assert_eq!(workspace["resolver"].as_str(), Some("3"));
        assert_eq!(workspace["package"]["edition"].as_str(), Some("2024"));
        let dependencies = &workspace["dependencies"];
        assert_eq!(
            dependencies["vclock"]["path"].as_str().unwrap(),
            root.join("crates/vclock").to_str().unwrap()
        );
        assert_eq!(
            dependencies["tokio"]["features"].as_array().unwrap().len(),
            2
        );
        assert_eq!(
            dependencies["odd"]["package"].as_str(),
            Some("a \"quoted\" \\ name")
        );
        assert_eq!(
            parsed["profile"]["dev"]["package"]["*"]["debug"].as_bool(),
            Some(false)
        );
        assert_eq!(
            parsed["patch"]["crates-io"]["tokio"]["path"]
                .as_str()
                .unwrap(),
            root.join("vendor/tokio").to_str().unwrap()
        );
    }

    #[test]
    fn build_inputs_are_the_manifest_the_build_script_and_src() {
        assert!(is_build_input("Cargo.toml"));
        assert!(is_build_input("build.rs"));
        assert!(is_build_input("src/main.rs"));
        assert!(is_build_input("src/bin/x.rs"));
        assert!(!is_build_input("tests/grade.rs"));
        assert!(!is_build_input("README.md"));
    }

    #[test]
    fn the_working_files_are_keyed_like_git_s() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("src/bin")).unwrap();
        fs::create_dir_all(dir.path().join("tests")).unwrap();
        fs::write(dir.path().join("Cargo.toml"), "[package]").unwrap();
        fs::write(dir.path().join("src/main.rs"), "fn main() {}").unwrap();
        fs::write(dir.path().join("src/bin/x.rs"), "").unwrap();
        fs::write(dir.path().join("tests/grade.rs"), "").unwrap();
        let files = working_files(dir.path()).unwrap();
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(names, ["Cargo.toml", "src/bin/x.rs", "src/main.rs"]);
    }
}
