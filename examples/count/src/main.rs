//! Port of `count_async.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: gathered tasks interleave at their awaits. The apple counter sleeps 0.1 s per
//! step and the peach counter 0.2 s, so apples come twice as often. When both sleeps end
//! at the same moment, the one started first wakes first, as in asyncio.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

async fn count(name: &str, end: u32, sec: f64) {
    for i in 0..end {
        println!("{name} {i}");
        sleep(Duration::from_secs_f64(sec)).await;
    }
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    // asyncio.gather(...): each counter runs as its own task, started in this order.
    try_join_all([
        tokio::spawn(count("apple", 10, 0.1)),
        tokio::spawn(count("peach", 10, 0.2)),
    ])
    .await
    .expect("a counter panicked");
    // `{:?}` prints a float the way Python does: 2.0, not 2.
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
