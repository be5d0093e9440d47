//! Port of examples/cancel/original.py (this project's own original).
//!
//! Lesson: cancelling a task and cleaning up after it. In asyncio, `task.cancel()` raises
//! `CancelledError` in the task at the await where it waits, so its `finally:` runs;
//! `asyncio.wait_for` cancels what it times out and waits for that cleanup; and
//! `asyncio.shield(task)` keeps the task from the cancellation of whoever awaits it. In
//! tokio, cancelling is dropping: `JoinHandle::abort()` drops the task's future at its await,
//! and `tokio::time::timeout` drops the future it times out. Nothing runs after that await;
//! what was alive in the future is dropped, so the `finally:` is a guard whose `Drop` does
//! the cleanup. The shield is a spawned task: a timeout on `&mut handle` gives up waiting,
//! but dropping a `JoinHandle` (or a borrow of it) does not cancel the task, which runs on.
//! Where they differ: there is no `CancelledError` to catch inside the task, so it cannot
//! refuse or delay its cancellation, and `Drop` cannot await: cleanup that must await
//! needs the task told to stop (a channel, or `tokio_util`'s `CancellationToken`) so that it
//! ends itself.

// ANCHOR: main
use std::time::Duration;

use tokio::time::{sleep, timeout};

/// The worker's `finally:`: dropped when the worker ends, done or cancelled.
struct Cleanup(&'static str);

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("{} cleans up", self.0);
    }
}

async fn worker(name: &'static str, seconds: u64) -> &'static str {
    println!("{name} starts");
    let _cleanup = Cleanup(name);
    // Cancelled here, the future is dropped: nothing below runs, but `_cleanup` is dropped.
    sleep(Duration::from_secs(seconds)).await;
    println!("{name} is done");
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
