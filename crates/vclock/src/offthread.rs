//! Blocking sleeps on threads other than the runtime's own, on the paused clock.
//!
//! A learner moves CPU-bound work off the event loop with `tokio::task::spawn_blocking` (in
//! Python, `asyncio.to_thread`). In real time the blocking thread sleeps while the runtime
//! goes on firing timers. tokio's paused clock cannot do that by itself: it jumps only when
//! its one thread has nothing to do, and while blocking work runs it does not jump at all.
//! So here the runtime thread moves the clock for such sleepers, in the hook tokio calls each
//! time that thread is about to park (nothing is ready to run):
//!
//! - a sleeper registers its deadline and waits;
//! - the idle runtime steps the clock towards the earliest deadline a millisecond at a time
//!   (tokio's timer resolution), so every timer due on the way fires, in order, and its task
//!   runs, before the clock moves on;
//! - a sleeper is released once the runtime has been idle at its deadline: **a blocking sleep
//!   ends after the timers due at the same instant**, as a real one, which always overshoots.
//!
//! The clock moves only while every other thread of the process waits (on Linux, read from
//! `/proc/self/task`): a thread just handed blocking work, or just released from a sleep,
//! reaches its next sleep (or its end) before the clock goes on, so its work takes no
//! virtual time, exactly as on the runtime thread; and while sleepers wait, the runtime
//! never parks, so tokio's own auto-advance cannot jump past them. (With no sleeper waiting,
//! the blocking pool's threads are not waited for: tokio holds its clock still while their
//! work runs.) A thread that tokio did not start (`std::thread::spawn`) follows the same
//! rule, and the clock waits for it too while it is on its way to its first sleep, before
//! the runtime's first idle moment. Sleepers due at the same instant are released together
//! and then run side by side, as real threads do. Where a thread keeps running for a
//! second, a note (see [`NOTES_ENV`]) asks the grade to use the real clock.

use std::cell::RefCell;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::task::{Context, Waker};
use std::thread::ThreadId;
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::time::Instant;

/// The environment variable naming a file where vclock notes what the paused clock could not
/// order, one line each, for the grade to read.
pub const NOTES_ENV: &str = "VCLOCK_NOTES";

/// The finest step of tokio's timer wheel.
const TICK: Duration = Duration::from_millis(1);

struct Sleeper {
    deadline: Instant,
    id: u64,
    released: bool,
}

#[derive(Default)]
struct State {
    sleepers: Vec<Sleeper>,
    next_id: u64,
    /// The instant at which the idle runtime last polled its timers.
    idle_at: Option<Instant>,
    /// The runtime's `block_on` has returned: nothing moves the clock any more.
    shut_down: bool,
}

/// One paused runtime's sleepers and the means to wake them.
#[derive(Default)]
struct Coordinator {
    state: Mutex<State>,
    released: Condvar,
    /// The runtime, once its thread has been idle: for threads that tokio did not start.
    runtime: OnceLock<Handle>,
    /// The thread that runs the runtime: until its first idle moment, the one that built it
    /// (the same, wherever `#[vclock::main]` or a lesson builds one). Never unknown, so that
    /// a thread of the program's own, sleeping before the runtime's first idle moment,
    /// cannot pass for it and move the clock itself.
    runtime_thread: Mutex<Option<ThreadId>>,
    /// The threads of the runtime's blocking pool, by their kernel ids (Linux).
    pool_threads: Mutex<Vec<ThreadNumber>>,
    /// Threads of the program's own on their way to a sleep, waiting to learn the runtime
    /// at its first idle moment: until they have taken their place, the clock waits.
    arriving: AtomicUsize,
}

thread_local! {
    /// Set on the threads of a paused runtime's blocking pool.
    static POOL: RefCell<Option<Arc<Coordinator>>> = const { RefCell::new(None) };
}

/// The paused runtime built last: the one a thread that tokio did not start belongs to.
static LATEST: Mutex<Option<Arc<Coordinator>>> = Mutex::new(None);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Moves the paused clock forward now, without yielding (see `thread::sleep`).
pub(crate) fn advance(duration: Duration) {
    let step = std::pin::pin!(tokio::time::advance(duration));
    let _ = step.poll(&mut Context::from_waker(Waker::noop()));
}

