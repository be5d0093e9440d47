//! The golden file format.
//!
//! ```text
//! # Comment lines: where the transcript comes from, what is free and why.
//! run: async_queue 3
//! ---
//! Total: 10
//! Start {{number}}
//! Elapsed: {{secs 4.005879262999997}}
//! ```
//!
//! Above `---`: comments and settings. `run:` is the command line, the example's crate name
//! then its arguments (required). `exit:` is the exit code the run must end with (default
//! 0). `stream:` says which output the lines below are, `stdout` (default) or `stderr`.
//! `realtime: unstable` says that in real time the order depends on ties broken by
//! microseconds, as it does for the Python original: the `realtime` tool then reports a
//! difference without failing. The paused clock has no such ties, so the test is as strict.
//!
//! Below `---`: the expected lines, in order, literally, except for `{{…}}` markers (see
//! [`crate::Marker`]): `{{secs FIGURE}}` for a timing figure with the catalogue's tolerance
//! around the published FIGURE, and `{{number}}`, `{{time}}`, `{{hex}}`, `{{text}}`,
//! `{{random}}` and `{{random A|B}}` for what may vary freely.

use std::fs;
use std::path::{Path, PathBuf};

use crate::pattern::Pattern;

/// Which output of the program a golden describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// One golden file: how to run the example and what it must print.
#[derive(Debug, Clone)]
pub struct Golden {
    /// The file's name without `.out`, e.g. `async_queue.3_workers`.
    pub name: String,
    pub path: PathBuf,
    /// The example crate that `run:` names.
    pub example: String,
    pub args: Vec<String>,
    pub exit: i32,
    pub stream: Stream,
    /// Whether a real-time run must agree too (`realtime: unstable` says no).
    pub realtime_stable: bool,
    pub lines: Vec<Pattern>,
}

impl Golden {
    /// Reads and parses a golden file; the error names the file and the line.
    pub fn load(path: &Path) -> Result<Golden, String> {
        let text = fs::read_to_string(path)
            .map_err(|e| format!("cannot read golden {}: {e}", path.display()))?;
        Golden::parse(path, &text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses the text of a golden file found at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Golden, String> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".out"))
            .ok_or("a golden file's name ends in .out")?
            .to_owned();
        let mut run = None;
        let mut exit = 0;
        let mut stream = Stream::Stdout;
        let mut realtime_stable = true;
        let mut lines = text.lines().enumerate();
        for (number, line) in lines.by_ref() {
            let at = |e: String| format!("line {}: {e}", number + 1);
            if line == "---" {
                break;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (key, value) = line
                .split_once(':')
                .ok_or_else(|| at(format!("expected `key: value` above `---`, found {line:?}")))?;
            let value = value.trim();
            match key.trim() {
                "run" => run = Some(value.to_owned()),
                "exit" => {
                    exit = value
                        .parse()
                        .map_err(|_| at(format!("exit: {value:?} is not a number")))?
                }
                "stream" => {
                    stream = match value {
                        "stdout" => Stream::Stdout,
                        "stderr" => Stream::Stderr,
                        _ => return Err(at(format!("stream: {value:?} is not stdout or stderr"))),
                    }
                }
                "realtime" => {
                    realtime_stable = match value {
                        "stable" => true,
                        "unstable" => false,
                        _ => {
                            return Err(at(format!(
                                "realtime: {value:?} is not stable or unstable"
                            )));
                        }
                    }
                }
                other => return Err(at(format!("unknown setting {other:?}"))),
            }
        }
        let run = run.ok_or("no `run:` line above `---`")?;
        let mut words = run.split_whitespace().map(str::to_owned);
        let example = words.next().ok_or("`run:` names no example")?;
        let lines = lines
            .map(|(number, line)| {
                Pattern::parse(line).map_err(|e| format!("line {}: {e}", number + 1))
            })
            .collect::<Result<_, _>>()?;
        Ok(Golden {
            name,
            path: path.to_owned(),
            example,
            args: words.collect(),
            exit,
            stream,
            realtime_stable,
            lines,
        })
    }

    /// The command line, as a learner would type it.
    pub fn command(&self) -> String {
        let mut command = format!("cargo run -q -p {}", self.example);
        if !self.args.is_empty() {
            command.push_str(" -- ");
            command.push_str(&self.args.join(" "));
        }
        command
    }
}

/// The project's `golden/` folder, beside the workspace's `Cargo.toml` above `start`.
pub fn golden_dir(start: &Path) -> Result<PathBuf, String> {
    let is_workspace_root = |dir: &Path| {
        fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|m| m.contains("[workspace]"))
    };
    start
        .ancestors()
        .find(|dir| is_workspace_root(dir))
        .map(|root| root.join("golden"))
        .filter(|dir| dir.is_dir())
        .ok_or_else(|| {
            format!(
                "no golden/ folder beside a workspace above {}",
                start.display()
            )
        })
}

/// Every golden of one example: `golden/NAME.out` and `golden/NAME.CASE.out`, by name.
pub fn goldens_of(example: &str, golden_dir: &Path) -> Result<Vec<Golden>, String> {
    let entries = fs::read_dir(golden_dir)
        .map_err(|e| format!("cannot list {}: {e}", golden_dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                return false;
            };
            name.strip_suffix(".out")
                .and_then(|stem| stem.strip_prefix(example))
                .is_some_and(|case| case.is_empty() || case.starts_with('.'))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!(
            "no golden for {example}: expected {}/{example}.out",
            golden_dir.display()
        ));
    }
    let goldens = paths
        .iter()
        .map(|path| Golden::load(path))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(other) = goldens.iter().find(|g| g.example != example) {
        return Err(format!(
            "{}: `run:` names {}, but the file is named after {example}",
            other.path.display(),
            other.example
        ));
    }
    Ok(goldens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_lines() {
        let text = "# from: somewhere\nrun: async_queue 3\nexit: 2\n---\nTotal: 10\n\nElapsed {{secs 4.0}}\n";
        let golden = Golden::parse(Path::new("golden/async_queue.3_workers.out"), text).unwrap();
        assert_eq!(golden.name, "async_queue.3_workers");
        assert_eq!(golden.example, "async_queue");
        assert_eq!(golden.args, ["3"]);
        assert_eq!(golden.exit, 2);
        assert_eq!(golden.stream, Stream::Stdout);
        assert_eq!(
            golden.lines.len(),
            3,
            "a blank line below --- is an expected line"
        );
        assert_eq!(golden.command(), "cargo run -q -p async_queue -- 3");
        assert!(golden.realtime_stable);
        let unstable =
            Golden::parse(Path::new("x.out"), "realtime: unstable\nrun: x\n---\n").unwrap();
        assert!(!unstable.realtime_stable);
        let err = Golden::parse(Path::new("x.out"), "realtime: maybe\nrun: x\n---\n").unwrap_err();
        assert!(err.contains("not stable or unstable"), "{err}");
    }

    #[test]
    fn errors_name_the_line() {
        let err = Golden::parse(Path::new("x.out"), "run: x\nflavour: y\n---\n").unwrap_err();
        assert_eq!(err, "line 2: unknown setting \"flavour\"");
        let err = Golden::parse(Path::new("x.out"), "---\nhi\n").unwrap_err();
        assert_eq!(err, "no `run:` line above `---`");
        let err = Golden::parse(Path::new("x.out"), "run: x\n---\nok\n{{when}}\n").unwrap_err();
        assert!(err.starts_with("line 4: unknown marker"), "{err}");
    }
}
