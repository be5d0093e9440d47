//! Port of examples/threadsafe/original.py (this project's own original).
//!
//! Lesson: a plain thread, one that has no event loop of its own, hands work to the running
//! one and waits for the result, while the loop goes on with its own tasks.
//! `asyncio.run_coroutine_threadsafe(coro, loop)` is `handle.spawn(future)`, where `handle`
//! is a `tokio::runtime::Handle`, taken with `Handle::current()` on the runtime and moved
//! into the thread; it gives a `JoinHandle`, the `concurrent.futures.Future`, and
//! `future.result()` is `handle.block_on(join_handle)`: it blocks the thread, not the loop.
//! `asyncio.to_thread(thread.join)` is `spawn_blocking(move || thread.join())`.
//!
//! Where they differ: a current-thread runtime's timers and sockets are driven only by the
//! thread inside its `block_on`, here `main`'s. `Handle::block_on` on another thread waits
//! for its future but drives nothing: it works because `main` keeps the runtime running,
//! and would wait forever if `main` blocked (a plain `thread.join()` in `main`, the same
//! mistake that stops asyncio's loop).
//!
//! It runs on the real clock: the paused clock cannot see a thread's blocking waits, and
//! so could not order them against the loop's timers.

// ANCHOR: main
use std::thread;
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::task::spawn_blocking;
use tokio::time::sleep;

async fn square(n: u32) -> u32 {
    println!("loop: squaring {n}");
    sleep(Duration::from_millis(100)).await;
    n * n
}

/// A plain thread: no event loop of its own, blocking calls only.
fn blocking_work(handle: Handle) {
    for n in [2, 3, 4] {
        vclock::thread::sleep(Duration::from_millis(300)); // blocking work of its own
        let future = handle.spawn(square(n)); // run_coroutine_threadsafe
        // Blocks this thread until the loop has run square(n), not the loop.
        let result = handle.block_on(future).expect("square panicked");
        println!("thread: {n} squared is {result}");
    }
}

#[vclock::main]
async fn main() {
    let handle = Handle::current();
    let thread = thread::spawn(move || blocking_work(handle));
    for tick in [1, 2] {
        println!("loop: tick {tick}");
        sleep(Duration::from_millis(500)).await;
    }
    println!("loop: waiting for the thread");
    // thread.join() here would block the loop, and the thread's next square with it.
    let joined = spawn_blocking(move || thread.join()).await;
    joined.unwrap().expect("the thread panicked");
    println!("loop: thread joined");
}
// ANCHOR_END: main
