//! ex_background: tokio::join! on the fetch and the numbers, no tasks spawned.
//! verdict: pass
//! diagnosis: none
//! The fetch's 2 s and the fifth number's sleep end at the same instant; join! polls the
//! fetch first there (it rotates its first branch at each poll, and this is the fifth):
//! the golden's order, in 10 of 10 runs in real time too.

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
    let (_data, ()) = tokio::join!(fetch_data(), print_numbers());
}
