//! Exercise `ex_background`: work while a task runs.
//!
//! The "multiple coroutines" example of the Asynchronous Programming notebook: fetching
//! the data takes 2 s, and counting to 9 takes 5 s, a number every half second. Here the
//! program awaits the fetch first, so nothing is counted until the data has come: "Data
//! fetched" is printed before 0, and the whole takes 7 s. Let the fetch run in the
//! background instead, so that the numbers are printed while it waits: the fetch still
//! starts first, "Data fetched" comes between 3 and 4, and the whole takes 5 s.
//!
//! Grade: `cargo test -p ex_background` passes when this program prints what the Python
//! solution printed (golden/ex_background.out). Hint:
//! `cargo run -p learn -- hint ex_background`.

// ANCHOR: main
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
    // Awaited here, the fetch runs to its end before the numbers' task even exists.
    // TODO: start the fetch as a task of its own; await it once the numbers run too.
    let _data = fetch_data().await;
    // asyncio.create_task: the numbers start running at main's next await.
    let task2 = tokio::spawn(print_numbers());

    task2.await.expect("print_numbers panicked");
}
// ANCHOR_END: main
