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
//! never parks, so tokio's own auto-advance cannot jump past them. A thread that tokio did
//! not start (`std::thread::spawn`) follows the same rule. Sleepers due at the same instant
//! are released together and then run side by side, as real threads do. Where a thread
//! keeps running for a second, a note (see [`NOTES_ENV`]) asks the grade to use the real
//! clock.

use std::cell::RefCell;
use std::io::Write;
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
    /// The thread that runs the runtime, once known.
    runtime_thread: OnceLock<ThreadId>,
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
    *lock(&LATEST) = Some(coordinator.clone());
    let pool = coordinator.clone();
    builder
        .on_thread_start(move || POOL.set(Some(pool.clone())))
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
        coordinator.sleep(duration);
        return Taken::Slept;
    }
    // Otherwise a thread of the program's own (std::thread::spawn), or the runtime's: the
    // runtime built last, as a program has one.
    let Some(coordinator) = lock(&LATEST).clone() else {
        return Taken::NoRuntime;
    };
    let on_runtime_thread = match coordinator.runtime_thread.get() {
        Some(runtime_thread) => *runtime_thread == std::thread::current().id(),
        None => Handle::try_current().is_ok(),
    };
    if on_runtime_thread {
        return Taken::RuntimeThread;
    }
    // The runtime is known once its thread has first been idle, which is soon.
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
            coordinator.sleep(duration);
        }
        None => {
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
    /// by then. Needs the runtime's context.
    fn sleep(&self, duration: Duration) {
        let id = {
            let mut state = lock(&self.state);
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
        let _ = self.runtime_thread.set(std::thread::current().id());
    }

    fn on_idle(&self) {
        if let Ok(handle) = Handle::try_current() {
            self.remember(&handle);
        }
        // Nothing may move the clock while another thread of the process still runs: one
        // just handed blocking work, or just released from a sleep, has not yet reached its
        // next sleep (or its end), and its work takes no virtual time.
        if !others_wait() {
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

/// Waits, a second at most, until no other thread of this process is running or ready to
/// run (Linux: `/proc/self/task`; elsewhere it cannot tell, and does not wait), so there is
/// one paused runtime per process, as an example has. Returns whether they all wait.
fn others_wait() -> bool {
    let Ok(me) = std::fs::read_link("/proc/thread-self") else {
        return true;
    };
    let me = me.file_name().map(|n| n.to_owned());
    let busy = || -> bool {
        let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
            return false;
        };
        tasks.filter_map(Result::ok).any(|task| {
            if Some(task.file_name()) == me {
                return false;
            }
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
            // The state is the field after the command name, which is in parentheses.
            let state = stat
                .rsplit_once(") ")
                .and_then(|(_, rest)| rest.chars().next());
            matches!(state, Some('R' | 'D'))
        })
    };
    let start = std::time::Instant::now();
    while busy() {
        if start.elapsed() > Duration::from_secs(1) {
            return false;
        }
        std::thread::yield_now();
    }
    true
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
