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
//! 0). `stream:` says which output the lines below are: `stdout` (default), `stderr`, or
//! `file NAME`, a file the program wrote in its working folder. Every run has a fresh,
//! empty working folder of its own.
//!
//! For the network and file lessons: `site: N` starts the local web site (crates/site) with
//! N pages for the run; `{{site}}` in `run:` and in files stands for its address. A setting
//! `file NAME:` followed by lines indented by two spaces writes those lines to NAME in the
//! working folder before the run. `clock: real` runs on the real clock (sockets and a paused
//! clock do not mix); the default is `clock: paused`. `limit: SECONDS` is the most wall time
//! the run may take (default 60): a run that should end in a second, such as a timeout's,
//! fails soon when it waits forever.
//!
//! Below `---`, a line `{{any order}}` opens a block of lines that may come in any order
//! (completion order, which varies from run to run) and `{{end}}` closes it; the snapshot
//! keeps such a block sorted.
//! `realtime: unstable` says that in real time the order depends on ties broken by
//! microseconds, as it does for the Python original: the `realtime` tool then reports a
//! difference without failing. The paused clock has no such ties, so the test is as strict.
//!
//! Below `---`: the expected lines, in order, literally, except for `{{…}}` markers (see
//! [`crate::Marker`]): `{{secs FIGURE}}` for a timing figure within [`crate::tolerance`]
//! of the published FIGURE, and `{{number}}`, `{{time}}`, `{{hex}}`, `{{text}}`,
//! `{{random}}` and `{{random A|B}}` for what may vary freely.
//!
//! A line may begin with `{{at SECONDS}} `: the instant, from the start, at which the Python
//! original printed it, measured by running the unchanged original on a virtual-clock asyncio
//! loop with asyncio's tie order (the team's `asyncio_virtual.py`). The grade checks when the program printed the
//! line (stdout goldens) against it, within [`crate::tolerance`] (plus 0.2 s in real time).

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::pattern::Pattern;
use crate::run::Clock;

/// Which output of the program a golden describes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
    /// A file the program wrote, by its name in the working folder.
    File(String),
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
    /// The clock the golden test runs on.
    pub clock: Clock,
    /// The most wall time the run may take (`limit: SECONDS`); by default [`crate::PAUSED_LIMIT`].
    pub limit: Option<std::time::Duration>,
    /// The local site's page count, when the run needs the site.
    pub site: Option<usize>,
    /// Files to write in the working folder before the run: name, then content.
    pub files: Vec<(String, String)>,
    pub lines: Vec<Pattern>,
    /// Runs of `lines` (by index) that may come in any order.
    pub any_order: Vec<Range<usize>>,
}

