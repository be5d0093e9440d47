//! The clock switch: plain tokio and std when you run an example, tokio's paused clock when
//! its test grades it.
//!
//! Every example prints what its Python original printed, and the tests check that in
//! milliseconds by running it on tokio's paused clock: a 10-second program finishes at once,
//! and every sleep lasts exactly as long as it says. Tokio can pause its clock, but only if
//! the runtime is built that way, and nothing in std can put a blocking sleep on it. So an
//! example uses these instead, and nothing else of this crate:
//!
//! | in an example | in your own program |
//! | --- | --- |
//! | `#[vclock::main] async fn main()` | `#[tokio::main(flavor = "current_thread")] async fn main()` |
//! | `#[vclock::main] fn main()` (a blocking program) | `fn main()` |
//! | `vclock::thread::sleep(d)` | `std::thread::sleep(d)` |
//! | `vclock::runtime::new_current_thread()` | `tokio::runtime::Builder::new_current_thread()` |
//!
//! When you run an example yourself (`cargo run -p NAME`) these are the calls on the right:
//! real time, a single-threaded runtime like Python's event loop. `#[vclock::main]` adds one
//! thing, in every run: the program ends with one line on stderr, never a panic, when its
//! output cannot be written, its runtime cannot start, or `main` returns an error (see
//! [`main`]). Only when the
//! environment variable [`PAUSED_ENV`] is `1`, as the grade sets it, does the runtime start
//! with its clock paused, and a blocking sleep on the runtime's thread moves that clock
//! forward instead of stopping the thread. Timestamps come from `tokio::time::Instant`,
//! which follows the paused clock by itself.
//!
//! What the paused clock cannot stand for, it does not pretend to: a `std::thread::sleep`,
//! a blocking sleep on another thread (`spawn_blocking`, a thread of your own), long CPU
//! work. vclock tells the grade it saw one (see [`REPORT_ENV`]), and the grade then runs the
//! program in real time, as `cargo run` runs it. vclock replaces nothing of std or the C
//! library and reads nothing of the operating system: it uses tokio's public hooks only.

use std::sync::OnceLock;
use std::thread::ThreadId;
use std::time::Duration;

mod report;
mod timeline;

pub use report::{DEADLINE_ENV, IDLE_ENV, REPORT_ENV, SHIFT_ENV};
pub use timeline::TIMELINE_ENV;

/// Marks `fn main` of an example; see the crate documentation.
///
/// On `async fn main` it builds a current-thread tokio runtime (paused under test) and
/// blocks on the body, like `#[tokio::main(flavor = "current_thread")]`. On a plain
/// `fn main` it runs the body as it is; under test it runs it inside a paused runtime's
/// context so that `tokio::time::Instant` and [`thread::sleep`] share the virtual clock.
///
/// `main` may return `()`, an `ExitCode`, or a `Result` of either whose error is `Display`:
/// an `Err(e)` ends the program with one line on stderr, `error: {e}`, and exit code 1, or
/// the code of a `lessonkit::Fatal` (the error itself, or in a `Box<dyn Error>`: 2 for
/// input that cannot be used). `#[tokio::main]` prints `Error: {e:?}` instead, and exits
/// with 1.
///
/// Whatever `main` returns, output that cannot be written (`println!` to a closed pipe or
/// a full disk) ends the program with one line and exit code 1, not a panic, and so does a
/// runtime that cannot start (`ulimit -n 6`).
pub use vclock_macros::main;

/// The environment variable that asks for the paused clock: `VCLOCK_PAUSED=1`.
pub const PAUSED_ENV: &str = "VCLOCK_PAUSED";

/// Whether this process runs on the paused clock (decided once, from [`PAUSED_ENV`]).
pub fn is_paused() -> bool {
    static PAUSED: OnceLock<bool> = OnceLock::new();
    *PAUSED.get_or_init(|| std::env::var_os(PAUSED_ENV).is_some_and(|v| v == "1"))
}

/// The thread that built the paused runtime: the one whose blocking sleeps move its clock.
static RUNTIME_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Blocking waits.
pub mod thread {
    use super::*;

    /// `std::thread::sleep`: blocks the calling thread, and with it every task of a
    /// current-thread runtime if that is the thread it runs on, for `duration`.
    ///
    /// On the paused clock, on the runtime's own thread, it moves the clock forward by
    /// `duration` without letting anything else run: what a blocking sleep looks like to
    /// the runtime. Anywhere else the paused clock cannot order it; it returns at once, and
    /// the grade, told so, runs the program again in real time.
    pub fn sleep(duration: Duration) {
        if !is_paused() {
            return crate::report::real_sleep(duration);
        }
        if RUNTIME_THREAD.get() != Some(&std::thread::current().id()) {
            crate::report::note(
                "thread a blocking sleep on a thread other than the runtime's (spawn_blocking, \
                 or a thread of its own)",
            );
            return;
        }
        if tokio::runtime::Handle::try_current().is_err() {
            // Before `block_on` (or after it): no clock to move, only real time.
            crate::report::note(
                "outside a blocking sleep outside the runtime (before or after block_on)",
            );
            return std::thread::sleep(duration);
        }
        crate::timeline::blocking(true);
        crate::report::advance(duration);
        crate::timeline::blocking(false);
    }
}

/// Runtimes built by hand, for the lessons about the event loop itself.
pub mod runtime {
    use tokio::runtime::Builder;

