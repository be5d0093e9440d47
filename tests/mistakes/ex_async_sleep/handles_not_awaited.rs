//! ex_async_sleep: both tasks spawned, their handles never awaited.
//! verdict: fail
//! diagnosis: ended_early

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
    tokio::spawn(work("Blue", 2));
    tokio::spawn(work("Green", 1));
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
