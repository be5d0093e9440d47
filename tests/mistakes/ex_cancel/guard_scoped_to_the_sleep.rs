//! ex_cancel: the guard scoped to a block around the sleep alone, 'is done' printed after the block.
//! verdict: fail
//! diagnosis: tie_order
//! Cancelled workers clean up on time, but a worker that is done drops its guard at the end
//! of the block, before 'c is done', where Python's `finally:` runs after the whole `try:`.
//! Both lines at 4 s, in the other order. (Not a tie of tasks: the program's own order; the
//! grade names it as two lines of one instant swapped.)

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
    {
        // try:
        let _cleanup = Cleanup(name);
        sleep(Duration::from_secs(seconds)).await;
    }
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
