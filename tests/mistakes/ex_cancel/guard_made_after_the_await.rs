//! ex_cancel: the guard made after the sleep, where the cleanup line was.
//! verdict: fail
//! diagnosis: text
//! A cancelled worker is dropped at its sleep, before the guard exists: a and b still never
//! clean up. Two lines are missing in the middle, not at the end, and the run ends when the
//! original's does: nothing ended too soon, and no diagnosis fits (the text difference says
//! which line is missing).

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
    sleep(Duration::from_secs(seconds)).await;
    let _cleanup = Cleanup(name);
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