/// Installs the hooks on a paused runtime's builder.
pub(crate) fn install(builder: &mut tokio::runtime::Builder) {
    let coordinator = Arc::new(Coordinator::default());
    *lock(&coordinator.runtime_thread) = Some(std::thread::current().id());
    *lock(&LATEST) = Some(coordinator.clone());
    let (pool, ended) = (coordinator.clone(), coordinator.clone());
    builder
        .on_thread_start(move || {
            lock(&pool.pool_threads).push(this_thread());
            POOL.set(Some(pool.clone()));
        })
        .on_thread_stop(move || {
            let me = this_thread();
            lock(&ended.pool_threads).retain(|&thread| thread != me);
        })
        .on_thread_park(move || coordinator.on_idle());
}

/// The runtime built last is `handle`, run by this thread: threads of the program's own
/// can find it.
pub(crate) fn remember(handle: &Handle) {
    if let Some(coordinator) = lock(&LATEST).clone() {
        coordinator.remember(handle);
    }
}

/// The runtime built last has returned from `block_on`: release every sleeper, and let
/// later ones jump, as nothing will move the clock for them any more.
pub(crate) fn shut_down() {
    let Some(coordinator) = lock(&LATEST).clone() else {
        return;
    };
    let mut state = lock(&coordinator.state);
    state.shut_down = true;
    for sleeper in &mut state.sleepers {
        sleeper.released = true;
    }
    coordinator.released.notify_all();
}

/// Where a blocking sleep on the paused clock went.
pub(crate) enum Taken {
    /// Slept, on a thread other than the runtime's.
    Slept,
    /// This is the paused runtime's own thread: the caller moves the clock.
    RuntimeThread,
    /// No paused runtime was built in this process: nothing can take the sleep.
    NoRuntime,
}

/// A blocking sleep, if this thread is not the paused runtime's own: on a thread of tokio's
/// blocking pool, or one that tokio did not start.
pub(crate) fn sleep(duration: Duration) -> Taken {
    if let Some(coordinator) = POOL.with_borrow(Option::clone) {
        coordinator.sleep(duration, false);
        return Taken::Slept;
    }
    // Otherwise a thread of the program's own (std::thread::spawn), or the runtime's: the
    // runtime built last, as a program has one.
    let Some(coordinator) = lock(&LATEST).clone() else {
        return Taken::NoRuntime;
    };
    let runtime_thread = *lock(&coordinator.runtime_thread);
    let on_runtime_thread = match runtime_thread {
        Some(runtime_thread) => runtime_thread == std::thread::current().id(),
        None => Handle::try_current().is_ok(),
    };
    if on_runtime_thread {
        return Taken::RuntimeThread;
    }
    // The runtime is known once its thread has first been idle, which is soon. Until this
    // thread has taken its place among the sleepers, the clock waits: it looks idle in its
    // short real sleeps below, but it is not.
    coordinator.arriving.fetch_add(1, Ordering::SeqCst);
    let start = std::time::Instant::now();
    let runtime = loop {
        if let Some(runtime) = coordinator.runtime.get() {
            break Some(runtime.clone());
        }
        if start.elapsed() > Duration::from_secs(1) {
            break None;
        }
        real_sleep(Duration::from_millis(1));
    };
    match runtime {
        Some(runtime) => {
            let _context = runtime.enter();
            coordinator.sleep(duration, true);
        }
        None => {
            coordinator.arriving.fetch_sub(1, Ordering::SeqCst);
            note(
                "a blocking sleep on a thread of the program's own, with no runtime running: \
                 the paused clock cannot order it",
            );
            real_sleep(duration);
        }
    }
    Taken::Slept
}

