//! ex_async_sleep: tokio's sleep called but never awaited.
//! verdict: fail
//! diagnosis: did_not_wait
//! Every line comes at once: the sleep is a future that nothing awaits (rustc warns).

// The mistake itself: the sleep's future is made and dropped.
#![allow(unused_must_use)]

use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

async fn work(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    sleep(Duration::from_secs(sec));
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
