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
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// When each line of stdout was printed, in seconds from the start (`None`: unknown):
    /// on the paused clock, from vclock's report; in real time, when the line arrived.
    pub instants: Vec<Option<f64>>,
    /// The exit code; `None` if a signal ended the program, or the limit did.
    pub code: Option<i32>,
    /// Whether it was stopped for taking longer than its limit.
    pub timed_out: bool,
    /// The wall time it took.
    pub wall: Duration,
    /// What the paused clock could not stand for, as vclock reported it.
    pub notes: Vec<Note>,
    /// Why vclock stopped a paused run, if it did.
    pub stopped: Option<Stopped>,
    /// Whether a thread of tokio's blocking pool started in a paused run (`spawn_blocking`).
    pub pool: bool,
    /// Paused clock: how many spawned tasks were still alive when main returned.
    pub alive_at_end: Option<usize>,
    /// Whether it was stopped because its stdout had already gone wrong (see [`run_until`]).
    pub stopped_early: bool,
}

/// What vclock saw that the paused clock cannot stand for (`note KIND TEXT` in its report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// The runtime's thread ran long in real time: a `std::thread::sleep`, or CPU work.
    Busy(String),
    /// A blocking sleep on a thread other than the runtime's.
    Thread(String),
    /// A blocking sleep outside the runtime.
    Outside(String),
}

impl Note {
    pub fn text(&self) -> &str {
        match self {
            Note::Busy(text) | Note::Thread(text) | Note::Outside(text) => text,
        }
    }
}

/// Why vclock stopped a paused run (`stop KIND TEXT` in its report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// Its runtime sat idle, with no timer due; otherwise it ran far past its deadline.
    pub idle: bool,
    pub why: String,
}

/// Looks at what a program has printed on stdout so far; `true` stops it.
pub type Stop = Box<dyn Fn(&str) -> bool + Send>;

/// How the program runs, beyond its clock.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Arguments given to the program before the golden's own: the script, where the
    /// program is an interpreter (`make originals` runs `python3 examples/NAME/original.py`).
    pub leading_args: Vec<std::ffi::OsString>,
    /// Real clock: a line the program prints first on stdout, once it has started (an
    /// interpreter, once it has loaded what it needs): taken off the output, and the instants
    /// of the lines after it counted from it, not from the process's start.
    pub start_marker: Option<String>,
    /// Paused clock: stop the run at this many seconds of virtual time.
    pub deadline: Option<f64>,
    /// Paused clock: stop the run when its runtime sits idle this many seconds of real time.
    pub idle: Option<f64>,
    /// Real clock: blocking sleeps on other threads than the runtime's end this many
    /// milliseconds late (negative: early).
    pub shift_ms: i64,
    /// The environment beyond the runner's own: each variable set (`Some`) or removed.
    pub env: Vec<(String, Option<std::ffi::OsString>)>,
    /// The open-file limit, soft and hard (`ulimit -n`), set through `sh`.
    pub open_files: Option<u32>,
    /// A stdout that cannot be written (the output is then not read).
    pub broken_stdout: Option<Broken>,
    /// A stderr that cannot be written.
    pub broken_stderr: Option<Broken>,
}

/// An output that cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// A pipe whose reader is gone before the program starts, so its first write fails.
    ClosedPipe,
    /// `/dev/full`: every write fails with "No space left on device".
    DevFull,
}

impl Broken {
    fn stdio(self) -> std::io::Result<Stdio> {
        Ok(match self {
            Broken::ClosedPipe => {
                let (reader, writer) = std::io::pipe()?;
                drop(reader);
                writer.into()
            }
            Broken::DevFull => std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")?
                .into(),
        })
    }
}

/// `program`, to be run through `sh` with its open-file limit (`ulimit -n`, soft and hard)
/// set to `files`: how a test checks a program where a process may open only so many files.
pub fn with_open_file_limit(program: impl AsRef<Path>, files: u32) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
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
    run_until(program, args, dir, clock, limit, None, Options::default())
}

