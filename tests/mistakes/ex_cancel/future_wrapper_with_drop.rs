//! ex_cancel: a Future wrapper of its own, Cleaned<F>, that owns the worker's future and prints the cleanup in its Drop.
//! verdict: pass
//! diagnosis: none
//! The wrapper is dropped with the future: by abort() and by the timeout, which drop what
//! they cancel, and, for c, by tokio as soon as the task's future returns, after 'c is done'
//! and before main gets the result.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::{sleep, timeout};

/// A future that says "NAME cleans up" when it is dropped, done or not.
struct Cleaned<F> {
    name: &'static str,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for Cleaned<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.inner.as_mut().poll(cx)
    }
}

impl<F> Drop for Cleaned<F> {
    fn drop(&mut self) {
        println!("{} cleans up", self.name);
    }
}

fn worker(name: &'static str, seconds: u64) -> Cleaned<impl Future<Output = &'static str>> {
    Cleaned {
        name,
        inner: Box::pin(async move {
            println!("{name} starts");
            sleep(Duration::from_secs(seconds)).await;
            println!("{name} is done");
            name
        }),
    }
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
