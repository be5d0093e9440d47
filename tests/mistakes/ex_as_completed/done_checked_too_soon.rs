//! ex_as_completed: results in completion order, but "Both tasks done" read before waiting.
//! verdict: fail
//! diagnosis: text
//! Grade: From the output alone it is a wrong word (False for True), printed on time: the grade says so and names no cause.
//! The handles go into the stream, so the learner asks is_finished() first, at the start:
//! False. A value read at the wrong moment; from the output alone it is a wrong word.

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
    let task1 = tokio::spawn(coro(vec![10, 5, 2]));
    let task2 = tokio::spawn(coro(vec![3, 2, 1]));
    println!("Start: {}", time_of_day());
    let done = task1.is_finished() && task2.is_finished();
    let mut as_completed: FuturesUnordered<_> = [task1, task2].into_iter().collect();
    while let Some(result) = as_completed.next().await {
        let result = result.expect("a task panicked");
        println!("result: {result:?} completed at {}", time_of_day());
    }
    println!("End: {}", time_of_day());
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
