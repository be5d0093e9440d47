//! ex_as_completed: both tasks awaited, then the results printed quickest first.
//! verdict: fail
//! diagnosis: wrong_time
//! The lines are the original's, but [1, 2, 3] comes 2 s after Start, with [2, 5, 10]; the
//! original prints it after 1 s. Only the times of day, which the golden leaves free, show it.

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
    let (slow, quick) = tokio::join!(&mut task1, &mut task2);
    // task2 sleeps less, so its result is the first completed.
    for result in [quick, slow] {
        let result = result.expect("a task panicked");
        println!("result: {result:?} completed at {}", time_of_day());
    }
    println!("End: {}", time_of_day());
    let done = task1.is_finished() && task2.is_finished();
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
