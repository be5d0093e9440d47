//! ex_async_sleep: vclock::thread::sleep swapped for std::thread::sleep, still blocking.
//! verdict: fail
//! diagnosis: held_the_loop
//! The waits do run one after another (3 s), but because the sleep blocks the one thread,
//! not because they are awaited in turn: the blocking call is the cause to name.

use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::Instant;

async fn work(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    std::thread::sleep(Duration::from_secs(sec));
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
