//! ex_cancel: the Drop guard, and tokio::select! with a sleep where the solution has tokio::time::timeout.
//! verdict: pass
//! diagnosis: none
//! select! drops the losing branch before it runs the winner's handler, as timeout drops its
//! future before it returns: b cleans up before b timed out.

use std::time::Duration;

use tokio::time::sleep;

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

    // asyncio.wait_for, written out: whichever ends first; the other is dropped.
    tokio::select! {
        _ = worker("b", 10) => {}
        () = sleep(Duration::from_secs(1)) => println!("b timed out"),
    }

    // asyncio.shield: stop waiting on the handle, not the task.
    let mut task = tokio::spawn(worker("c", 2));
    tokio::select! {
        _ = &mut task => {}
        () = sleep(Duration::from_secs(1)) => println!("c timed out, and runs on"),
    }
    println!("{} finished", task.await.expect("c panicked"));
}
