//! Port of `tasks.py` from Real Python's "Python's asyncio: A Hands-On Walkthrough" (2025).
//!
//! Lesson: `tokio::spawn` (Python's `asyncio.create_task`) schedules a coroutine and hands
//! back a handle at once. The task has not run yet, so it is not done; awaiting the handle
//! waits for it and gives its result.

// ANCHOR: main
use std::time::Duration;

use tokio::time::sleep;

/// Sleeps as many seconds as its smallest number, then returns the numbers reversed.
async fn coro(numbers: Vec<u64>) -> Vec<u64> {
    let shortest = numbers.iter().copied().min().unwrap_or(0);
    sleep(Duration::from_secs(shortest)).await;
    numbers.into_iter().rev().collect()
}

#[vclock::main]
async fn main() {
    let task = tokio::spawn(coro(vec![3, 2, 1]));
    // Python shows `<class '_asyncio.Task'>`; in Rust the handle is a JoinHandle.
    println!("type(task) = {}", std::any::type_name_of_val(&task));
    // Python spells its booleans True and False.
    let done = task.is_finished();
    println!("task.done() = {}", if done { "True" } else { "False" });
    let result = task.await.expect("the task panicked");
    println!("result: {result:?}");
}
// ANCHOR_END: main
