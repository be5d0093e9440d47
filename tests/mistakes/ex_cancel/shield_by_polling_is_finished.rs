//! ex_cancel: the Drop guard, and the shield written by hand: main checks is_finished() on c's handle until a deadline, yielding with yield_now() between checks.
//! verdict: pass
//! diagnosis: none
//! `while not task.done() and loop.time() < deadline: await asyncio.sleep(0)`: a busy wait
//! on tokio's Instant. In real time the clock runs by itself: main gives up at 3 s, says c
//! timed out, and c runs on to its end at 4 s (`cargo run` prints the golden's lines, at
//! its instants).

use std::time::Duration;

use tokio::time::{Instant, sleep, timeout};

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

    // asyncio.shield: watch the task for a second, without touching it.
    let task = tokio::spawn(worker("c", 2));
    let deadline = Instant::now() + Duration::from_secs(1);
    while !task.is_finished() && Instant::now() < deadline {
        tokio::task::yield_now().await;
    }
    if !task.is_finished() {
        println!("c timed out, and runs on");
    }
    println!("{} finished", task.await.expect("c panicked"));
}
