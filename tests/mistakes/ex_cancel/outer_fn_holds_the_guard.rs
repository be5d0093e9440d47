//! ex_cancel: worker split in two: an outer async fn holds the guard and awaits the unchanged body, an inner async fn.
//! verdict: pass
//! diagnosis: none
//! The guard lives in the outer future, which holds the inner one: cancelled, both are
//! dropped together; done, the inner returns first ('c is done'), then the outer's guard
//! says 'c cleans up'.

use std::time::Duration;

use tokio::time::{sleep, timeout};

/// Says "cleans up" when dropped: the `finally:`.
struct Finally {
    name: &'static str,
}

impl Drop for Finally {
    fn drop(&mut self) {
        println!("{} cleans up", self.name);
    }
}

/// The `try:` body.
async fn work(name: &'static str, seconds: u64) -> &'static str {
    sleep(Duration::from_secs(seconds)).await;
    println!("{name} is done");
    name
}

async fn worker(name: &'static str, seconds: u64) -> &'static str {
    println!("{name} starts");
    let _finally = Finally { name };
    work(name, seconds).await
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
