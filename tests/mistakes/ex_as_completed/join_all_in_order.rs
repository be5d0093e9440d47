//! ex_as_completed: futures::future::join_all on the handles, results printed in the order given.
//! verdict: fail
//! diagnosis: wrong_time
//! join_all keeps gather's order: [1, 2, 3], ready after 1 s, is printed after 2 s, behind
//! [2, 5, 10].

use std::time::Duration;

use futures::future::join_all;
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
    for result in join_all([&mut task1, &mut task2]).await {
        let result = result.expect("a task panicked");
        println!("result: {result:?} completed at {}", time_of_day());
    }
    println!("End: {}", time_of_day());
    let done = task1.is_finished() && task2.is_finished();
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
