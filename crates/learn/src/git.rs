//! The exercises' starting code, as committed: `learn reset` writes it back, `learn verify`
//! builds it. Read with git's plumbing, run in the workspace root (which may be a folder
//! inside a larger checkout); nothing here changes the repository.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Why the committed code cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub enum GitError {
    /// git cannot be run.
    NoGit(String),
    /// The workspace is not in a git checkout.
    NotACheckout,
    /// The file is not in the last commit (or there is no commit yet).
    NotInHead(String),
    /// git ran and failed otherwise.
    Failed(String),
}

impl GitError {
    /// One line that says why `what` cannot be read, for the learner.
    pub fn explain(&self, root: &Path, what: &str) -> String {
        match self {
            GitError::NoGit(why) => format!("cannot run git to read {what}: {why}"),
            GitError::NotACheckout => format!(
                "{} is not a git checkout, so {what} is unknown (a clone of the repository has it)",
                root.display()
            ),
            GitError::NotInHead(path) => {
                format!("{path} is not in the last commit (HEAD), so {what} is unknown")
            }
            GitError::Failed(why) => format!("git cannot read {what}: {why}"),
        }
    }
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(root)
        // Plain bytes and English messages; no pager, no prompt.
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .arg("--no-pager")
        .stdin(Stdio::null());
    command
}

/// The path from the repository's top to `root`: empty, or `some/folder/`.
fn prefix(root: &Path) -> Result<String, GitError> {
    let output = git(root)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .map_err(|e| GitError::NoGit(e.to_string()))?;
    if !output.status.success() {
        return Err(GitError::NotACheckout);
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .trim_end()
        .to_owned())
}

/// The committed content of `file` (a path from `root`, with `/`), as a checkout writes it
/// (git's filters applied: line endings, attributes).
pub fn committed_file(root: &Path, file: &str) -> Result<Vec<u8>, GitError> {
    let prefix = prefix(root)?;
    let output = git(root)
        .args(["cat-file", "--filters"])
        .arg(format!("HEAD:{prefix}{file}"))
        .output()
        .map_err(|e| GitError::NoGit(e.to_string()))?;
    if !output.status.success() {
        return Err(GitError::NotInHead(file.to_owned()));
    }
    Ok(output.stdout)
}

/// Every committed file under the folder `dir` (a path from `root`): its path from `root`,
/// and its content as committed. Three git commands, however many files.
pub fn committed_files(root: &Path, dir: &str) -> Result<BTreeMap<String, Vec<u8>>, GitError> {
    let prefix = prefix(root)?;
    let listed = git(root)
        .args(["ls-tree", "-r", "-z", "--full-name", "HEAD", "--"])
        .arg(dir)
        .output()
        .map_err(|e| GitError::NoGit(e.to_string()))?;
    if !listed.status.success() {
        // No commit yet: nothing is committed.
        return Err(GitError::NotInHead(dir.to_owned()));
    }
    // `<mode> <type> <object>\t<path>`, each ended by a NUL; blobs only (not submodules).
    let blobs: Vec<(String, String)> = listed
        .stdout
        .split(|&b| b == 0)
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (info, path) = entry.split_once('\t')?;
            let mut info = info.split(' ');
            let (_mode, kind, object) = (info.next()?, info.next()?, info.next()?);
            (kind == "blob").then(|| (object.to_owned(), path.to_owned()))
        })
        .collect();
    let mut files = BTreeMap::new();
    if blobs.is_empty() {
        return Ok(files);
    }
    // By object id: a path in cat-file's input would be cut at its first blank. So no
    // filters either: the bytes as committed.
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| GitError::NoGit(e.to_string()))?;
    let mut stdin = child.stdin.take().expect("piped");
    let requests: String = blobs
        .iter()
        .map(|(object, _)| format!("{object}\n"))
        .collect();
    // Written from a thread: git answers as it reads, and a full pipe would stop both.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut answers = BufReader::new(child.stdout.take().expect("piped"));
    let failed = |why: String| GitError::Failed(why);
    for (_, name) in &blobs {
        let mut header = String::new();
        answers
            .read_line(&mut header)
            .map_err(|e| failed(e.to_string()))?;
        // `<oid> blob <size>`, or `<request> missing`.
        let size: usize = match header.trim_end().rsplit_once(' ') {
            Some((_, size)) if header.contains(" blob ") => size
                .parse()
                .map_err(|_| failed(format!("git said {header:?}")))?,
            _ => {
                return Err(failed(format!(
                    "git said {:?} for {name}",
                    header.trim_end()
                )));
            }
        };
        let mut content = vec![0; size + 1];
        answers
            .read_exact(&mut content)
            .map_err(|e| failed(e.to_string()))?;
        content.pop(); // the newline after each object
        let relative = name.strip_prefix(&prefix).unwrap_or(name).to_owned();
        files.insert(relative, content);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(files)
}

