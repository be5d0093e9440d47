//! Port of `sleep_async.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: while one task awaits a sleep, another runs. First and Second wait at the same
//! time, so Second finishes first and the whole takes 2 s, not 3. Compare `sleep_sync`.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

async fn say(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    sleep(Duration::from_secs(sec)).await;
    // `{:?}` prints a float the way Python does: 2.0, not 2.
    println!("Finishing {wid} in {:?}s", start.elapsed().as_secs_f64());
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    // asyncio.gather(...): each call runs as its own task, started in this order.
    try_join_all([
        tokio::spawn(say("First", 2)),
        tokio::spawn(say("Second", 1)),
    ])
    .await
    .expect("a task panicked");
    println!("Elapsed: {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
