//! A record of a paused-clock run for `cargo run -p learn -- timeline`: when each task
//! runs, waits and blocks the thread, in virtual time, and where its printed lines fall.
//!
//! Only with `VCLOCK_TIMELINE=FILE` in the environment and the paused clock; otherwise
//! nothing here does anything. The record is one event a line, written to FILE as it
//! happens:
//!
//! | event | when |
//! | --- | --- |
//! | `spawn LANE NANOS FILE:LINE` | a task is spawned (where, in the source) |
//! | `run LANE NANOS OFFSET` | a poll of the task begins |
//! | `wait LANE NANOS OFFSET` | the poll ends: the task waits (a timer, a channel...) |
//! | `block LANE NANOS OFFSET` | a blocking sleep begins on the lane's thread |
//! | `unblock LANE NANOS OFFSET` | it ends |
//! | `end LANE NANOS` | the task is done |
//!
//! LANE is `main` (the future of `#[vclock::main]`), a task's id, or `thread-N` for a
//! blocking sleep on a thread of its own; NANOS is virtual time since the runtime started;
//! OFFSET is how many bytes stdout held then (stdout is a file for the recording run), so a
//! printed line belongs to the last event at or before its first byte. Task events need
//! tokio's task hooks, which exist only when built with `--cfg tokio_unstable`, as `learn
//! timeline` builds; without them the record has the main lane alone.

use std::cell::Cell;
use std::io::Write as _;
use std::sync::Mutex;

use tokio::runtime::Handle;
use tokio::time::Instant;

/// The environment variable naming the file to write the record to.
pub const TIMELINE_ENV: &str = "VCLOCK_TIMELINE";

struct Record {
    start: Instant,
    handle: Handle,
    file: std::fs::File,
}

static RECORD: Mutex<Option<Record>> = Mutex::new(None);

thread_local! {
    /// The lane being polled on this thread, if any.
    static CURRENT: Cell<Option<u64>> = const { Cell::new(None) };
}

/// The main lane's number in [`CURRENT`]: task ids start at 1.
const MAIN: u64 = 0;

fn wanted() -> bool {
    crate::is_paused() && std::env::var_os(TIMELINE_ENV).is_some()
}

/// Starts the record at the runtime's start, when one is asked for. A runtime built by hand
/// (`vclock::runtime::new_current_thread`) starts it at its first event instead.
pub(crate) fn begin(handle: &Handle) {
    if wanted() {
        let mut record = RECORD.lock().unwrap_or_else(|e| e.into_inner());
        start(&mut record, handle, true);
    }
}

/// `enter`: whether to enter the runtime's context to read its clock (not from within it).
fn start(record: &mut Option<Record>, handle: &Handle, enter: bool) {
    if record.is_some() {
        return;
    }
    let Some(path) = std::env::var_os(TIMELINE_ENV) else {
        return;
    };
    // Each event is written as it happens, so the record survives `process::exit`.
    let Ok(file) = std::fs::File::create(path) else {
        return;
    };
    let _context = enter.then(|| handle.enter());
    *record = Some(Record {
        start: Instant::now(),
        handle: handle.clone(),
        file,
    });
}

fn lane_name(lane: u64) -> String {
    if lane == MAIN {
        "main".to_owned()
    } else {
        lane.to_string()
    }
}

/// Adds `KIND LANE NANOS OFFSET` (or `extra` for the offset) to the record.
fn event(kind: &str, lane: &str, extra: Option<&str>) {
    let mut guard = RECORD.lock().unwrap_or_else(|e| e.into_inner());
    if guard.is_none()
        && let Ok(handle) = Handle::try_current()
    {
        start(&mut guard, &handle, false);
    }
    let Some(record) = guard.as_mut() else {
        return;
    };
    // On the runtime's thread its clock is at hand (and entering it again from a task hook
    // would panic); elsewhere, the runtime's context gives its clock.
    let now = if Handle::try_current().is_ok() {
        Instant::now()
    } else {
        let _context = record.handle.enter();
        Instant::now()
    };
    let nanos = now.saturating_duration_since(record.start).as_nanos();
    let line = match extra {
        Some(extra) => format!("{kind} {lane} {nanos} {extra}\n"),
        None => format!("{kind} {lane} {nanos} {}\n", crate::report::stdout_offset()),
    };
    let _ = record.file.write_all(line.as_bytes());
}

/// A blocking `fn main` under `#[vclock::main]`: its thread is the main lane.
pub(crate) fn blocking_main<R>(body: impl FnOnce() -> R) -> R {
    if !wanted() {
        return body();
    }
    poll(MAIN, true);
    let result = body();
    poll(MAIN, false);
    result
}

/// A poll of `lane` begins (`run`) or ends (`wait`) on this thread.
fn poll(lane: u64, begins: bool) {
    CURRENT.with(|current| current.set(begins.then_some(lane)));
    event(if begins { "run" } else { "wait" }, &lane_name(lane), None);
}

/// The main future of `#[vclock::main]`, with its polls recorded.
pub(crate) async fn main_lane<F: std::future::Future>(body: F) -> F::Output {
    if !wanted() {
        return body.await;
    }
    let mut body = std::pin::pin!(body);
    std::future::poll_fn(|cx| {
        poll(MAIN, true);
        let result = body.as_mut().poll(cx);
        poll(MAIN, false);
        result
    })
    .await
}

/// A blocking sleep begins (`true`) or ends on this thread.
pub(crate) fn blocking(begins: bool) {
    if !wanted() {
        return;
    }
    let lane = match CURRENT.with(Cell::get) {
        Some(lane) => lane_name(lane),
        None => thread_lane(),
    };
    event(if begins { "block" } else { "unblock" }, &lane, None);
}

/// A lane for a thread that is not polling a task: `thread-N`, in the order first seen.
fn thread_lane() -> String {
    static THREADS: Mutex<Vec<std::thread::ThreadId>> = Mutex::new(Vec::new());
    let id = std::thread::current().id();
    let mut threads = THREADS.lock().unwrap_or_else(|e| e.into_inner());
    let n = match threads.iter().position(|&t| t == id) {
        Some(n) => n,
        None => {
            threads.push(id);
            threads.len() - 1
        }
    };
    format!("thread-{}", n + 1)
}

/// Tokio's task hooks, on a runtime being built: each task's spawn, polls and end.
#[cfg(tokio_unstable)]
pub(crate) fn hook(builder: &mut tokio::runtime::Builder) {
    if !wanted() {
        return;
    }
    fn id(meta: &tokio::runtime::TaskMeta<'_>) -> u64 {
        meta.id().to_string().parse().unwrap_or(u64::MAX)
    }
    builder
        .on_task_spawn(|meta| {
            let at = meta.spawned_at();
            let place = format!("{}:{}", at.file(), at.line());
            event("spawn", &id(meta).to_string(), Some(&place));
        })
        .on_before_task_poll(|meta| poll(id(meta), true))
        .on_after_task_poll(|meta| poll(id(meta), false))
        .on_task_terminate(|meta| event("end", &id(meta).to_string(), Some("")));
}

#[cfg(not(tokio_unstable))]
pub(crate) fn hook(_builder: &mut tokio::runtime::Builder) {}
