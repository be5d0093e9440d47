//! Exercise `ex_select`: the first one done, the others cancelled at once.
//!
//! This project's `first_completed`: three racers (slow, 3 s; fast, 1 s; medium, 2 s) race
//! twice. The first race is done: spawned in a JoinSet, the first one done is taken and
//! the others run on until they are aborted, as with
//! `asyncio.wait(tasks, return_when=FIRST_COMPLETED)`. In the second race the original
//! cancels the others as soon as the first is done, but here `tokio::join!` waits for all
//! three. Race them instead: the first one done wins, and the others are dropped on the
//! spot, each saying "is cancelled" from its guard.
//!
//! Grade: `cargo test -p ex_select` passes when this program prints what the Python
//! original printed (golden/first_completed.out). Hint: `cargo run -p learn -- hint ex_select`.

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

    // The others cancelled as soon as one is done.
    // TODO: join! waits for all three, like asyncio.gather, and `first` is fast only
    // because fast was written second. Take whichever is done first, and drop the others.
    let (_, first, _) = tokio::join!(racer("slow", 3), racer("fast", 1), racer("medium", 2));
    println!("first: {first}, the others cancelled");
}
// ANCHOR_END: main