impl Golden {
    /// The instant of the original's last printed line, where the golden gives instants.
    pub fn last_instant(&self) -> Option<f64> {
        self.lines.iter().filter_map(Pattern::at).reduce(f64::max)
    }

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
        let mut clock = Clock::Paused;
        let mut site = None;
        let mut limit = None;
        let mut files: Vec<(String, String)> = Vec::new();
        let mut in_file = false;
        let mut seen: Vec<&str> = Vec::new();
        let mut lines = text.lines().enumerate();
        for (number, line) in lines.by_ref() {
            let at = |e: String| format!("line {}: {e}", number + 1);
            if line == "---" {
                break;
            }
            if in_file && let Some(content) = line.strip_prefix("  ") {
                let (_, text) = files.last_mut().expect("in a file");
                text.push_str(content);
                text.push('\n');
                continue;
            }
            in_file = false;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix("file ").and_then(|l| l.strip_suffix(':')) {
                let name = working_file(name.trim()).map_err(|e| at(format!("file: {e}")))?;
                if files.iter().any(|(other, _)| *other == name) {
                    return Err(at(format!("file {name:?} is written twice")));
                }
                files.push((name, String::new()));
                in_file = true;
                continue;
            }
            let (key, value) = line
                .split_once(':')
                .ok_or_else(|| at(format!("expected `key: value` above `---`, found {line:?}")))?;
            let value = value.trim();
            let key = key.trim();
            if seen.contains(&key) {
                return Err(at(format!("`{key}:` is set twice")));
            }
            seen.push(key);
            match key {
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
                        _ => match value.strip_prefix("file ") {
                            Some(name) => Stream::File(
                                working_file(name.trim())
                                    .map_err(|e| at(format!("stream: {e}")))?,
                            ),
                            None => {
                                return Err(at(format!(
                                    "stream: {value:?} is not stdout, stderr or file NAME"
                                )));
                            }
                        },
                    }
                }
                "clock" => {
                    clock = match value {
                        "paused" => Clock::Paused,
                        "real" => Clock::Real,
                        _ => return Err(at(format!("clock: {value:?} is not paused or real"))),
                    }
                }
                "site" => {
                    site = Some(
                        value
                            .parse()
                            .map_err(|_| at(format!("site: {value:?} is not a page count")))?,
                    )
                }
                "limit" => {
                    let seconds: f64 = value
                        .parse()
                        .ok()
                        .filter(|s: &f64| s.is_finite() && *s > 0.0 && *s <= 600.0)
                        .ok_or_else(|| {
                            at(format!(
                                "limit: {value:?} is not a number of seconds up to 600"
                            ))
                        })?;
                    limit = Some(std::time::Duration::from_secs_f64(seconds));
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
        if let Stream::File(name) = &stream
            && files.iter().any(|(input, _)| input == name)
        {
            return Err(format!(
                "stream: file {name:?} is an input file the golden writes itself: the check could not fail"
            ));
        }
        let mut words = run.split_whitespace().map(str::to_owned);
        let example = words.next().ok_or("`run:` names no example")?;
        let mut patterns = Vec::new();
        let mut any_order = Vec::new();
        let mut block_start = None;
        for (number, line) in lines {
            let at = |e: &str| format!("line {}: {e}", number + 1);
            match (line, block_start) {
                ("{{any order}}", None) => block_start = Some(patterns.len()),
                ("{{any order}}", Some(_)) => return Err(at("`{{any order}}` inside another")),
                ("{{end}}", Some(start)) => {
                    any_order.push(start..patterns.len());
                    block_start = None;
                }
                ("{{end}}", None) => return Err(at("`{{end}}` without `{{any order}}`")),
                _ => {
                    patterns.push(
                        Pattern::parse(line)
                            .map_err(|e| at(&e))?
                            .at_line(number + 1),
                    );
                }
            }
        }
        if block_start.is_some() {
            return Err("`{{any order}}` without `{{end}}`".to_owned());
        }
        if !patterns.iter().any(Pattern::has_fixed_text) {
            return Err(
                "the transcript below `---` has no fixed text: any output would agree with it"
                    .to_owned(),
            );
        }
        Ok(Golden {
            name,
            path: path.to_owned(),
            example,
            args: words.collect(),
            exit,
            stream,
            realtime_stable,
            clock,
            site,
            limit,
            files,
            lines: patterns,
            any_order,
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

/// A file name inside the run's working folder: relative, and never climbing out of it.
fn working_file(name: &str) -> Result<String, String> {
    let path = Path::new(name);
    let inside = !name.is_empty()
        && path
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)));
    if inside {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "{name:?} is not a plain relative path inside the run's working folder"
        ))
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

/// Whether `file` (a name in golden/) is a golden of `name`: `NAME.out` or `NAME.CASE.out`.
pub fn is_golden_of(file: &str, name: &str) -> bool {
    file.strip_suffix(".out")
        .and_then(|stem| stem.strip_prefix(name))
        .is_some_and(|case| case.is_empty() || case.starts_with('.'))
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
            is_golden_of(name, example)
        })
        .collect();
    paths.sort();
    if !paths
        .iter()
        .any(|p| p.file_name() == Some(format!("{example}.out").as_ref()))
    {
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
            Golden::parse(Path::new("x.out"), "realtime: unstable\nrun: x\n---\nok\n").unwrap();
        assert!(!unstable.realtime_stable);
        let err = Golden::parse(Path::new("x.out"), "realtime: maybe\nrun: x\n---\n").unwrap_err();
        assert!(err.contains("not stable or unstable"), "{err}");
    }

    #[test]
    fn network_settings_files_and_blocks() {
        let text = "clock: real\nsite: 20\nfile urls.txt:\n  {{site}}/page/1.html\n  {{site}}/x\nrun: areq urls.txt\nstream: file found.txt\n---\nheader\n{{any order}}\na\nb\n{{end}}\nlast\n";
        let golden = Golden::parse(Path::new("areq.out"), text).unwrap();
        assert_eq!(golden.clock, Clock::Real);
        assert_eq!(golden.site, Some(20));
        assert_eq!(
            golden.files,
            [(
                "urls.txt".to_owned(),
                "{{site}}/page/1.html\n{{site}}/x\n".to_owned()
            )]
        );
        assert_eq!(golden.stream, Stream::File("found.txt".into()));
        assert_eq!(golden.lines.len(), 4);
        assert_eq!(golden.any_order, vec![Range { start: 1, end: 3 }]);
        let err = Golden::parse(Path::new("x.out"), "run: x\n---\n{{any order}}\na\n").unwrap_err();
        assert!(err.contains("without `{{end}}`"), "{err}");
    }

    #[test]
    fn a_golden_that_could_never_fail_is_rejected() {
        let rejected = [
            (
                "run: x\nstream: stdout\nstream: stderr\n---\nok\n",
                "line 3: `stream:` is set twice",
            ),
            ("run: x\nrun: y\n---\nok\n", "line 2: `run:` is set twice"),
            (
                "file in.txt:\n  a\nrun: x\nstream: file in.txt\n---\na\n",
                "is an input file the golden writes itself",
            ),
            (
                "run: x\nstream: file /etc/passwd\n---\nroot\n",
                "not a plain relative path",
            ),
            (
                "run: x\nstream: file ../x\n---\nok\n",
                "not a plain relative path",
            ),
            (
                "file ../x:\n  a\nrun: x\n---\nok\n",
                "not a plain relative path",
            ),
            (
                "file /tmp/x:\n  a\nrun: x\n---\nok\n",
                "not a plain relative path",
            ),
            (
                "file a.txt:\n  1\nfile a.txt:\n  2\nrun: x\n---\nok\n",
                "written twice",
            ),
            ("run: x\n---\nElapsed {{secs nan}}\n", "finite number"),
            ("run: x\n---\nElapsed {{secs inf}}\n", "finite number"),
            ("run: x\n---\nElapsed {{secs -1}}\n", "finite number"),
            ("run: x\n---\n", "no fixed text"),
            ("run: x\n---\n{{text}}\n\n{{number}}\n", "no fixed text"),
            ("run: x\nlimit: 0\n---\nok\n", "not a number of seconds"),
        ];
        for (text, why) in rejected {
            let err = Golden::parse(Path::new("x.out"), text).unwrap_err();
            assert!(err.contains(why), "{text:?}: {err}");
        }
        let nested = "file data/in.txt:\n  a\nrun: x\nstream: file data/out.txt\nlimit: 2.5\n---\n{{text}} {{secs 1.0}}\n";
        let golden = Golden::parse(Path::new("x.out"), nested).unwrap();
        assert_eq!(golden.limit, Some(std::time::Duration::from_millis(2500)));
    }

    #[test]
    fn every_example_needs_its_own_golden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.case.out"), "run: x\n---\nok\n").unwrap();
        let err = goldens_of("x", dir.path()).unwrap_err();
        assert!(err.contains("x.out"), "{err}");
        std::fs::write(dir.path().join("x.out"), "run: x\n---\nok\n").unwrap();
        assert_eq!(goldens_of("x", dir.path()).unwrap().len(), 2);
    }

    #[test]
    fn transcript_lines_know_their_line_in_the_file() {
        let golden = Golden::parse(
            Path::new("x.out"),
            "# a\nrun: x\n---\none\n{{any order}}\ntwo\n{{end}}\n",
        )
        .unwrap();
        let lines: Vec<usize> = golden.lines.iter().map(|p| p.line()).collect();
        assert_eq!(lines, [4, 6]);
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
