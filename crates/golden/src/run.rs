//! Running an example's binary and collecting what it printed.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// How time passes for a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// tokio's paused clock: sleeps take no wall time (`VCLOCK_PAUSED=1`).
    Paused,
    /// Real time, as when a learner runs the example.
    Real,
}

/// What a run printed and how it ended.
#[derive(Debug, Clone)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// The exit code; `None` if a signal ended the program, or the limit did.
    pub code: Option<i32>,
    /// Whether it was stopped for taking longer than its limit.
    pub timed_out: bool,
    /// The wall time it took.
    pub wall: Duration,
    /// What vclock noted it could not order on the paused clock (`vclock::NOTES_ENV`).
    pub notes: String,
}

/// Runs `program` with `args` in the folder `dir` and waits for it, at most `limit` of
/// wall time; then it is killed, and what it printed until then is returned.
pub fn run(
    program: &Path,
    args: &[String],
    dir: &Path,
    clock: Clock,
    limit: Duration,
) -> Result<Output, String> {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove(vclock::PAUSED_ENV)
        // The local test site is never reached through a proxy from the environment.
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost");
    let notes_dir =
        tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let notes = notes_dir.path().join("vclock-notes");
    if clock == Clock::Paused {
        command
            .env(vclock::PAUSED_ENV, "1")
            .env(vclock::NOTES_ENV, &notes);
    }
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    // Drain both pipes while waiting, so a chatty program cannot block on a full pipe.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let (code, timed_out) = match child.wait_timeout(limit) {
        Ok(Some(status)) => (status.code(), false),
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            (None, true)
        }
        Err(e) => return Err(format!("waiting for {}: {e}", program.display())),
    };
    let wall = start.elapsed();
    Ok(Output {
        stdout: stdout.text(),
        stderr: stderr.text(),
        code,
        timed_out,
        wall,
        notes: std::fs::read_to_string(&notes).unwrap_or_default(),
    })
}

/// A pipe read to its end on a thread of its own, so that a chatty program cannot block on
/// a full pipe.
struct Drain {
    bytes: Arc<Mutex<Vec<u8>>>,
    reader: thread::JoinHandle<()>,
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> Drain {
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let sink = bytes.clone();
    let reader = thread::spawn(move || {
        let Some(mut pipe) = pipe else { return };
        let mut chunk = [0; 8192];
        while let Ok(read @ 1..) = pipe.read(&mut chunk) {
            sink.lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(&chunk[..read]);
        }
    });
    Drain { bytes, reader }
}

impl Drain {
    /// What was read: all of it once the pipe closes, or, if a process the program started
    /// keeps the pipe open after it ended, what came within a moment.
    fn text(self) -> String {
        let deadline = Instant::now() + Duration::from_millis(500);
        while !self.reader.is_finished() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(5));
        }
        let bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
