//! Port of the "multiple coroutines" example (`fetch_data` and `print_numbers`) from the
//! Asynchronous Programming notebook (seed 002).
//!
//! Lesson: spawned tasks run side by side. While `fetch_data` waits 2 s for its data,
//! `print_numbers` counts every 0.5 s, so "Data fetched" comes between 3 and 4, and the whole
//! takes 5 s rather than 7. Awaiting the first task does not stop the second from running.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::sleep;

// ANCHOR: main
async fn fetch_data() -> HashMap<&'static str, i32> {
    println!("Fetching data...");
    sleep(Duration::from_secs(2)).await;
    println!("Data fetched");
    HashMap::from([("data", 1)])
}

async fn print_numbers() {
    for i in 0..10 {
        println!("{i}");
        sleep(Duration::from_millis(500)).await;
    }
}

#[vclock::main]
async fn main() {
    // asyncio.create_task: both start running at main's first await.
    let task1 = tokio::spawn(fetch_data());
    let task2 = tokio::spawn(print_numbers());

    // Wait for both tasks to complete. The data is not used, as in the original.
    task1.await.expect("fetch_data panicked");
    task2.await.expect("print_numbers panicked");
}
// ANCHOR_END: main