/// `learn reset NAME`: writes the committed `exercises/NAME/src/main.rs` over the learner's.
/// The line to print: what was reset.
pub fn reset(root: &Path, name: &str) -> Result<String, String> {
    let file = format!("exercises/{name}/src/main.rs");
    let starting = committed_file(root, &file)
        .map_err(|e| e.explain(root, &format!("{name}'s starting code")))?;
    let path = root.join(&file);
    if std::fs::read(&path).is_ok_and(|now| now == starting) {
        return Ok(format!(
            "{file} already holds its starting code (as committed in HEAD)."
        ));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&path, starting).map_err(|e| format!("cannot write {file}: {e}"))?;
    Ok(format!(
        "Reset {file} to its starting code (as committed in HEAD)."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn run(dir: &Path, args: &[&str]) {
        let status = git(dir)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    /// A checkout whose workspace is a folder inside it, with one exercise committed.
    fn checkout() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("work space");
        let src = root.join("exercises/ex_one/src");
        fs::create_dir_all(&src).unwrap();
        fs::write(src.join("main.rs"), "// starting code\n").unwrap();
        fs::write(root.join("exercises/ex_one/Cargo.toml"), "[package]\n").unwrap();
        run(dir.path(), &["init", "-q"]);
        run(dir.path(), &["add", "."]);
        run(dir.path(), &["commit", "-q", "-m", "start"]);
        (dir, root)
    }

    #[test]
    fn reset_writes_the_committed_code_back() {
        let (_dir, root) = checkout();
        let main = root.join("exercises/ex_one/src/main.rs");
        fs::write(&main, "// my attempt\n").unwrap();
        fs::write(root.join("exercises/ex_one/src/other.rs"), "// mine\n").unwrap();
        assert_eq!(
            reset(&root, "ex_one").unwrap(),
            "Reset exercises/ex_one/src/main.rs to its starting code (as committed in HEAD)."
        );
        assert_eq!(fs::read_to_string(&main).unwrap(), "// starting code\n");
        assert!(
            root.join("exercises/ex_one/src/other.rs").is_file(),
            "only main.rs is reset"
        );
        fs::remove_dir_all(root.join("exercises/ex_one/src")).unwrap();
        reset(&root, "ex_one").unwrap();
        assert_eq!(fs::read_to_string(&main).unwrap(), "// starting code\n");
        assert_eq!(
            reset(&root, "ex_one").unwrap(),
            "exercises/ex_one/src/main.rs already holds its starting code (as committed in HEAD)."
        );
    }

    #[test]
    fn reset_says_why_in_one_line_when_there_is_no_starting_code() {
        let (_dir, root) = checkout();
        fs::create_dir_all(root.join("exercises/ex_new/src")).unwrap();
        fs::write(root.join("exercises/ex_new/src/main.rs"), "// new\n").unwrap();
        assert_eq!(
            reset(&root, "ex_new").unwrap_err(),
            "exercises/ex_new/src/main.rs is not in the last commit (HEAD), so ex_new's \
             starting code is unknown"
        );
        assert_eq!(
            fs::read_to_string(root.join("exercises/ex_new/src/main.rs")).unwrap(),
            "// new\n",
            "left as it was"
        );
        let plain = tempfile::tempdir().unwrap();
        let message = reset(plain.path(), "ex_one").unwrap_err();
        assert_eq!(
            message,
            format!(
                "{} is not a git checkout, so ex_one's starting code is unknown (a clone of the \
                 repository has it)",
                plain.path().display()
            )
        );
        assert!(!message.contains('\n'));
    }

    #[test]
    fn the_committed_files_of_a_folder_come_with_their_paths_from_the_workspace() {
        let (_dir, root) = checkout();
        fs::write(root.join("exercises/ex_one/src/main.rs"), "// changed\n").unwrap();
        let files = committed_files(&root, "exercises/ex_one").unwrap();
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "exercises/ex_one/Cargo.toml",
                "exercises/ex_one/src/main.rs"
            ]
        );
        assert_eq!(files["exercises/ex_one/src/main.rs"], b"// starting code\n");
        assert!(
            committed_files(&root, "exercises/ex_two")
                .unwrap()
                .is_empty()
        );
        let plain = tempfile::tempdir().unwrap();
        assert_eq!(
            committed_files(plain.path(), "exercises"),
            Err(GitError::NotACheckout)
        );
    }
}
