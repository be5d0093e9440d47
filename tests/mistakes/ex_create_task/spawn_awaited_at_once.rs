//! ex_create_task: each greet spawned as a task and its handle awaited on the same line.
//! verdict: fail
//! diagnosis: one_after_another

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
    tokio::spawn(greet_async(1, "Juan"))
        .await
        .expect("task1 panicked");
    tokio::spawn(greet_async(2, "Sebastian"))
        .await
        .expect("task2 panicked");
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
