//! Running an example's binary and collecting what it printed.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
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
    /// Whether it was stopped because its stdout had already gone wrong (see [`run_until`]).
    pub stopped_early: bool,
}

/// Looks at what a program has printed on stdout so far; `true` stops it.
pub type Stop = Box<dyn Fn(&str) -> bool + Send>;

/// `program`, to be run through `sh` with its open-file limit (`ulimit -n`, soft and hard)
/// set to `files`: how a test checks a program where a process may open only so many files.
pub fn with_open_file_limit(program: impl AsRef<Path>, files: u32) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -n {files} && exec \"$0\""))
        .arg(program.as_ref());
    command
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
    run_until(program, args, dir, clock, limit, None)
}

/// [`run`], stopping the program early, as soon as `stop` says its stdout so far has gone
/// wrong: a real-time run need not wait out seconds of sleeps to fail.
pub fn run_until(
    program: &Path,
    args: &[String],
    dir: &Path,
    clock: Clock,
    limit: Duration,
    stop: Option<Stop>,
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
    // A folder of the run's own, removed after it: for vclock's notes, and as the
    // program's temporary folder (TMPDIR), where files_sync writes its 330 MB.
    let own = scratch_folder().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    command.env("TMPDIR", own.path());
    let notes = own.path().join("vclock-notes");
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
    let gone_wrong = Arc::new(AtomicBool::new(false));
    let stdout = drain(
        child.stdout.take(),
        stop.map(|stop| (stop, gone_wrong.clone())),
    );
    let stderr = drain(child.stderr.take(), None);
    let (mut code, mut timed_out) = (None, false);
    loop {
        let waited = start.elapsed();
        let step = limit.saturating_sub(waited).min(Duration::from_millis(20));
        match child.wait_timeout(step) {
            Ok(Some(status)) => {
                code = status.code();
                break;
            }
            Ok(None) if waited + step >= limit || gone_wrong.load(Ordering::Relaxed) => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = !gone_wrong.load(Ordering::Relaxed);
                break;
            }
            Ok(None) => {}
            Err(e) => return Err(format!("waiting for {}: {e}", program.display())),
        }
    }
    let wall = start.elapsed();
    // A process the program started may hold its pipes open after it ended: what came
    // within a moment is what it printed.
    let grace = Instant::now() + Duration::from_millis(500);
    Ok(Output {
        stdout: stdout.text(grace),
        stderr: stderr.text(grace),
        code,
        timed_out,
        wall,
        notes: std::fs::read_to_string(&notes).unwrap_or_default(),
        stopped_early: gone_wrong.load(Ordering::Relaxed) && code.is_none(),
    })
}

/// A fresh, empty folder for a run, removed when dropped: in memory where the machine has
/// room to spare there, as writing to disk would be most of a file lesson's run.
pub fn scratch_folder() -> std::io::Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("golden-")
        .tempdir_in(scratch_root())
}

/// Where runs make their folders: the temporary folder that TMPDIR names, when it is set;
/// otherwise `/dev/shm`, the memory-backed folder of Linux, where it is writable with 2 GiB
/// free (a container may give it only 64 MiB); otherwise the system's temporary folder.
fn scratch_root() -> &'static Path {
    static ROOT: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let chosen = std::env::var_os("TMPDIR").is_none_or(|dir| dir.is_empty())
            && free_bytes(shm).is_some_and(|free| free >= 2 << 30)
            && tempfile::tempdir_in(shm).is_ok();
        if chosen {
            shm.to_owned()
        } else {
            std::env::temp_dir()
        }
    })
}

/// The space free for an unprivileged user in the file system of `dir`.
#[cfg(target_os = "linux")]
fn free_bytes(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: a struct of plain integers, for which all zeroes is a value.
    let mut stats: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path, and a struct of the right type to fill.
    if unsafe { libc::statvfs(path.as_ptr(), &mut stats) } != 0 {
        return None;
    }
    // Their C types are 32 or 64 bits wide, depending on the platform.
    Some((stats.f_bavail as u64).saturating_mul(stats.f_frsize as u64))
}

#[cfg(not(target_os = "linux"))]
fn free_bytes(_dir: &Path) -> Option<u64> {
    None
}

/// A pipe read to its end on a thread of its own, so that a chatty program cannot block on
/// a full pipe.
struct Drain {
    bytes: Arc<Mutex<Vec<u8>>>,
    /// Disconnected when the reader is done: the pipe has closed.
    done: mpsc::Receiver<()>,
}

fn drain(pipe: Option<impl Read + Send + 'static>, stop: Option<(Stop, Arc<AtomicBool>)>) -> Drain {
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let sink = bytes.clone();
    let (finished, done) = mpsc::channel();
    thread::spawn(move || {
        // Dropped when the reader returns, which `done` sees at once.
        let _finished: mpsc::Sender<()> = finished;
        let Some(mut pipe) = pipe else { return };
        let mut chunk = [0; 8192];
        while let Ok(read @ 1..) = pipe.read(&mut chunk) {
            let mut bytes = sink.lock().unwrap_or_else(|e| e.into_inner());
            bytes.extend_from_slice(&chunk[..read]);
            if let Some((stop, gone_wrong)) = &stop
                && stop(&String::from_utf8_lossy(&bytes))
            {
                gone_wrong.store(true, Ordering::Relaxed);
            }
        }
    });
    Drain { bytes, done }
}

impl Drain {
    /// What was read: all of it once the pipe closes, or, if a process the program started
    /// keeps the pipe open after it ended, what came by `deadline`.
    fn text(self, deadline: Instant) -> String {
        let _ = self
            .done
            .recv_timeout(deadline.saturating_duration_since(Instant::now()));
        let bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
