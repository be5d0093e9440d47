//! What a run tells the grade: when each line was printed on the paused clock, and what the
//! paused clock could not stand for.
//!
//! Only with `VCLOCK_REPORT=FILE` in the environment (the grade sets it); otherwise nothing
//! here does anything. FILE gets one line per event, written as it happens, so it survives
//! `process::exit`:
//!
//! | line | meaning |
//! | --- | --- |
//! | `at NANOS OFFSET` | from byte OFFSET of stdout on, the paused clock reads NANOS |
//! | `note KIND TEXT` | something the paused clock cannot stand for (KIND: `busy`, the runtime's thread ran long; `thread`, a blocking sleep on another thread; `outside`, one outside the runtime): grade this run in real time |
//! | `stop KIND TEXT` | the run was stopped (KIND: `deadline`, far past its time; `idle`, waiting for nothing; `busy`, never idle for a second of real time), and why |
//! | `pool` | a thread of tokio's blocking pool started (`spawn_blocking`, `tokio::fs`) |
//! | `alive N` | main has returned, with N spawned tasks still alive (dropped with the runtime) |
//!
//! The paused clock moves only while the runtime's thread is parked (tokio jumps to the next
//! timer) or in [`advance`], so a mark after each of those places every byte of stdout (a
//! file, for the grade) at its instant. The same hooks measure how long the thread ran in
//! real time between two idle moments: a `std::thread::sleep` or long CPU work shows there.

use std::fs::File;
use std::future::Future;
use std::io::{Seek, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Context, Wake, Waker};
use std::time::Duration;

use tokio::runtime::Handle;

/// The environment variable naming the report's file.
pub const REPORT_ENV: &str = "VCLOCK_REPORT";
/// Seconds of virtual time after which a paused run is stopped as running far too long.
pub const DEADLINE_ENV: &str = "VCLOCK_DEADLINE";
/// Seconds of real time the paused runtime may sit idle (nothing to run, no timer to jump
/// to) before the run is stopped as waiting for something that never comes.
pub const IDLE_ENV: &str = "VCLOCK_IDLE_LIMIT";
/// Real clock: blocking sleeps on threads other than the runtime's end this many
/// milliseconds after (or, negative, before) they are due. Two runs shifted either way show
/// whether the output depends on which of a thread and a timer due together goes first.
pub const SHIFT_ENV: &str = "VCLOCK_SHIFT_MS";

/// The longest the runtime's thread may run between idle moments, in real time, before the
/// grade is told that the paused clock cannot stand for it. A paused run's steps take
/// microseconds; a loaded 2-core machine can stall a process for tens of milliseconds, and a
/// blocking wait shorter than this moves no line out of the grade's tolerance.
const BUSY: Duration = Duration::from_millis(250);

/// The longest the runtime's thread may run without going idle before a paused run is
/// stopped, to be graded in real time (only with [`IDLE_ENV`], as the grade runs it).
const SPIN: Duration = Duration::from_secs(1);

struct Report {
    file: File,
    /// Stdout, shared: its position is how many bytes the program has printed.
    stdout: Option<File>,
    /// The paused clock when the runtime started.
    start: Option<tokio::time::Instant>,
    /// The last `at` written.
    last: Option<(u128, u64)>,
    notes: Vec<String>,
    deadline: Option<Duration>,
    /// Since when, in real time, the runtime's thread has run without an idle moment.
    awake_since: Option<std::time::Instant>,
    /// Since when it has been idle (parked).
    idle_since: Option<std::time::Instant>,
    handle: Option<Handle>,
    /// Whether a thread of the blocking pool has started.
    pool: bool,
    /// How many times the runtime's thread has gone idle with nothing left to run.
    idle_parks: u64,
}

/// Signalled when the runtime's thread goes idle with nothing left to run.
static IDLE: Condvar = Condvar::new();

/// Whether `main`'s future has been woken and not polled since: the runtime then parks only
/// to look for events, not to wait.
static MAIN_WOKEN: AtomicBool = AtomicBool::new(false);