/// [`run`], stopping the program early, as soon as `stop` says its stdout so far has gone
/// wrong: a real-time run need not wait out seconds of sleeps to fail. On the paused clock
/// stdout is a file, so that vclock can tell when each byte was printed, and `stop` is not
/// used (the run takes no time anyway).
pub fn run_until(
    program: &Path,
    args: &[String],
    dir: &Path,
    clock: Clock,
    limit: Duration,
    stop: Option<Stop>,
    options: Options,
) -> Result<Output, String> {
    let mut command = match options.open_files {
        Some(files) => with_open_file_limit(program, files),
        None => Command::new(program),
    };
    command
        .args(&options.leading_args)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .env_remove(vclock::PAUSED_ENV)
        .env_remove(vclock::REPORT_ENV)
        .env_remove(vclock::DEADLINE_ENV)
        .env_remove(vclock::IDLE_ENV)
        .env_remove(vclock::SHIFT_ENV)
        // The local test site is never reached through a proxy from the environment.
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost");
    // A folder of the run's own, removed after it: for vclock's report and the paused run's
    // stdout, and as the program's temporary folder (TMPDIR), where files_sync writes its
    // 330 MB.
    let own = scratch_folder().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    command.env("TMPDIR", own.path());
    let report = own.path().join("vclock-report");
    let stdout_file = own.path().join("stdout");
    let paused = clock == Clock::Paused;
    if paused {
        let file = std::fs::File::create(&stdout_file)
            .map_err(|e| format!("cannot make a file for the program's output: {e}"))?;
        command
            .stdout(file)
            .env(vclock::PAUSED_ENV, "1")
            .env(vclock::REPORT_ENV, &report);
        if let Some(deadline) = options.deadline {
            command.env(vclock::DEADLINE_ENV, deadline.to_string());
        }
        if let Some(idle) = options.idle {
            command.env(vclock::IDLE_ENV, idle.to_string());
        }
    } else {
        command.stdout(Stdio::piped());
        if options.shift_ms != 0 {
            command.env(vclock::SHIFT_ENV, options.shift_ms.to_string());
        }
    }
    for (name, value) in &options.env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    let broken = |what: &str, e: std::io::Error| format!("cannot make a broken {what}: {e}");
    if let Some(sink) = options.broken_stdout {
        command.stdout(sink.stdio().map_err(|e| broken("stdout", e))?);
    }
    if let Some(sink) = options.broken_stderr {
        command.stderr(sink.stdio().map_err(|e| broken("stderr", e))?);
    }
    let start = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    // Drain the pipes while waiting, so a chatty program cannot block on a full pipe.
    let gone_wrong = Arc::new(AtomicBool::new(false));
    let stdout = drain(
        child.stdout.take(),
        stop.map(|stop| (stop, gone_wrong.clone())),
        start,
    );
    let stderr = drain(child.stderr.take(), None, start);
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
    let (stdout, arrivals) = stdout.text(grace);
    let (stderr, _) = stderr.text(grace);
    let mut output = Output {
        stdout,
        stderr,
        code,
        timed_out,
        wall,
        stopped_early: gone_wrong.load(Ordering::Relaxed) && code.is_none(),
        ..Output::default()
    };
    if paused {
        let bytes = std::fs::read(&stdout_file).unwrap_or_default();
        output.stdout = String::from_utf8_lossy(&bytes).into_owned();
        // No report: the program does not run on vclock, and its instants are unknown.
        let Ok(report) = std::fs::read_to_string(&report) else {
            output.instants = vec![None; output.stdout.lines().count()];
            return Ok(output);
        };
        let mut marks = vec![(0, 0.0)];
        for line in report.lines() {
            if let Some(note) = line.strip_prefix("note ") {
                let (kind, text) = note.split_once(' ').unwrap_or((note, ""));
                output.notes.push(match kind {
                    "busy" => Note::Busy(text.to_owned()),
                    "thread" => Note::Thread(text.to_owned()),
                    _ => Note::Outside(text.to_owned()),
                });
            } else if line == "pool" {
                output.pool = true;
            } else if let Some(alive) = line.strip_prefix("alive ") {
                output.alive_at_end = alive.parse().ok();
            } else if let Some(stop) = line.strip_prefix("stop ") {
                let (kind, why) = stop.split_once(' ').unwrap_or((stop, ""));
                output.stopped = Some(Stopped {
                    idle: kind == "idle",
                    why: why.to_owned(),
                });
            } else if let Some((nanos, offset)) =
                line.strip_prefix("at ").and_then(|at| at.split_once(' '))
                && let (Ok(nanos), Ok(offset)) = (nanos.parse::<u128>(), offset.parse::<usize>())
            {
                marks.push((offset, nanos as f64 / 1e9));
            }
        }
        output.instants = line_instants(&bytes, &marks);
    } else {
        output.instants = line_instants(output.stdout.as_bytes(), &arrivals);
        if let Some(marker) = &options.start_marker {
            count_from_marker(&mut output, marker);
        }
    }
    Ok(output)
}

