//! ex_background: both spawned, only the fetch awaited.
//! verdict: fail
//! diagnosis: ended_early
//! main returns when the data has come, at 2 s, just after the number 3: tokio drops the
//! numbers' task there, and 4 to 9 never come.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::sleep;

async fn fetch_data() -> HashMap<&'static str, i32> {
    println!("Fetching data...");
    sleep(Duration::from_secs(2)).await;
    println!("Data fetched");
    HashMap::from([("data", 1)])
}

async fn print_numbers() {
    for i in 0..10 {
        println!("{i}");
        sleep(Duration::from_millis(500)).await;
    }
}

#[vclock::main]
async fn main() {
    let task1 = tokio::spawn(fetch_data());
    let _task2 = tokio::spawn(print_numbers());
    let _data = task1.await.expect("fetch_data panicked");
}
