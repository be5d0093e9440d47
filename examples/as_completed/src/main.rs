//! Port of `as_completed.py` from Real Python's "Python's asyncio: A Hands-On Walkthrough"
//! (2025).
//!
//! Lesson: `asyncio.as_completed` hands back results as the tasks finish, whatever order
//! they were started in; in Rust, a `FuturesUnordered` stream does the same. The 1-second
//! task's result comes first, the 2-second one's a second later.

// ANCHOR: main
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};
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
    let mut as_completed: FuturesUnordered<_> = [&mut task1, &mut task2].into_iter().collect();
    while let Some(result) = as_completed.next().await {
        let result = result.expect("a task panicked");
        println!("result: {result:?} completed at {}", time_of_day());
    }
    drop(as_completed);
    println!("End: {}", time_of_day());
    let done = task1.is_finished() && task2.is_finished();
    // Python spells its booleans True and False.
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
// ANCHOR_END: main
