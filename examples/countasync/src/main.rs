//! Port of `countasync.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: three gathered `count()` coroutines share one thread. Each prints One and, while
//! it awaits its sleep, the next one runs: One One One, then Two Two Two, in 1 s instead
//! of 3. Compare `countsync`.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

async fn count() {
    println!("One");
    sleep(Duration::from_secs(1)).await;
    println!("Two");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    // asyncio.gather(count(), count(), count()): three tasks, started in this order.
    try_join_all((0..3).map(|_| tokio::spawn(count())))
        .await
        .expect("a count panicked");
    let elapsed = start.elapsed().as_secs_f64();
    // Python prints its script's name (`__file__`); this prints the source file's.
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
// ANCHOR_END: main
