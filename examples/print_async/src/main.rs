//! Port of `print_async.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: gathered tasks finish in the order their waits end, not the order they were
//! started: Second (1 s) prints before First (2 s), and the whole takes 2 s.
//! Compare `print_sync`.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

async fn say(text: &str, sec: u64) {
    sleep(Duration::from_secs(sec)).await;
    println!("{text}");
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
    // `{:?}` prints a float the way Python does: 2.0, not 2.
    println!("Elapsed: {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
