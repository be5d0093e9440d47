//! ex_async_sleep: the times measured with std::time::Instant instead of tokio's.
//! verdict: pass
//! diagnosis: none
//! On tokio's paused clock std's Instant does not move, so the figures are 0.0 there; in
//! real time, as `cargo run` runs it, they are right.

use std::time::{Duration, Instant};

use futures::future::try_join_all;
use tokio::time::sleep;

async fn work(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    sleep(Duration::from_secs(sec)).await;
    println!("Finishing {wid} in {:?}s", start.elapsed().as_secs_f64());
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    try_join_all([
        tokio::spawn(work("Blue", 2)),
        tokio::spawn(work("Green", 1)),
    ])
    .await
    .expect("a task panicked");
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
