//! Port of `greet` and `greet_async` from the AsyncIO notebook (seed 004), its first code
//! cell.
//!
//! Lesson: three blocking greets wait one after another, 3 s in all; three gathered async
//! greets say Hello, then all wait at the same time, 1 s in all. (The async greet prints the
//! names with `[sync]`, as the notebook's did.)

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

fn greet(name: &str) {
    println!("[sync] Hello");
    // A blocking wait: vclock::thread::sleep is std::thread::sleep (see the README).
    vclock::thread::sleep(Duration::from_secs(1));
    println!("[sync] {name}");
}

async fn greet_async(name: &str) {
    println!("[async] Hello");
    // Give control back to the loop instead of waiting: the next greet starts meanwhile.
    sleep(Duration::from_secs(1)).await;
    println!("[sync] {name}");
}

#[vclock::main]
async fn main() {
    // Sync approach: 3 seconds. No task exists yet, so blocking here holds up nothing else.
    let s = Instant::now();
    greet("Juan");
    greet("Sebastian");
    greet("Andres");
    // `{:?}` prints a float the way Python does: 3.0, not 3.
    println!("Sync executed in: {:?}", s.elapsed().as_secs_f64());

    // Async approach: 1 second. asyncio.gather: each greet runs as its own task, in order.
    let s = Instant::now();
    try_join_all([
        tokio::spawn(greet_async("Juan")),
        tokio::spawn(greet_async("Sebastian")),
        tokio::spawn(greet_async("Andres")),
    ])
    .await
    .expect("a greet panicked");
    println!("Async executed in: {:?}", s.elapsed().as_secs_f64());
}
// ANCHOR_END: main
