//! Exercise `ex_cancel`: clean up after a cancelled task.
//!
//! This project's `cancel`: worker a is cancelled after 1 s (`abort()`, asyncio's
//! `task.cancel()`), worker b is timed out after 1 s (`tokio::time::timeout`, asyncio's
//! `wait_for`), and worker c, spawned, outlives the timeout on its handle (asyncio's
//! `shield`). In the original each worker says "cleans up" in a `finally:`, which runs when
//! the worker ends, done or cancelled. Here the line comes after the sleep, so it runs only
//! when the worker is done: cancelled, a and b never clean up. Rust has no `finally:` and no
//! `CancelledError`; a cancelled future is dropped at its await, and what it holds is
//! dropped with it.
//!
//! Grade: `cargo test -p ex_cancel` passes when this program prints what the Python
//! original printed (golden/cancel.out). Hint: `cargo run -p learn -- hint ex_cancel`.

// ANCHOR: main
use std::time::Duration;

use tokio::time::{sleep, timeout};

async fn worker(name: &'static str, seconds: u64) -> &'static str {
    println!("{name} starts");
    sleep(Duration::from_secs(seconds)).await;
    println!("{name} is done");
    // TODO: this runs only when the worker is done. Make it run when the worker ends,
    // done or cancelled, as `finally:` does.
    println!("{name} cleans up");
    name
}

#[vclock::main]
async fn main() {
    // task.cancel(): the task's future is dropped at its next turn, here at main's await.
    let task = tokio::spawn(worker("a", 10));
    sleep(Duration::from_secs(1)).await;
    task.abort();
    if let Err(error) = task.await
        && error.is_cancelled()
    {
        println!("a was cancelled");
    }

    // asyncio.wait_for: the timeout drops the future it gave up on, before it returns.
    if timeout(Duration::from_secs(1), worker("b", 10))
        .await
        .is_err()
    {
        println!("b timed out");
    }

    // asyncio.shield: time out the wait for the task's handle, not the task itself.
    let mut task = tokio::spawn(worker("c", 2));
    if timeout(Duration::from_secs(1), &mut task).await.is_err() {
        println!("c timed out, and runs on");
    }
    println!("{} finished", task.await.expect("c panicked"));
}
// ANCHOR_END: main
