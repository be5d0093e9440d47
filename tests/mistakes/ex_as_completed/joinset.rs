//! ex_as_completed: a JoinSet spawns both, join_next hands each result over as it comes.
//! verdict: pass
//! diagnosis: none

use std::time::Duration;

use tokio::task::JoinSet;
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
    let mut tasks = JoinSet::new();
    tasks.spawn(coro(vec![10, 5, 2]));
    tasks.spawn(coro(vec![3, 2, 1]));
    println!("Start: {}", time_of_day());
    while let Some(result) = tasks.join_next().await {
        let result = result.expect("a task panicked");
        println!("result: {result:?} completed at {}", time_of_day());
    }
    println!("End: {}", time_of_day());
    // An empty set: every task has been joined.
    let done = tasks.is_empty();
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
