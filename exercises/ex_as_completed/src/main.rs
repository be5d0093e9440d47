//! Exercise `ex_as_completed`: results in completion order.
//!
//! Real Python's `as_completed.py` (2025): two tasks sleep, one for 2 s and one for 1 s,
//! then hand back their numbers reversed. Here the results are awaited in the order the
//! tasks were started, as `asyncio.gather` returns them, so the 2-second task's result
//! comes first and the 1-second one's, long ready, waits behind it. Print each result as
//! soon as its task finishes instead, as `asyncio.as_completed` does: [1, 2, 3] first, one
//! second after the start, then [2, 5, 10] a second later.
//!
//! Grade: `cargo test -p ex_as_completed` passes when this program prints what the Python
//! solution printed (golden/ex_as_completed.out). Hint:
//! `cargo run -p learn -- hint ex_as_completed`.

// ANCHOR: main
use std::time::Duration;

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
    // TODO: take the results in the order the tasks finish, not in the order given.
    for task in [&mut task1, &mut task2] {
        let result = task.await.expect("a task panicked");
        println!("result: {result:?} completed at {}", time_of_day());
    }
    println!("End: {}", time_of_day());
    let done = task1.is_finished() && task2.is_finished();
    // Python spells its booleans True and False.
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
// ANCHOR_END: main