fn report() -> Option<MutexGuard<'static, Report>> {
    static REPORT: OnceLock<Option<Mutex<Report>>> = OnceLock::new();
    let report = REPORT.get_or_init(|| {
        let path = std::env::var_os(REPORT_ENV)?;
        let file = File::options().create(true).append(true).open(path).ok()?;
        let deadline = std::env::var(DEADLINE_ENV)
            .ok()
            .and_then(|secs| Duration::try_from_secs_f64(secs.parse().ok()?).ok());
        Some(Mutex::new(Report {
            file,
            stdout: shared_stdout(),
            start: None,
            last: None,
            notes: Vec::new(),
            deadline,
            awake_since: Some(std::time::Instant::now()),
            idle_since: None,
            handle: None,
            pool: false,
            idle_parks: 0,
        }))
    });
    Some(
        report
            .as_ref()?
            .lock()
            .unwrap_or_else(PoisonError::into_inner),
    )
}

/// A second handle on stdout, sharing its position.
fn shared_stdout() -> Option<File> {
    #[cfg(unix)]
    let owned = std::os::fd::AsFd::as_fd(&std::io::stdout()).try_clone_to_owned();
    #[cfg(windows)]
    let owned = std::os::windows::io::AsHandle::as_handle(&std::io::stdout()).try_clone_to_owned();
    #[cfg(not(any(unix, windows)))]
    let owned: std::io::Result<File> = Err(std::io::ErrorKind::Unsupported.into());
    owned.ok().map(File::from)
}

/// How many bytes stdout has taken so far, if it is a file (-1 for a pipe or a terminal).
pub(crate) fn stdout_offset() -> i64 {
    static STDOUT: OnceLock<Option<File>> = OnceLock::new();
    let position = STDOUT
        .get_or_init(shared_stdout)
        .as_ref()
        .map(|mut file| file.stream_position());
    match position {
        Some(Ok(bytes)) => i64::try_from(bytes).unwrap_or(-1),
        _ => -1,
    }
}

impl Report {
    fn write(&mut self, line: &str) {
        let _ = self.file.write_all(format!("{line}\n").as_bytes());
    }

    /// Virtual time since the start, on the runtime's thread.
    fn now(&mut self) -> Duration {
        let now = tokio::time::Instant::now();
        now - *self.start.get_or_insert(now)
    }

    /// `at NANOS OFFSET`, where the clock has moved since the last.
    fn mark(&mut self) {
        let nanos = self.now().as_nanos();
        let offset = match self.stdout.as_mut().map(|file| file.stream_position()) {
            Some(Ok(offset)) => offset,
            _ => return,
        };
        if self.last.is_some_and(|(last, _)| last == nanos) {
            return;
        }
        self.last = Some((nanos, offset));
        self.write(&format!("at {nanos} {offset}"));
        let now = self.now();
        if self.deadline.is_some_and(|deadline| now > deadline) {
            let alive = self.alive();
            self.stop(&format!(
                "deadline still running at {:.1} s of virtual time{alive}",
                now.as_secs_f64()
            ));
        }
    }

    /// The thread has run since `awake_since`: say so if that took real time.
    fn awake_until_now(&mut self) {
        if let Some(since) = self.awake_since.take() {
            let busy = since.elapsed();
            if busy > BUSY {
                self.note(&format!(
                    "busy the runtime's thread ran for {} ms of real time at once (a \
                     std::thread::sleep, or long CPU work)",
                    busy.as_millis()
                ));
            }
        }
    }

    fn note(&mut self, text: &str) {
        if !self.notes.iter().any(|noted| noted == text) {
            self.notes.push(text.to_owned());
            self.write(&format!("note {text}"));
        }
    }

    /// `, with N tasks still running` where tokio can tell.
    fn alive(&self) -> String {
        match self.handle.as_ref().map(|h| h.metrics().num_alive_tasks()) {
            Some(0) | None => ", waiting in main".to_owned(),
            Some(1) => ", with 1 spawned task still alive".to_owned(),
            Some(n) => format!(", with {n} spawned tasks still alive"),
        }
    }

