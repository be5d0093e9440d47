//! ex_create_task: both functions changed to spawn, main_await too, which was to stay as it was.
//! verdict: fail
//! diagnosis: wrong_time
//! main_await is the contrast, one greet after the other in 3 s: here its second Hello
//! comes at once instead of after 1 s, and it ends after 2 s.

use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn greet_async(wait: u64, name: &str) {
    println!("[async] Hello");
    sleep(Duration::from_secs(wait)).await;
    println!("[async] {name}");
}

async fn main_await() {
    let s = Instant::now();
    let task1 = tokio::spawn(greet_async(1, "Juan"));
    let task2 = tokio::spawn(greet_async(2, "Sebastian"));
    task1.await.expect("task1 panicked");
    task2.await.expect("task2 panicked");
    println!("[main] finished in {:?}", s.elapsed().as_secs_f64());
}

async fn main_create_task() {
    let s = Instant::now();
    let task1 = tokio::spawn(greet_async(1, "Juan"));
    let task2 = tokio::spawn(greet_async(2, "Sebastian"));
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
