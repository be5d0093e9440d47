//! ex_async_sleep: the fix, plus a blocking 100 ms pause before anything is started.
//! verdict: pass
//! diagnosis: none
//! The pause comes before the clock starts and before any task exists: it delays
//! everything equally and blocks no one.

use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

async fn work(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    sleep(Duration::from_secs(sec)).await;
    println!("Finishing {wid} in {:?}s", start.elapsed().as_secs_f64());
}

#[vclock::main]
async fn main() {
    std::thread::sleep(Duration::from_millis(100));
    let start = Instant::now();
    try_join_all([
        tokio::spawn(work("Blue", 2)),
        tokio::spawn(work("Green", 1)),
    ])
    .await
    .expect("a task panicked");
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
