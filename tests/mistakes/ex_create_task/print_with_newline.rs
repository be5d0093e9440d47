//! ex_create_task: the tasks spawned and awaited as the hint says, the lines printed with print! and "\n".
//! verdict: pass
//! diagnosis: none

// Python's print adds the newline; this learner wrote it out.
#![allow(clippy::print_with_newline)]

use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn greet_async(wait: u64, name: &str) {
    print!("[async] Hello\n");
    sleep(Duration::from_secs(wait)).await;
    print!("[async] {name}\n");
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
    let _ = tokio::join!(task1, task2);
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
