//! Port of examples/first_completed/original.py (this project's own original).
//!
//! Lesson: waiting for the first of several. `asyncio.wait(tasks,
//! return_when=FIRST_COMPLETED)` returns when one task is done, with the others still
//! pending: they keep running until they end or are cancelled. Spawned tokio tasks behave
//! the same: `JoinSet::join_next()` gives the first one to finish, the others run on, and
//! `abort_all()` cancels those left. `tokio::select!` over plain futures is the other kind:
//! when one branch is done, the others are dropped on the spot, which cancels them, as the
//! second race does in asyncio by cancelling the pending tasks at once. Where they differ:
//! `select!` starts its branches in a random order unless told `biased;` (asyncio runs new
//! tasks in the order they were created), and its losers are futures inside main, not
//! tasks, so they have no lane of their own in the timeline.

// ANCHOR: main
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

    // The others cancelled as soon as one is done: select! drops them.
    let first = tokio::select! {
        biased; // start them in the order written, as asyncio would
        name = racer("slow", 3) => name,
        name = racer("fast", 1) => name,
        name = racer("medium", 2) => name,
    };
    println!("first: {first}, the others cancelled");
}
// ANCHOR_END: main