    /// `why` is `KIND TEXT`.
    fn stop(&mut self, why: &str) -> ! {
        self.write(&format!("stop {why}"));
        std::process::exit(101);
    }
}

/// Hooks on a paused runtime's builder, when a report is asked for.
pub(crate) fn hook(builder: &mut tokio::runtime::Builder) {
    if report().is_none() {
        return;
    }
    builder
        // One thread per blocking task, so that each one starts through the gate below.
        .thread_keep_alive(Duration::ZERO)
        .on_thread_start(|| {
            let Some(mut report) = report() else { return };
            if !report.pool {
                report.pool = true;
                report.write("pool");
            }
            // A new thread takes a while to start: in real time the runtime's thread goes on
            // with what it has to do before the thread's first line, nearly always. Under the
            // grade it always does, so that a race between them gets one verdict: the thread
            // waits until the runtime has nothing left to run (or BUSY, should it never).
            let seen = report.idle_parks;
            let until = std::time::Instant::now() + BUSY;
            while report.idle_parks == seen {
                let left = until.saturating_duration_since(std::time::Instant::now());
                if left.is_zero() {
                    break;
                }
                report = IDLE
                    .wait_timeout(report, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        })
        .on_thread_park(|| {
            if let Some(mut report) = report() {
                // Before the clock first moves: a runtime built by hand starts here.
                report.now();
                report.awake_until_now();
                report.idle_since = Some(std::time::Instant::now());
                if !MAIN_WOKEN.load(Ordering::SeqCst) {
                    report.idle_parks += 1;
                    IDLE.notify_all();
                }
            }
        })
        .on_thread_unpark(|| {
            if let Some(mut report) = report() {
                report.idle_since = None;
                report.awake_since = Some(std::time::Instant::now());
                if report.handle.is_none() {
                    report.handle = Handle::try_current().ok();
                }
                report.mark();
            }
        });
    watch_idle();
}

/// `main`'s future, telling [`MAIN_WOKEN`] when it is woken: tokio parks its thread (and
/// calls `on_thread_park`) after a `main` that yields by waking itself, with work still to do.
pub(crate) fn main_wakes<F: Future>(body: F) -> impl Future<Output = F::Output> {
    struct Flag(Waker);
    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            MAIN_WOKEN.store(true, Ordering::SeqCst);
            self.0.wake_by_ref();
        }
    }
    let watched = report().is_some();
    let mut flag: Option<(Waker, Waker)> = None;
    let mut body = Box::pin(body);
    std::future::poll_fn(move |cx| {
        if !watched {
            return body.as_mut().poll(cx);
        }
        MAIN_WOKEN.store(false, Ordering::SeqCst);
        let waker = match &flag {
            Some((inner, flagged)) if inner.will_wake(cx.waker()) => flagged.clone(),
            _ => {
                let flagged = Waker::from(Arc::new(Flag(cx.waker().clone())));
                flag = Some((cx.waker().clone(), flagged.clone()));
                flagged
            }
        };
        body.as_mut().poll(&mut Context::from_waker(&waker))
    })
}

/// The runtime of `#[vclock::main]` has started: its clock's start is time 0.
pub(crate) fn begin(handle: &Handle) {
    if let Some(mut report) = report() {
        let _context = handle.enter();
        report.now();
        report.handle = Some(handle.clone());
        report.awake_since = Some(std::time::Instant::now());
    }
}

/// The program's main has returned: what ran since the last idle moment counts too.
pub(crate) fn end() {
    if let Some(mut report) = report() {
        report.awake_until_now();
        // Tasks still alive now are dropped when the runtime is: what `ended early` means.
        if let Some(handle) = &report.handle {
            let alive = handle.metrics().num_alive_tasks();
            report.write(&format!("alive {alive}"));
        }
    }
}

