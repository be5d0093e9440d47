//! Port of `gathers.py` from Real Python's "Python's asyncio: A Hands-On Walkthrough" (2025).
//!
//! Lesson: `asyncio.gather` (in Rust, `join_all`) waits for every task and returns their
//! results in the order the tasks were given, not the order they finished: the 2-second
//! task's result comes first because it was listed first.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::sleep;

/// Sleeps as many seconds as its smallest number, then returns the numbers reversed.
async fn coro(numbers: Vec<u64>) -> Vec<u64> {
    let shortest = numbers.iter().copied().min().unwrap_or(0);
    sleep(Duration::from_secs(shortest)).await;
    numbers.into_iter().rev().collect()
}

/// The time of day, as Python's `time.strftime('%X')`.
fn time_of_day() -> String {
    chrono::Local::now().format("%X").to_string()
}

#[vclock::main]
async fn main() {
    let mut task1 = tokio::spawn(coro(vec![10, 5, 2]));
    let mut task2 = tokio::spawn(coro(vec![3, 2, 1]));
    println!("Start: {}", time_of_day());
    // Borrow the tasks, so that we can still ask them whether they are done afterwards.
    let result = try_join_all([&mut task1, &mut task2])
        .await
        .expect("a task panicked");
    println!("End: {}", time_of_day());
    let done = task1.is_finished() && task2.is_finished();
    // Python spells its booleans True and False.
    println!("Both tasks done: {}", if done { "True" } else { "False" });
    println!("result: {result:?}");
}
// ANCHOR_END: main
