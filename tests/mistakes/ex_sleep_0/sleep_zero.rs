//! ex_sleep_0: tokio::time::sleep(Duration::ZERO) where asyncio.sleep(0) was.
//! verdict: pass
//! diagnosis: none
//! On tokio's paused clock sleep(Duration::ZERO) does not yield, and A counts alone; in
//! real time, as `cargo run` runs it, each sleep lasts until the next millisecond and A and
//! B take turns (50 runs, all right).

use std::time::Duration;

use futures::future::try_join_all;

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        println!("{name} {cnt}");
        tokio::time::sleep(Duration::ZERO).await;
    }
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(count("A"));
    let b_task = tokio::spawn(count("B"));

    println!("Before");
    println!("After");

    try_join_all([a_task, b_task])
        .await
        .expect("a task panicked");
}
