//! ex_background: both spawned, but the fetch waits with std::thread::sleep.
//! verdict: fail
//! diagnosis: held_the_loop

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::sleep;

async fn fetch_data() -> HashMap<&'static str, i32> {
    println!("Fetching data...");
    std::thread::sleep(Duration::from_secs(2));
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
    let task2 = tokio::spawn(print_numbers());
    task1.await.expect("fetch_data panicked");
    task2.await.expect("print_numbers panicked");
}
