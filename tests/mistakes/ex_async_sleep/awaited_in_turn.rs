//! ex_async_sleep: an async sleep, but Blue and Green awaited one after the other.
//! verdict: fail
//! diagnosis: one_after_another

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
    work("Blue", 2).await;
    work("Green", 1).await;
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
