//! Port of the jacket example (`get_temperature` and `wear_jacket`) from the AsyncIO
//! notebook (seed 004).
//!
//! Lesson: coroutines can be chained: await one, and pass its result to the next. Each
//! waits 1 s, and since the second needs the first's result they run one after the other,
//! 2 s in all. The temperature is drawn at random (10 to 40), like Python's unseeded
//! `random.randint`, so the advice changes from run to run.

// ANCHOR: main
use std::time::Duration;

use tokio::time::sleep;

async fn get_temperature() -> i64 {
    println!("[get_temperature] Obtaining temperature from our amaizing towers!");
    sleep(Duration::from_secs(1)).await;
    // pyrandom draws as Python's random module does; unseeded, it starts from entropy.
    pyrandom::randint(10, 40)
}

async fn wear_jacket(temperature: i64) -> bool {
    println!("[wear_jacket] Calculating if you should wear a jacket!");
    sleep(Duration::from_secs(1)).await;
    temperature < 20
}

#[vclock::main]
async fn main() {
    println!("[main] Starting program");
    let temperature = get_temperature().await;
    let should_wear_jacket = wear_jacket(temperature).await;
    let msg = if should_wear_jacket {
        "Wear a jacket!"
    } else {
        "Don't wear a jacket!"
    };
    println!("Temperature: {temperature} {msg}");
}
// ANCHOR_END: main
