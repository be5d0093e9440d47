//! ex_background: the fetch spawned, but awaited before the numbers are spawned.
//! verdict: fail
//! diagnosis: wrong_time
//! Grade: The grade shows it as the expected line coming late (its advice names awaiting tasks one after another).

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
    let _data = tokio::spawn(fetch_data())
        .await
        .expect("fetch_data panicked");
    let task2 = tokio::spawn(print_numbers());
    task2.await.expect("print_numbers panicked");
}
