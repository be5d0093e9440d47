//! ex_create_task: both spawned, then a 2 s sleep instead of awaiting the handles.
//! verdict: fail
//! diagnosis: ended_early
//! main's 2 s sleep ends at the very instant the 2 s greet does, and comes first (it was
//! started first): main returns and tokio drops the greet before "[async] Sebastian"
//! (10 of 10 runs in real time).

use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn greet_async(wait: u64, name: &str) {
    println!("[async] Hello");
    sleep(Duration::from_secs(wait)).await;
    println!("[async] {name}");
}

async fn main_await() {
    let s = Instant::now();
    greet_async(1, "Juan").await;
    greet_async(2, "Sebastian").await;
    println!("[main] finished in {:?}", s.elapsed().as_secs_f64());
}

async fn main_create_task() {
    let s = Instant::now();
    let _task1 = tokio::spawn(greet_async(1, "Juan"));
    let _task2 = tokio::spawn(greet_async(2, "Sebastian"));
    // Long enough for both.
    sleep(Duration::from_secs(2)).await;
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
