//! ex_select: select! written by hand with poll_fn over three futures pinned with std::pin::pin! in a block.
//! verdict: fail
//! diagnosis: tie_order
//! The block drops its locals last to first: medium says 'is cancelled' before slow,
//! where the original cancels slow first (and select! drops its branches in the order written).

use std::future::Future;
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

/// Says so when the racer is dropped before it is done: Python's `except CancelledError`.
struct Racing(&'static str);

impl Drop for Racing {
    fn drop(&mut self) {
        println!("{} is cancelled", self.0);
    }
}

async fn racer(name: &'static str, seconds: u64) -> &'static str {
    println!("{name} starts");
    let racing = Racing(name);
    sleep(Duration::from_secs(seconds)).await;
    std::mem::forget(racing); // done, not cancelled: no line from its Drop
    println!("{name} is done after {seconds} s");
    name
}

#[vclock::main]
async fn main() {
    // The others keep running: join_next only says which task is done first.
    let mut racers = JoinSet::new();
    racers.spawn(racer("slow", 3));
    racers.spawn(racer("fast", 1));
    racers.spawn(racer("medium", 2));
    let first = racers
        .join_next()
        .await
        .expect("a racer")
        .expect("no panic");
    println!("first: {first}, {} still running", racers.len());
    sleep(Duration::from_millis(1500)).await;
    racers.abort_all(); // does nothing to a task that is done
    while racers.join_next().await.is_some() {}

    // The others cancelled as soon as one is done: the block drops the losers.
    let first = {
        let mut slow = pin!(racer("slow", 3));
        let mut fast = pin!(racer("fast", 1));
        let mut medium = pin!(racer("medium", 2));
        std::future::poll_fn(|cx| {
            if let Poll::Ready(name) = slow.as_mut().poll(cx) {
                return Poll::Ready(name);
            }
            if let Poll::Ready(name) = fast.as_mut().poll(cx) {
                return Poll::Ready(name);
            }
            medium.as_mut().poll(cx)
        })
        .await
    };
    println!("first: {first}, the others cancelled");
}