/// Takes the `marker` line off the start of stdout and counts the other lines' instants
/// from it. Without the marker (the program failed before it), the output stays as it is.
fn count_from_marker(output: &mut Output, marker: &str) {
    let Some(rest) = output
        .stdout
        .strip_prefix(marker)
        .and_then(|rest| rest.strip_prefix('\n'))
    else {
        return;
    };
    let zero = output.instants.first().copied().flatten().unwrap_or(0.0);
    output.stdout = rest.to_owned();
    output.instants = output.instants[1..]
        .iter()
        .map(|at| at.map(|at| (at - zero).max(0.0)))
        .collect();
}

/// When each line of `bytes` was printed: `marks` are (offset, seconds), in order, each
/// saying that the bytes from that offset on were printed at that time (until the next).
/// A line counts as printed when its newline was.
fn line_instants(bytes: &[u8], marks: &[(usize, f64)]) -> Vec<Option<f64>> {
    let mut instants = Vec::new();
    let mut mark = 0;
    for (offset, byte) in bytes.iter().enumerate() {
        if *byte != b'\n' {
            continue;
        }
        while mark + 1 < marks.len() && marks[mark + 1].0 <= offset {
            mark += 1;
        }
        instants.push(marks.get(mark).map(|m| m.1));
    }
    if bytes.last().is_some_and(|b| *b != b'\n') {
        instants.push(marks.last().map(|m| m.1));
    }
    instants
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
    /// (offset, seconds since the start): from each offset on, the bytes arrived then.
    arrivals: Arc<Mutex<Vec<(usize, f64)>>>,
    /// Disconnected when the reader is done: the pipe has closed.
    done: mpsc::Receiver<()>,
}

fn drain(
    pipe: Option<impl Read + Send + 'static>,
    stop: Option<(Stop, Arc<AtomicBool>)>,
    start: Instant,
) -> Drain {
    let bytes = Arc::new(Mutex::new(Vec::new()));
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let (sink, times) = (bytes.clone(), arrivals.clone());
    let (finished, done) = mpsc::channel();
    thread::spawn(move || {
        // Dropped when the reader returns, which `done` sees at once.
        let _finished: mpsc::Sender<()> = finished;
        let Some(mut pipe) = pipe else { return };
        let mut chunk = [0; 8192];
        while let Ok(read @ 1..) = pipe.read(&mut chunk) {
            let at = start.elapsed().as_secs_f64();
            let mut bytes = sink.lock().unwrap_or_else(|e| e.into_inner());
            (times.lock().unwrap_or_else(|e| e.into_inner())).push((bytes.len(), at));
            bytes.extend_from_slice(&chunk[..read]);
            if let Some((stop, gone_wrong)) = &stop
                && stop(&String::from_utf8_lossy(&bytes))
            {
                gone_wrong.store(true, Ordering::Relaxed);
            }
        }
    });
    Drain {
        bytes,
        arrivals,
        done,
    }
}

impl Drain {
    /// What was read: all of it once the pipe closes, or, if a process the program started
    /// keeps the pipe open after it ended, what came by `deadline`.
    fn text(self, deadline: Instant) -> (String, Vec<(usize, f64)>) {
        let _ = self
            .done
            .recv_timeout(deadline.saturating_duration_since(Instant::now()));
        let bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        let arrivals = self.arrivals.lock().unwrap_or_else(|e| e.into_inner());
        (
            String::from_utf8_lossy(&bytes).into_owned(),
            arrivals.clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_marker_is_taken_off_and_the_instants_counted_from_it() {
        let mut output = Output {
            stdout: "ready\none\ntwo\n".to_owned(),
            instants: vec![Some(0.5), Some(0.6), Some(1.5)],
            ..Output::default()
        };
        count_from_marker(&mut output, "ready");
        assert_eq!(output.stdout, "one\ntwo\n");
        let instants: Vec<f64> = output.instants.iter().map(|at| at.unwrap()).collect();
        assert!((instants[0] - 0.1).abs() < 1e-9 && (instants[1] - 1.0).abs() < 1e-9);
        let mut without = Output {
            stdout: "Traceback\n".to_owned(),
            instants: vec![Some(0.5)],
            ..Output::default()
        };
        count_from_marker(&mut without, "ready");
        assert_eq!(without.stdout, "Traceback\n");
        assert_eq!(without.instants, [Some(0.5)]);
    }
}