    /// `tokio::runtime::Builder::new_current_thread()`, with the clock paused under test.
    pub fn new_current_thread() -> Builder {
        crate::__private::output_failures_end_quietly();
        let mut builder = Builder::new_current_thread();
        let _ = crate::RUNTIME_THREAD.set(std::thread::current().id());
        if crate::is_paused() {
            builder.start_paused(true);
            crate::report::hook(&mut builder);
            crate::timeline::hook(&mut builder);
        }
        builder
    }
}

#[doc(hidden)]
pub mod __private {
    use std::any::Any;
    use std::error::Error;
    use std::fmt::Display;
    use std::future::Future;
    use std::io::{self, Write};
    use std::process::ExitCode;
    use std::sync::Once;

    use lessonkit::Fatal;

    /// The runtime of `#[vclock::main]`. One that cannot start (under `ulimit -n 6` it runs
    /// out of files to open) ends the program with one line, where `#[tokio::main]` panics.
    fn runtime() -> tokio::runtime::Runtime {
        // Built outside `without_panic`, which puts the panic hook back as it found it:
        // the builder installs vclock's own hook.
        let mut builder = crate::runtime::new_current_thread();
        builder.enable_all();
        let why = match lessonkit::without_panic(|| builder.build()) {
            Ok(Ok(runtime)) => return runtime,
            Ok(Err(e)) => lessonkit::too_many(&e).unwrap_or_else(|| e.to_string()),
            Err(panicked) => panicked,
        };
        let _ = writeln!(io::stderr(), "error: cannot start the tokio runtime: {why}");
        std::process::exit(1);
    }

    /// What `main` may return under `#[vclock::main]`, and the exit code it ends with.
    pub trait Exit {
        fn exit_code(self) -> ExitCode;
    }

    impl Exit for () {
        fn exit_code(self) -> ExitCode {
            ExitCode::SUCCESS
        }
    }

    impl Exit for ExitCode {
        fn exit_code(self) -> ExitCode {
            self
        }
    }

    /// An error is one line on stderr, `error: {e}`, and exit code 1, or the code a
    /// [`Fatal`] carries (itself, or in a `Box<dyn Error>`), where `#[tokio::main]` and a
    /// plain `fn main` print `Error: {e:?}` and exit with 1.
    impl<T: Exit, E: Display + 'static> Exit for Result<T, E> {
        fn exit_code(self) -> ExitCode {
            match self {
                Ok(done) => done.exit_code(),
                Err(e) => {
                    // Nowhere to say it if stderr cannot be written: the code says it.
                    let _ = writeln!(io::stderr(), "error: {e}");
                    ExitCode::from(fatal(&e).map_or(1, Fatal::exit_code))
                }
            }
        }
    }

    /// The [`Fatal`] that `e` is, or holds in a box.
    fn fatal(e: &dyn Any) -> Option<&Fatal> {
        let boxed: Option<&dyn Error> = if let Some(b) = e.downcast_ref::<Box<dyn Error>>() {
            Some(b.as_ref())
        } else if let Some(b) = e.downcast_ref::<Box<dyn Error + Send + Sync>>() {
            Some(b.as_ref())
        } else if let Some(b) = e.downcast_ref::<Box<dyn Error + Send>>() {
            Some(b.as_ref())
        } else {
            None
        };
        match boxed {
            Some(inner) => inner.downcast_ref(),
            None => e.downcast_ref(),
        }
    }

    /// What `#[vclock::main]` ends `main` with.
    pub fn exit<T: Exit>(output: T) -> ExitCode {
        output.exit_code()
    }

    /// `println!` panics when stdout cannot be written: a closed pipe (`| head -n 1`), a
    /// full disk (`> /dev/full`). The lessons print with `println!`, as the originals print
    /// with `print`; under vclock such a failure ends the program with one line on stderr
    /// and exit code 1 instead of a panic and its backtrace; so does `print!`. Where stderr
    /// cannot be written (`eprintln!`), there is nowhere to say it: exit code 1.
    pub fn output_failures_end_quietly() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let default = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                let payload = info.payload();
                let message = (payload.downcast_ref::<String>().map(String::as_str))
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or_default();
                if let Some(cause) = message.strip_prefix("failed printing to stdout: ") {
                    // EPIPE in words: its reader is gone (`| head -n 1` has read its line).
                    let cause = if cause.ends_with("(os error 32)") {
                        "the pipe is closed (its reader has stopped)"
                    } else {
                        cause
                    };
                    let _ = writeln!(
                        io::stderr(),
                        "error: cannot write to standard output: {cause}"
                    );
                    std::process::exit(1);
                }
                if message.starts_with("failed printing to stderr: ") {
                    std::process::exit(1);
                }
                default(info);
            }));
        });
    }

    /// What `#[vclock::main]` expands to on `async fn main`.
    pub fn block_on<F: Future>(body: F) -> F::Output {
        let runtime = runtime();
        crate::report::begin(runtime.handle());
        crate::timeline::begin(runtime.handle());
        let output = runtime.block_on(crate::timeline::main_lane(crate::report::main_wakes(body)));
        crate::report::end();
        output
    }

    /// What `#[vclock::main]` expands to on a blocking `fn main`.
    pub fn run_blocking<R>(body: impl FnOnce() -> R) -> R {
        output_failures_end_quietly();
        let _ = crate::RUNTIME_THREAD.set(std::thread::current().id());
        if !crate::is_paused() {
            return body();
        }
        let runtime = runtime();
        crate::report::begin(runtime.handle());
        crate::timeline::begin(runtime.handle());
        let _context = runtime.enter();
        let output = crate::timeline::blocking_main(body);
        crate::report::end();
        output
    }
}