/// Moves the paused clock forward now, on the runtime's thread, without yielding.
pub(crate) fn advance(duration: Duration) {
    let mut report = report();
    if let Some(report) = report.as_mut() {
        report.now();
        report.awake_until_now();
    }
    // `tokio::time::advance` moves the clock at its first poll, then yields to the
    // scheduler; a blocking sleep must not yield, so it is polled once and dropped.
    let step = std::pin::pin!(tokio::time::advance(duration));
    let _ = step.poll(&mut Context::from_waker(Waker::noop()));
    if let Some(report) = report.as_mut() {
        report.mark();
        report.awake_since = Some(std::time::Instant::now());
    }
}

/// Tells the grade something the paused clock cannot stand for (once each): `KIND TEXT`.
pub(crate) fn note(text: &str) {
    if let Some(mut report) = report() {
        report.note(text);
    }
}

/// Stops a paused run whose runtime has been idle for [`IDLE_ENV`] seconds of real time: with
/// the clock paused, an idle runtime with a timer pending jumps to it at once, so it waits
/// for something else: a channel nobody sends on, a task that never ends, or a thread.
fn watch_idle() {
    let Some(limit) = std::env::var(IDLE_ENV)
        .ok()
        .and_then(|secs| Duration::try_from_secs_f64(secs.parse().ok()?).ok())
    else {
        return;
    };
    static STARTED: OnceLock<()> = OnceLock::new();
    if STARTED.set(()).is_err() {
        return;
    }
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(20));
            let Some(mut report) = report() else { return };
            // A task that yields without waiting (a loop of `yield_now`, or of
            // `sleep(Duration::ZERO)`, until another is done) keeps the runtime from ever
            // going idle, and the paused clock moves only when it does: such a run would go on
            // forever here, where `cargo run` ends. It is one to grade in real time.
            if report
                .awake_since
                .is_some_and(|since| since.elapsed() > SPIN)
            {
                let busy = format!(
                    "busy the runtime's thread ran for over {} s of real time without going idle \
                     (a blocking call such as a std Mutex's lock, a busy wait that yields, or \
                     long CPU work): the paused clock stood still",
                    SPIN.as_secs()
                );
                report.note(&busy);
                report.stop(&busy);
            }
            if report
                .idle_since
                .is_some_and(|since| since.elapsed() > limit)
            {
                let at = report.last.map_or(0.0, |(nanos, _)| nanos as f64 / 1e9);
                let alive = report.alive();
                report.stop(&format!(
                    "idle idle at {at:.1} s of virtual time{alive}: nothing could run and no timer \
                     was pending for {:.1} s of real time",
                    limit.as_secs_f64()
                ));
            }
        }
    });
}

/// A real blocking sleep: shifted by [`SHIFT_ENV`] on a thread other than the runtime's.
pub(crate) fn real_sleep(duration: Duration) {
    static SHIFT: OnceLock<i64> = OnceLock::new();
    let shift = *SHIFT.get_or_init(|| {
        std::env::var(SHIFT_ENV)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .unwrap_or(0)
    });
    if shift == 0 || crate::RUNTIME_THREAD.get() == Some(&std::thread::current().id()) {
        return std::thread::sleep(duration);
    }
    std::thread_local! {
        /// When this thread's last blocking sleep was due.
        static DUE: std::cell::Cell<Option<std::time::Instant>> = const { std::cell::Cell::new(None) };
    }
    let shift_abs = Duration::from_millis(shift.unsigned_abs());
    let now = std::time::Instant::now();
    // Sleeps in a row follow each other's due times, so the shifts do not add up.
    let start = match DUE.get() {
        Some(due) if now < due + shift_abs + Duration::from_millis(20) => due,
        _ => now,
    };
    let due = start + duration;
    DUE.set(Some(due));
    let wake = if shift > 0 {
        due + shift_abs
    } else {
        due.checked_sub(shift_abs).unwrap_or(due).max(start)
    };
    std::thread::sleep(wake.saturating_duration_since(std::time::Instant::now()));
}
