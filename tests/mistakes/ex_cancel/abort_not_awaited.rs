//! ex_cancel: the Drop guard right, but main prints 'a was cancelled' right after abort(), without awaiting the handle.
//! verdict: fail
//! diagnosis: tie_order
//! abort() only asks: the task is dropped when the runtime next runs it, at main's next
//! await, which is inside b's timeout, after 'b starts'. So 'a was cancelled' comes before
//! 'a cleans up', and 'b starts' too, all at 1 s.

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
    sleep(Duration::from_secs(seconds)).await;
    println!("{name} is done");
    name
}

#[vclock::main]
async fn main() {
    // task.cancel(), and it is cancelled.
    let task = tokio::spawn(worker("a", 10));
    sleep(Duration::from_secs(1)).await;
    task.abort();
    println!("a was cancelled");

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
