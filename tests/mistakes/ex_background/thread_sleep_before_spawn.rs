//! ex_background: the fix, plus a blocking 100 ms pause before the first spawn.
//! verdict: pass
//! diagnosis: none
//! No task exists yet during the pause: it blocks no one.

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
    std::thread::sleep(Duration::from_millis(100));
    let task1 = tokio::spawn(fetch_data());
    let task2 = tokio::spawn(print_numbers());
    task1.await.expect("fetch_data panicked");
    task2.await.expect("print_numbers panicked");
}
