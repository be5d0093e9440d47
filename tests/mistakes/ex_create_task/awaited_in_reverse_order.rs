//! ex_create_task: both greets spawned, the 2 s one awaited first.
//! verdict: pass
//! diagnosis: none

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
    let task1 = tokio::spawn(greet_async(1, "Juan"));
    let task2 = tokio::spawn(greet_async(2, "Sebastian"));
    task2.await.expect("task2 panicked");
    task1.await.expect("task1 panicked");
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
