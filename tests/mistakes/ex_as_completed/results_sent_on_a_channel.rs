//! ex_as_completed: each task sends its result on an mpsc channel as it ends; main prints them as they arrive.
//! verdict: pass
//! diagnosis: none

use std::time::Duration;

use tokio::sync::mpsc;
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
    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut tasks = Vec::new();
    for numbers in [vec![10, 5, 2], vec![3, 2, 1]] {
        let tx = tx.clone();
        tasks.push(tokio::spawn(async move {
            let _ = tx.send(coro(numbers).await);
        }));
    }
    drop(tx);
    println!("Start: {}", time_of_day());
    while let Some(result) = rx.recv().await {
        println!("result: {result:?} completed at {}", time_of_day());
    }
    println!("End: {}", time_of_day());
    let done = tasks.iter().all(|task| task.is_finished());
    println!("Both tasks done: {}", if done { "True" } else { "False" });
}
