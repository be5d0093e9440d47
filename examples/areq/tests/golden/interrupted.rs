//! A crawl told to stop: Ctrl-C (SIGINT) or `kill` (SIGTERM) while pages are still in
//! flight. The pages done are in foundurls.txt, each whole, each logged as written, the log
//! says why it stopped, and the exit code is the shell's for that signal.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use site::{Site, SiteHandle};

/// The source URLs of foundurls.txt's rows, checking that each page's rows are together.
fn pages_in(found: &str) -> BTreeSet<String> {
    let mut pages = BTreeSet::new();
    let mut last = String::new();
    for row in found.lines().skip(1) {
        let (source, _) = row.split_once('\t').expect(row);
        if source != last {
            assert!(pages.insert(source.to_owned()), "{source}: rows apart");
            last = source.to_owned();
        }
    }
    pages
}

fn interrupt(signal: &str, told: &str, code: i32) {
    let handle: SiteHandle = site::spawn(Site::new(5));
    // Five pages answer at once; five never do.
    let fast: Vec<String> = (0..5).map(|i| handle.url(&Site::page_path(i))).collect();
    let mut urls = fast.clone();
    urls.extend((0..5).map(|i| handle.url(&format!("/hang?n={i}"))));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("urls.txt"), urls.join("\n") + "\n").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_areq"))
        .args(["--timeout", "60"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Until the fast pages are in the file (or 20 s, on a very loaded machine).
    let found = dir.path().join("foundurls.txt");
    let start = Instant::now();
    while pages_in(&std::fs::read_to_string(&found).unwrap_or_default()).len() < fast.len() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the fast pages never came"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    let sent = Command::new("kill").args(["-s", signal, &pid]).status();
    assert!(sent.unwrap().success(), "kill -s {signal}");
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(code), "{stderr}");
    let written = pages_in(&std::fs::read_to_string(&found).unwrap());
    assert_eq!(written, fast.iter().cloned().collect(), "{stderr}");
    let logged: BTreeSet<String> = stderr
        .lines()
        .filter_map(|l| l.split_once("Wrote results for source URL: "))
        .map(|(_, url)| url.to_owned())
        .collect();
    assert_eq!(logged, written, "every page written is logged, no other");
    let last = stderr.lines().last().unwrap_or_default();
    let expected = format!(
        "ERROR:areq: interrupted ({told}): foundurls.txt holds the rows of the 5 pages done, \
         each page whole"
    );
    assert!(last.ends_with(&expected), "last line: {last}");
}

#[test]
fn ctrl_c_writes_the_pages_done_and_exits_with_130() {
    interrupt("INT", "Ctrl-C", 130);
}

#[test]
fn kill_writes_the_pages_done_and_exits_with_143() {
    interrupt("TERM", "SIGTERM", 143);
}
