//! ex_async_sleep: tokio::join! on the two futures, no tasks spawned.
//! verdict: pass
//! diagnosis: none

use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn work(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    sleep(Duration::from_secs(sec)).await;
    println!("Finishing {wid} in {:?}s", start.elapsed().as_secs_f64());
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    tokio::join!(work("Blue", 2), work("Green", 1));
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
