//! ex_background: the fetch spawned, the numbers counted by main itself, then the fetch awaited.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: The original prints the fetch's first line and 0 at the same instant; the program runs them in another order: tasks ready together, run in another order.
//! The spawned fetch starts only when main first awaits: main prints 0 before it, where
//! the original's fetch starts first (10 of 10 runs in real time). As in ex_spawn's
//! no_yield, main keeps the thread while a task it spawned is waiting for its turn.

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
    print_numbers().await;
    let _data = task1.await.expect("fetch_data panicked");
}
