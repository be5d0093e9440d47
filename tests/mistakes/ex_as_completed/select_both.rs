//! ex_as_completed: tokio::select! in a loop over the two borrowed handles.
//! verdict: pass
//! diagnosis: none

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
    let (mut done1, mut done2) = (false, false);
    while !(done1 && done2) {
        let result = tokio::select! {
            result = &mut task1, if !done1 => {
                done1 = true;
                result
            }
            result = &mut task2, if !done2 => {
                done2 = true;
                result
            }
        };
        let result = result.expect("a task panicked");
        println!("result: {result:?} completed at {}", time_of_day());
    }
    println!("End: {}", time_of_day());
    let done = task1.is_finished() && task2.is_finished();
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
