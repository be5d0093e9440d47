//! Exercise `ex_gather`: run coroutines concurrently.
//!
//! Real Python's `countasync.py`: `count()` prints One, sleeps 1 s without blocking, and
//! prints Two. This program awaits three counts one after the other, so each count's sleep
//! is over before the next count starts: One Two, One Two, One Two, in 3 s. Run the three
//! counts at the same time, as `asyncio.gather` does, so that while one sleeps the next one
//! runs: One One One, then Two Two Two, in about 1 s.
//!
//! Grade: `cargo test -p ex_gather` passes when this program prints what the Python
//! solution printed (golden/ex_gather.out). Hint: `cargo run -p learn -- hint ex_gather`.

// ANCHOR: main
use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn count() {
    println!("One");
    sleep(Duration::from_secs(1)).await;
    println!("Two");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    // Each `.await` runs its count to the end before the next line starts the next one.
    // TODO: run the three counts concurrently and wait for all of them.
    count().await;
    count().await;
    count().await;
    let elapsed = start.elapsed().as_secs_f64();
    // Python prints its script's name (`__file__`); this prints the source file's.
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
// ANCHOR_END: main
