//! ex_background: both spawned, only the numbers awaited: the fetch is done long before.
//! verdict: pass
//! diagnosis: none

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
    let _task1 = tokio::spawn(fetch_data());
    let task2 = tokio::spawn(print_numbers());
    task2.await.expect("print_numbers panicked");
}
