//! The saved state's key: a hash of everything that decides an exercise's grade, so that an
//! unchanged `learn list` answers from `<target>/learn/` without cargo or any program run.
//!
//! What goes in, for exercise NAME solved by SOLUTION:
//! - the exercise's `Cargo.toml`, `build.rs` and every file under its `src/`;
//! - its goldens, `golden/NAME*.out`, and its solution's, `golden/SOLUTION*.out`;
//! - every workspace crate it depends on (its dev-dependencies too: the grader, golden), and
//!   theirs, always with `crates/golden` and `crates/vclock`: each one's `Cargo.toml`,
//!   `build.rs` and `src/`;
//! - the workspace's `Cargo.toml`, `Cargo.lock`, `.cargo/config.toml` and `rust-toolchain`
//!   files;
//! - the toolchain: which rustc builds (the one beside `CARGO`, `RUSTC`, or the one rustup
//!   picks), by path, size and modification time, and the environment variables that change
//!   a build (`RUSTFLAGS`...). Asking `rustc -vV` would run a program on every `learn list`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use golden::is_golden_of;
use learn::Exercise;

/// Bumped when what the key covers changes, so that older saved grades count as unknown.
const VERSION: &str = "learn state 2";

/// The workspace crates every grade depends on: the grader and the paused clock.
const ALWAYS: [&str; 2] = ["crates/golden", "crates/vclock"];

/// The workspace-wide part of the keys, worked out once per command.
pub struct State {
    root: PathBuf,
    golden_dir: PathBuf,
    /// The toolchain and the workspace-wide files, hashed.
    shared: u64,
    /// `[workspace.dependencies]` entries with a `path`: name, folder.
    workspace_paths: BTreeMap<String, PathBuf>,
    /// The names of the files in `golden/`.
    golden_names: Vec<String>,
    /// Each local crate's hash, by folder (a crate is hashed once for all exercises).
    crates: Mutex<BTreeMap<PathBuf, u64>>,
}