impl Coordinator {
    /// Waits until the runtime has moved the clock to the deadline and run everything due
    /// by then. Needs the runtime's context. `arriving`: the thread counted itself among
    /// those on their way, and has now arrived.
    fn sleep(&self, duration: Duration, arriving: bool) {
        let id = {
            let mut state = lock(&self.state);
            if arriving {
                self.arriving.fetch_sub(1, Ordering::SeqCst);
            }
            if state.shut_down {
                drop(state);
                advance(duration);
                return;
            }
            let id = state.next_id;
            state.next_id += 1;
            state.sleepers.push(Sleeper {
                deadline: Instant::now() + duration,
                id,
                released: false,
            });
            id
        };
        // The runtime thread may be parked; a task to run wakes it, and its idle hook
        // looks again.
        drop(tokio::runtime::Handle::current().spawn(async {}));
        let mut state = lock(&self.state);
        loop {
            let Some(index) = state.sleepers.iter().position(|s| s.id == id) else {
                return;
            };
            if state.sleepers[index].released {
                state.sleepers.remove(index);
                return;
            }
            state = self
                .released
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// The runtime thread is about to park: nothing is ready to run at this instant.
    fn remember(&self, handle: &Handle) {
        let _ = self.runtime.set(handle.clone());
        *lock(&self.runtime_thread) = Some(std::thread::current().id());
    }

    fn on_idle(&self) {
        if let Ok(handle) = Handle::try_current() {
            self.remember(&handle);
        }
        if self.arriving.load(Ordering::SeqCst) > 0 {
            // A thread is about to learn the runtime, now known, and take its place among
            // the sleepers: look again once it has, without parking (tokio would move the
            // clock past its deadline).
            std::thread::yield_now();
            drop(tokio::spawn(async {}));
            return;
        }
        // Nothing may move the clock while another thread of the process still runs: one
        // just handed blocking work, or just released from a sleep, has not yet reached its
        // next sleep (or its end), and its work takes no virtual time. While no sleeper
        // waits, the threads of the blocking pool need no waiting for: the clock can then
        // only move by tokio's own auto-advance, which tokio holds back while blocking work
        // runs (work such as tokio::fs's, which sleeps nowhere).
        let sleeping = lock(&self.state).sleepers.iter().any(|s| !s.released);
        let pool = if sleeping {
            Vec::new()
        } else {
            lock(&self.pool_threads).clone()
        };
        if !others_wait(&pool) {
            note(
                "a thread kept running while the clock was due to move: the paused clock \
                 cannot order it",
            );
        }
        let mut state = lock(&self.state);
        let Some(due) = state
            .sleepers
            .iter()
            .filter(|s| !s.released)
            .map(|s| s.deadline)
            .min()
        else {
            return;
        };
        let now = Instant::now();
        if state.idle_at != Some(now) {
            // The clock moved since the timers were last polled: poll them at `now` first.
            state.idle_at = Some(now);
        } else if due <= now {
            for sleeper in state.sleepers.iter_mut().filter(|s| s.deadline <= now) {
                sleeper.released = true;
            }
            self.released.notify_all();
        } else {
            let step = (due - now).min(TICK);
            advance(step);
            state.idle_at = Some(now + step);
        }
        // Something to run keeps the runtime from parking, and so its clock from jumping
        // past a sleeper's deadline: it polls the timers at the new instant, runs what they
        // woke, and comes back here when idle again.
        drop(tokio::spawn(async {}));
    }
}

/// A thread, as the kernel numbers it (Linux; elsewhere 0).
type ThreadNumber = i32;

fn this_thread() -> ThreadNumber {
    #[cfg(target_os = "linux")]
    // SAFETY: gettid has no preconditions and cannot fail.
    return unsafe { libc::gettid() };
    #[cfg(not(target_os = "linux"))]
    0
}

/// Waits, a second at most, until no other thread of this process, but those in `skip`, is
/// running or ready to run (Linux: `/proc/self/task`; elsewhere it cannot tell, and does not
/// wait), so there is one paused runtime per process, as an example has. Returns whether
/// they all wait.
fn others_wait(skip: &[ThreadNumber]) -> bool {
    #[cfg(target_os = "linux")]
    return CENSUS.with_borrow_mut(|census| {
        let start = std::time::Instant::now();
        while census.busy(skip) {
            if start.elapsed() > Duration::from_secs(1) {
                return false;
            }
            std::thread::yield_now();
        }
        true
    });
    #[cfg(not(target_os = "linux"))]
    {
        let _ = skip;
        true
    }
}

#[cfg(target_os = "linux")]
thread_local! {
    /// The census kept by the thread that asks: the runtime's.
    static CENSUS: RefCell<census::Census> = RefCell::default();
}

/// The other threads of the process and what they are doing, from `/proc`, cheaply enough
/// to ask at every step of the clock: each thread's `stat` file stays open and is read again
/// from its start, one system call, and the folder of threads is listed again only when its
/// link count says the count of threads has changed, or a thread has ended.
#[cfg(target_os = "linux")]
mod census {
    use std::fs::File;
    use std::os::unix::fs::{FileExt, MetadataExt};

    use super::{ThreadNumber, this_thread};

    #[derive(Default)]
    pub(super) struct Census {
        /// `/proc/self/task`, once opened.
        tasks: Option<File>,
        /// Every other thread, with its `stat` file, as last listed.
        threads: Vec<(ThreadNumber, File)>,
        /// What [`Census::count`] said before that listing.
        listed: usize,
    }

    impl Census {
        /// Whether a thread other than this one and those in `skip` is running or ready to
        /// run (state `R`), or in an uninterruptible wait (`D`, such as disk I/O).
        pub(super) fn busy(&mut self, skip: &[ThreadNumber]) -> bool {
            let count = self.count();
            if count.is_none() || count != Some(self.listed) {
                self.list();
                self.listed = count.unwrap_or(0);
            }
            let mut stat = [0; 64];
            for (thread, file) in &self.threads {
                if skip.contains(thread) {
                    continue;
                }
                match file.read_at(&mut stat, 0) {
                    Ok(read) if matches!(state(&stat[..read]), Some(b'R' | b'D')) => return true,
                    Ok(_) => {}
                    Err(_) => {
                        // It has just ended, and another may have started in its place,
                        // unlisted: not settled yet. The next look lists them again.
                        self.listed = 0;
                        return true;
                    }
                }
            }
            false
        }

        /// A number that changes with the count of the process's threads: the link count
        /// of `/proc/self/task`, which is two more than that (read without formatting any
        /// text, unlike the count in `/proc/self/stat`).
        fn count(&mut self) -> Option<usize> {
            if self.tasks.is_none() {
                self.tasks = File::open("/proc/self/task").ok();
            }
            let links = self.tasks.as_ref()?.metadata().ok()?.nlink();
            usize::try_from(links).ok()
        }

        /// Lists the threads again, keeping the files of those still there.
        fn list(&mut self) {
            let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
                self.threads.clear();
                return;
            };
            let me = this_thread();
            let mut old = std::mem::take(&mut self.threads);
            for task in tasks.filter_map(Result::ok) {
                let Some(thread) = task.file_name().to_str().and_then(|n| n.parse().ok()) else {
                    continue;
                };
                if thread == me {
                    continue;
                }
                let file = match old.iter().position(|(known, _)| *known == thread) {
                    Some(index) => old.swap_remove(index).1,
                    None => match File::open(task.path().join("stat")) {
                        Ok(file) => file,
                        // It has just ended.
                        Err(_) => continue,
                    },
                };
                self.threads.push((thread, file));
            }
        }
    }

    /// The state in a `stat` line: the field after the command name, which is in
    /// parentheses and may hold any character but ends at the last `)`. The name is 15
    /// bytes at most, so the state is within the line's first 64 bytes, and nothing after
    /// it there is a `)`.
    fn state(stat: &[u8]) -> Option<u8> {
        stat.get(last_close(stat)? + 2).copied()
    }

    /// Where the last `)` is. (A plain loop: this runs at every step of the clock, in
    /// unoptimised test builds too.)
    fn last_close(stat: &[u8]) -> Option<usize> {
        let mut at = stat.len();
        while at > 0 {
            at -= 1;
            if stat[at] == b')' {
                return Some(at);
            }
        }
        None
    }
}

/// A sleep in real time whatever the clock (on Linux, `std::thread::sleep` follows the
/// paused clock: see `std_sleep`).
fn real_sleep(duration: Duration) {
    #[cfg(target_os = "linux")]
    crate::std_sleep::real_sleep(duration);
    #[cfg(not(target_os = "linux"))]
    std::thread::sleep(duration);
}

/// Tells the grade, through the file named by [`NOTES_ENV`], what the paused clock could not
/// order. Once per process.
fn note(text: &str) {
    static NOTED: OnceLock<()> = OnceLock::new();
    if NOTED.set(()).is_err() {
        return;
    }
    let Some(path) = std::env::var_os(NOTES_ENV) else {
        return;
    };
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(file, "{text}");
    }
}
