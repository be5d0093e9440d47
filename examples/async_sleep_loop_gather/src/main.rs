//! Port of `sleep_loop_async_gather.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: `asyncio.gather` waits for many tasks at once; in Rust, `join_all` (here
//! `try_join_all`, which stops at the first failure as gather does). Four 1-second
//! sleeps, 1 s in all. Compare `async_sleep_loop`.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::Instant;

async fn sleep(cnt: u32, sec: u64) {
    println!("Start {cnt}");
    tokio::time::sleep(Duration::from_secs(sec)).await;
    println!("End {cnt}");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..4 {
        tasks.push(tokio::spawn(sleep(i, 1)));
    }
    try_join_all(tasks).await.expect("a task panicked");
    // `{:?}` prints a float the way Python does: 1.0, not 1.
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
