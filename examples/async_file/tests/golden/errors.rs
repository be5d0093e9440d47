//! A failure is one line on stderr and exit code 1, never a panic.

use std::process::Command;

#[test]
fn a_folder_in_the_way_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    // hello.txt is a folder, so it cannot be opened for writing.
    std::fs::create_dir(dir.path().join("hello.txt")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_async_file"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: hello.txt: "), "{stderr}");
}