impl State {
    /// The state of the workspace at `root`, with the toolchain as the environment `env`
    /// describes it (`std::env::var_os` in the command).
    pub fn new(
        root: &Path,
        golden_dir: &Path,
        env: &dyn Fn(&str) -> Option<OsString>,
    ) -> Result<State, String> {
        let mut hasher = DefaultHasher::new();
        VERSION.hash(&mut hasher);
        toolchain(root, env).hash(&mut hasher);
        for file in [
            "Cargo.toml",
            "Cargo.lock",
            ".cargo/config.toml",
            ".cargo/config",
            "rust-toolchain",
            "rust-toolchain.toml",
        ] {
            file.hash(&mut hasher);
            // An absent file is hashed as absent: creating it changes the key.
            fs::read(root.join(file)).ok().hash(&mut hasher);
        }
        let manifest = read_toml(&root.join("Cargo.toml"))?;
        let workspace_paths = manifest
            .get("workspace")
            .and_then(|w| w.get("dependencies"))
            .and_then(toml::Value::as_table)
            .map(|deps| {
                deps.iter()
                    .filter_map(|(name, dep)| {
                        let path = dep.get("path")?.as_str()?;
                        Some((name.clone(), root.join(path)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let entries = fs::read_dir(golden_dir)
            .map_err(|e| format!("cannot list {}: {e}", golden_dir.display()))?;
        let mut golden_names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        golden_names.sort();
        Ok(State {
            root: root.to_owned(),
            golden_dir: golden_dir.to_owned(),
            shared: hasher.finish(),
            workspace_paths,
            golden_names,
            crates: Mutex::new(BTreeMap::new()),
        })
    }

    /// The key of `exercise`'s grade as the workspace is now.
    pub fn key(&self, exercise: &Exercise) -> Result<u64, String> {
        let mut hasher = DefaultHasher::new();
        self.shared.hash(&mut hasher);
        exercise.name.hash(&mut hasher);
        exercise.solution.hash(&mut hasher);
        let dir = exercise.dir(&self.root);
        self.hash_crate_files(&dir, &mut hasher)?;
        for name in [&exercise.name, &exercise.solution] {
            for file in self.golden_names.iter().filter(|f| is_golden_of(f, name)) {
                let path = self.golden_dir.join(file);
                file.hash(&mut hasher);
                read(&path)?.hash(&mut hasher);
            }
        }
        for dependency in self.local_crates(&dir)? {
            relative(&dependency, &self.root).hash(&mut hasher);
            self.crate_hash(&dependency)?.hash(&mut hasher);
        }
        Ok(hasher.finish())
    }

    /// The workspace crates that the crate in `dir` depends on (dev-dependencies included),
    /// and theirs (without theirs), with the grader and the paused clock: their folders.
    fn local_crates(&self, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let mut found: Vec<PathBuf> = ALWAYS.iter().map(|c| self.root.join(c)).collect();
        found.extend(self.dependencies(dir, true)?);
        let mut index = 0;
        while index < found.len() {
            let next = self.dependencies(&found[index], false)?;
            for dependency in next {
                if !found.contains(&dependency) {
                    found.push(dependency);
                }
            }
            index += 1;
        }
        found.sort();
        found.dedup();
        Ok(found)
    }

    /// The folders of the path dependencies in `dir/Cargo.toml`, directly or through
    /// `[workspace.dependencies]`; dev-dependencies only if `dev`.
    fn dependencies(&self, dir: &Path, dev: bool) -> Result<Vec<PathBuf>, String> {
        let manifest = read_toml(&dir.join("Cargo.toml"))?;
        let kinds: &[&str] = if dev {
            &["dependencies", "build-dependencies", "dev-dependencies"]
        } else {
            &["dependencies", "build-dependencies"]
        };
        let mut tables: Vec<&toml::Table> = kinds
            .iter()
            .filter_map(|kind| manifest.get(*kind)?.as_table())
            .collect();
        if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
            for target in targets.values() {
                tables.extend(kinds.iter().filter_map(|k| target.get(*k)?.as_table()));
            }
        }
        let mut found = Vec::new();
        for (name, dependency) in tables.into_iter().flatten() {
            if let Some(path) = dependency.get("path").and_then(toml::Value::as_str) {
                found.push(dir.join(path));
            } else if dependency.get("workspace").and_then(toml::Value::as_bool) == Some(true)
                && let Some(path) = self.workspace_paths.get(name)
            {
                found.push(path.clone());
            }
        }
        Ok(found)
    }

    fn crate_hash(&self, dir: &Path) -> Result<u64, String> {
        let mut crates = self.crates.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&hash) = crates.get(dir) {
            return Ok(hash);
        }
        let mut hasher = DefaultHasher::new();
        self.hash_crate_files(dir, &mut hasher)?;
        let hash = hasher.finish();
        crates.insert(dir.to_owned(), hash);
        Ok(hash)
    }

    /// A crate's build inputs: `Cargo.toml`, `build.rs` if any, and every file under `src/`.
    fn hash_crate_files(&self, dir: &Path, hasher: &mut DefaultHasher) -> Result<(), String> {
        let mut files = vec![dir.join("Cargo.toml")];
        let build_rs = dir.join("build.rs");
        if build_rs.is_file() {
            files.push(build_rs);
        }
        sources(&dir.join("src"), &mut files)?;
        for file in files {
            relative(&file, &self.root).hash(hasher);
            read(&file)?.hash(hasher);
        }
        Ok(())
    }
}

/// Every file under `dir`, sorted, into `files`.
pub fn sources(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
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

fn read(file: &Path) -> Result<Vec<u8>, String> {
    fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
}

fn read_toml(file: &Path) -> Result<toml::Table, String> {
    let text =
        fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {}", file.display(), e.message().trim()))
}

fn relative<'a>(path: &'a Path, root: &Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// The environment variables that change what cargo builds, beyond the files.
const BUILD_ENV: [&str; 6] = [
    "RUSTC",
    "RUSTC_WRAPPER",
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_BUILD_TARGET",
];

/// The toolchain, in words: the build's environment variables, and the rustc that cargo
/// would run, by path, size and modification time (a toolchain update replaces the file).
/// The same whether learn runs under `cargo run` (which sets `CARGO` and `RUSTUP_TOOLCHAIN`)
/// or on its own, as long as both pick the same rustc.
pub fn toolchain(root: &Path, env: &dyn Fn(&str) -> Option<OsString>) -> String {
    let mut out = String::new();
    for var in BUILD_ENV {
        if let Some(value) = env(var).filter(|v| !v.is_empty()) {
            let _ = writeln!(out, "{var}={}", value.to_string_lossy());
        }
    }
    match real_rustc(root, env) {
        Some(rustc) => out.push_str(&describe(&rustc)),
        None => {
            // Which one rustup picks is unknown: every installed toolchain's rustc, so that
            // any update changes the key.
            out.push_str("rustc unresolved\n");
            let mut toolchains: Vec<PathBuf> = rustup_home(env)
                .and_then(|home| fs::read_dir(home.join("toolchains")).ok())
                .into_iter()
                .flatten()
                .filter_map(|e| Some(e.ok()?.path().join("bin").join(exe("rustc"))))
                .collect();
            toolchains.sort();
            for rustc in toolchains {
                out.push_str(&describe(&rustc));
            }
        }
    }
    out
}

/// `path size seconds.nanoseconds`, or `path absent`.
fn describe(file: &Path) -> String {
    match fs::metadata(file) {
        Ok(meta) => {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .unwrap_or_default();
            format!(
                "{} {} {}.{:09}\n",
                file.display(),
                meta.len(),
                modified.as_secs(),
                modified.subsec_nanos()
            )
        }
        Err(_) => format!("{} absent\n", file.display()),
    }
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// The rustc that cargo would run: `RUSTC`, else the one beside `CARGO` (the toolchain's own
/// cargo, under `cargo run`), else the first on `PATH`; through rustup's proxy, the one of the
/// toolchain rustup picks. `None` if it cannot be told without running rustup.
pub fn real_rustc(root: &Path, env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let found = match env("RUSTC").filter(|v| !v.is_empty()) {
        Some(rustc) => which(Path::new(&rustc), env)?,
        None => {
            let beside_cargo = env("CARGO")
                .map(|cargo| Path::new(&cargo).with_file_name(exe("rustc")))
                .filter(|rustc| rustc.is_file() && !is_rustup_proxy(rustc));
            match beside_cargo {
                Some(rustc) => rustc,
                None => which(Path::new(&exe("rustc")), env)?,
            }
        }
    };
    if !is_rustup_proxy(&found) {
        return Some(fs::canonicalize(&found).unwrap_or(found));
    }
    let home = rustup_home(env)?;
    let name = rustup_toolchain(root, &home, env)?;
    let toolchains = home.join("toolchains");
    let dir = if toolchains.join(&name).is_dir() {
        toolchains.join(&name)
    } else {
        // `stable` names `stable-x86_64-unknown-linux-gnu`: the one folder that starts so.
        let prefix = format!("{name}-");
        let mut matches = fs::read_dir(&toolchains)
            .ok()?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|folder| folder.starts_with(&prefix));
        let only = matches.next()?;
        if matches.next().is_some() {
            return None;
        }
        toolchains.join(only)
    };
    let rustc = dir.join("bin").join(exe("rustc"));
    Some(fs::canonicalize(&rustc).unwrap_or(rustc))
}

/// `program` as a command would find it: itself if it names a folder, else on `PATH`.
fn which(program: &Path, env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.to_owned());
    }
    let path = env("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// Whether `program` is rustup's proxy: a link to rustup, or a hard link of it (same size as
/// the `rustup` beside it).
fn is_rustup_proxy(program: &Path) -> bool {
    let real = fs::canonicalize(program).unwrap_or_else(|_| program.to_owned());
    if real
        .file_stem()
        .is_some_and(|stem| stem.to_string_lossy().starts_with("rustup"))
    {
        return true;
    }
    let rustup = program.with_file_name(exe("rustup"));
    match (fs::metadata(program), fs::metadata(rustup)) {
        (Ok(a), Ok(b)) => a.len() == b.len(),
        _ => false,
    }
}

fn rustup_home(env: &dyn Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if let Some(home) = env("RUSTUP_HOME").filter(|v| !v.is_empty()) {
        return Some(home.into());
    }
    let home = env("HOME").or_else(|| env("USERPROFILE"))?;
    Some(Path::new(&home).join(".rustup"))
}

/// The toolchain rustup picks for `root`, by its rules: `RUSTUP_TOOLCHAIN`, a
/// `rust-toolchain(.toml)` at or above `root`, a directory override, the default.
fn rustup_toolchain(
    root: &Path,
    home: &Path,
    env: &dyn Fn(&str) -> Option<OsString>,
) -> Option<String> {
    if let Some(name) = env("RUSTUP_TOOLCHAIN").filter(|v| !v.is_empty()) {
        return name.into_string().ok();
    }
    for dir in root.ancestors() {
        if let Ok(text) = fs::read_to_string(dir.join("rust-toolchain.toml")) {
            return channel(&text);
        }
        if let Ok(text) = fs::read_to_string(dir.join("rust-toolchain")) {
            return channel(&text).or_else(|| Some(text.trim().to_owned()));
        }
    }
    let settings: toml::Table = fs::read_to_string(home.join("settings.toml"))
        .ok()
        .and_then(|text| toml::from_str(&text).ok())?;
    if let Some(overrides) = settings.get("overrides").and_then(toml::Value::as_table) {
        for dir in root.ancestors() {
            if let Some(name) = overrides
                .get(&*dir.to_string_lossy())
                .and_then(toml::Value::as_str)
            {
                return Some(name.to_owned());
            }
        }
    }
    settings
        .get("default_toolchain")
        .and_then(toml::Value::as_str)
        .map(str::to_owned)
}

/// `[toolchain] channel` of a rust-toolchain.toml.
fn channel(text: &str) -> Option<String> {
    let file: toml::Table = toml::from_str(text).ok()?;
    Some(file.get("toolchain")?.get("channel")?.as_str()?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn exercise() -> Exercise {
        Exercise {
            name: "ex_one".into(),
            solution: "one".into(),
            title: "t".into(),
            hint: "h".into(),
            compiles: true,
            explain: None,
        }
    }

    /// A workspace with one exercise, its solution's and its own goldens, the grader, the
    /// paused clock, and a crate the exercise depends on through the workspace.
    fn workspace() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("Cargo.toml"),
            "[workspace]\nmembers = []\n[workspace.dependencies]\n\
             helper = { path = \"crates/helper\" }\ngolden = { path = \"crates/golden\" }\n\
             tokio = \"1\"\n",
        );
        write(&root.join("Cargo.lock"), "# lock\n");
        write(
            &root.join("exercises/ex_one/Cargo.toml"),
            "[package]\nname = \"ex_one\"\n[dependencies]\nhelper.workspace = true\n\
             tokio.workspace = true\n[dev-dependencies]\ngolden.workspace = true\n",
        );
        write(&root.join("exercises/ex_one/src/main.rs"), "fn main() {}\n");
        write(&root.join("exercises/ex_one/tests/grade.rs"), "// test\n");
        for crate_name in ["helper", "golden", "vclock", "unrelated"] {
            write(
                &root.join(format!("crates/{crate_name}/Cargo.toml")),
                "[package]\n",
            );
            write(&root.join(format!("crates/{crate_name}/src/lib.rs")), "\n");
        }
        for golden in [
            "one.out",
            "one.case.out",
            "ex_one.out",
            "ex_one.case.out",
            "oneself.out",
            "two.out",
        ] {
            write(&root.join("golden").join(golden), golden);
        }
        dir
    }

    fn key(root: &Path) -> u64 {
        let env = |var: &str| (var == "RUSTC").then(|| OsString::from("/nowhere/rustc"));
        let state = State::new(root, &root.join("golden"), &env).unwrap();
        state.key(&exercise()).unwrap()
    }

    #[test]
    fn the_key_changes_with_what_decides_the_grade_and_nothing_else() {
        let dir = workspace();
        let root = dir.path();
        let mut last = key(root);
        assert_eq!(key(root), last, "the same workspace, the same key");
        let changes = [
            "golden/one.out",
            "golden/one.case.out",
            "golden/ex_one.out",
            "golden/ex_one.case.out",
            "exercises/ex_one/src/main.rs",
            "exercises/ex_one/Cargo.toml",
            "crates/golden/src/lib.rs",
            "crates/vclock/src/lib.rs",
            "crates/helper/src/lib.rs",
            "Cargo.lock",
            "Cargo.toml",
        ];
        for file in changes {
            let path = root.join(file);
            let mut text = fs::read_to_string(&path).unwrap();
            text.push_str("\n# changed\n");
            fs::write(&path, text).unwrap();
            let now = key(root);
            assert_ne!(now, last, "{file} changed, the key did not");
            last = now;
        }
        write(&root.join("exercises/ex_one/src/extra.rs"), "\n");
        assert_ne!(key(root), last, "a new source file changes the key");
        last = key(root);
        for file in [
            "golden/two.out",
            "golden/oneself.out",
            "crates/unrelated/src/lib.rs",
            "exercises/ex_one/tests/grade.rs",
            "README.md",
        ] {
            write(&root.join(file), "changed");
            assert_eq!(key(root), last, "{file} does not decide the grade");
        }
    }

    #[test]
    fn the_key_changes_with_the_toolchain_and_the_build_environment() {
        let dir = workspace();
        let root = dir.path();
        let rustc = root.join("bin/rustc");
        write(&rustc, "rustc 1");
        let state = |vars: &[(&str, &str)]| {
            let vars: Vec<(String, OsString)> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect();
            let env = move |var: &str| vars.iter().find(|(k, _)| k == var).map(|(_, v)| v.clone());
            State::new(root, &root.join("golden"), &env)
                .unwrap()
                .key(&exercise())
                .unwrap()
        };
        let rustc_var = rustc.to_str().unwrap();
        let before = state(&[("RUSTC", rustc_var)]);
        assert_eq!(state(&[("RUSTC", rustc_var)]), before);
        assert_ne!(
            state(&[("RUSTC", rustc_var), ("RUSTFLAGS", "--cfg x")]),
            before
        );
        let file = fs::File::options().write(true).open(&rustc).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(5))
            .unwrap();
        assert_ne!(state(&[("RUSTC", rustc_var)]), before, "rustc was replaced");
    }

    /// rustup's layout: a proxy on PATH, toolchains under RUSTUP_HOME. Under `cargo run`,
    /// `CARGO` names the toolchain's cargo; run alone, rustup's settings say which toolchain:
    /// both must find the same rustc, or every other `learn list` would grade again.
    #[cfg(unix)]
    #[test]
    fn the_toolchain_is_the_same_under_cargo_run_and_alone() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("rustup");
        let bin = dir.path().join("cargo/bin");
        write(&bin.join("rustup"), "the rustup binary");
        std::os::unix::fs::symlink("rustup", bin.join("rustc")).unwrap();
        for toolchain in [
            "stable-x86_64-unknown-linux-gnu",
            "nightly-x86_64-unknown-linux-gnu",
        ] {
            let tool = home.join("toolchains").join(toolchain).join("bin");
            write(&tool.join("rustc"), toolchain);
            write(&tool.join("cargo"), toolchain);
        }
        write(
            &home.join("settings.toml"),
            "default_toolchain = \"stable-x86_64-unknown-linux-gnu\"\n",
        );
        let root = dir.path().join("project");
        fs::create_dir_all(&root).unwrap();
        let real = |path: &str| fs::canonicalize(home.join("toolchains").join(path)).unwrap();
        let stable_rustc = real("stable-x86_64-unknown-linux-gnu/bin/rustc");
        let vars = |extra: &[(&str, PathBuf)]| {
            let mut all: Vec<(String, OsString)> = vec![
                ("RUSTUP_HOME".into(), home.clone().into()),
                ("PATH".into(), bin.clone().into()),
            ];
            all.extend(extra.iter().map(|(k, v)| (k.to_string(), v.clone().into())));
            move |var: &str| all.iter().find(|(k, _)| k == var).map(|(_, v)| v.clone())
        };
        let alone = vars(&[]);
        assert_eq!(real_rustc(&root, &alone), Some(stable_rustc.clone()));
        let under_cargo = vars(&[
            (
                "CARGO",
                home.join("toolchains/stable-x86_64-unknown-linux-gnu/bin/cargo"),
            ),
            ("RUSTUP_TOOLCHAIN", "stable-x86_64-unknown-linux-gnu".into()),
        ]);
        assert_eq!(real_rustc(&root, &under_cargo), Some(stable_rustc));
        assert_eq!(toolchain(&root, &alone), toolchain(&root, &under_cargo));
        let short_name = vars(&[("RUSTUP_TOOLCHAIN", "nightly".into())]);
        assert_eq!(
            real_rustc(&root, &short_name),
            Some(real("nightly-x86_64-unknown-linux-gnu/bin/rustc"))
        );
        write(
            &root.join("rust-toolchain.toml"),
            "[toolchain]\nchannel = \"nightly\"\n",
        );
        assert_eq!(
            real_rustc(&root, &alone),
            Some(real("nightly-x86_64-unknown-linux-gnu/bin/rustc"))
        );
    }

    #[test]
    fn goldens_of_a_name_are_its_own_and_its_cases() {
        assert!(is_golden_of("one.out", "one"));
        assert!(is_golden_of("one.case.out", "one"));
        assert!(!is_golden_of("oneself.out", "one"));
        assert!(!is_golden_of("one.txt", "one"));
    }
}
