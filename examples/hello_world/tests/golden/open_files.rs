//! Too few open files for a runtime: `#[vclock::main]` says so in one line and exits with 1,
//! where `#[tokio::main]` panics. A runtime needs files of its own: an event queue, and a
//! socket pair for signals when the build enables tokio's `signal` (a workspace build does,
//! for areq), whose absence tokio meets with a panic. With it, `ulimit -n 7` is too few;
//! without it, `ulimit -n 4` is enough. By a dozen the runtime always starts.

#[cfg(unix)]
#[test]
fn too_few_open_files_is_one_line_and_never_a_panic() {
    for files in 4..=12 {
        let output = golden::run::with_open_file_limit(env!("CARGO_BIN_EXE_hello_world"), files)
            .env(vclock::PAUSED_ENV, "1")
            .output()
            .expect("sh runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = format!(
            "error: cannot start the tokio runtime: too many open files (ulimit -n is {files})\n"
        );
        let worked = output.status.success() && stdout == "Hello\nWorld\n" && stderr.is_empty();
        let said_why = output.status.code() == Some(1) && stdout.is_empty() && stderr == expected;
        assert!(
            worked || said_why,
            "ulimit -n {files}: expected the lesson's output, or `{}` and exit code 1; exit \
             code {:?}, stdout {stdout:?}, stderr:\n{stderr}",
            expected.trim_end(),
            output.status.code()
        );
        assert!(
            files < 12 || worked,
            "ulimit -n 12: the runtime did not start"
        );
    }
}
