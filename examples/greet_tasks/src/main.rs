//! Port of `main` and `main_create_task` from the AsyncIO notebook (seed 004), the cell on
//! `asyncio.create_task`.
//!
//! Lesson: calling an async function only makes a future; awaiting it runs it to the end
//! before the next line. Awaited one after the other, a 1 s and a 2 s greet take 3 s.
//! Spawned as tasks first, both run at once and the pair takes 2 s, the longer of the two.

// ANCHOR: main
use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn greet_async(wait: u64, name: &str) {
    println!("[async] Hello");
    sleep(Duration::from_secs(wait)).await;
    println!("[async] {name}");
}

// The original's `main`; in Rust that name belongs to the program's entry point below.
async fn main_await() {
    let s = Instant::now();
    greet_async(1, "Juan").await;
    greet_async(2, "Sebastian").await;
    // `{:?}` prints a float the way Python does: 3.0, not 3.
    println!("[main] finished in {:?}", s.elapsed().as_secs_f64());
}

async fn main_create_task() {
    let s = Instant::now();
    // asyncio.create_task: each greet starts running at the next await. The original names
    // the second task "greetSebastian"; tokio tasks have ids, and naming them needs tokio's
    // unstable task::Builder, so they stay unnamed here.
    let task1 = tokio::spawn(greet_async(1, "Juan"));
    let task2 = tokio::spawn(greet_async(2, "Sebastian"));

    // Wait until both tasks are completed (about 2 seconds).
    task1.await.expect("task1 panicked");
    task2.await.expect("task2 panicked");

    println!(
        "[main_create_task] finished in {:?}",
        s.elapsed().as_secs_f64()
    );
}

#[vclock::main]
async fn main() {
    main_await().await;
    main_create_task().await;
}
// ANCHOR_END: main
