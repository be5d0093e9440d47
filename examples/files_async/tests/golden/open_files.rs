//! The program keeps at most 64 files open, so it works where a process may open only 256
//! files (`ulimit -n 256`, macOS's default), which the original's 300 open files exceed.

#[cfg(unix)]
#[test]
fn works_with_256_open_files_at_most() {
    // Its 33 MB go where the golden runs' files go (in memory, where there is room).
    let scratch = golden::run::scratch_folder().unwrap();
    let output = golden::run::with_open_file_limit(env!("CARGO_BIN_EXE_files_async"), 256)
        .env("TMPDIR", scratch.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "stderr: {stderr}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Wrote 300 files of 110000 bytes\n"
    );
}
