//! A stdout that cannot be written ends the program with one line and exit code 1, not a
//! panic (vclock's main, see crates/vclock): `println!` panics there on its own.

use std::process::Command;

fn chained() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chained"));
    command.args(["1", "2"]).env("VCLOCK_PAUSED", "1");
    command
}

#[test]
fn a_closed_pipe_is_one_line_not_a_panic() {
    // The reader goes away before the program starts, so its first write fails.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = chained().stdout(writer).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: cannot write to standard output: the pipe is closed (its reader has stopped)\n"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_full_disk_is_one_line_not_a_panic() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = chained().stdout(full).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
    assert_eq!(output.status.code(), Some(1));
}
