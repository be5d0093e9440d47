//! Exercise `ex_chores`: don't block the loop.
//!
//! The chores of Code-Maven's `async_chores.py`: three machines run as tasks while this
//! program cleans 14 potatoes. Cleaning a potato is hard work that never awaits, so while
//! the potatoes are cleaned no machine is noticed as finished and the dryer starts late:
//! everything takes 10 s. Make the machines' ends and the dryer's start happen while the
//! potatoes are still being cleaned, so that everything is done in about 7 s.
//!
//! Grade: `cargo test -p ex_chores` passes when this program prints what the Python
//! solution printed (golden/ex_chores.out). Hint: `cargo run -p learn -- hint ex_chores`.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

async fn boil_water(sec: u64) {
    println!("Start boiling water for {sec} seconds");
    sleep(Duration::from_secs(sec)).await;
    println!("End boiling water for {sec} seconds");
}

async fn washing_machine(sec: u64) {
    println!("Start washing machine for {sec} seconds");
    sleep(Duration::from_secs(sec)).await;
    println!("End washing machine for {sec} seconds");
    dryer(3).await;
}

async fn dryer(sec: u64) {
    println!("Start dryer for {sec} seconds");
    sleep(Duration::from_secs(sec)).await;
    println!("End dryer for {sec} seconds");
}

async fn dishwasher(sec: u64) {
    println!("Start dishwasher for {sec} seconds");
    sleep(Duration::from_secs(sec)).await;
    println!("End dishwasher for {sec} seconds");
}

async fn clean_potatoes(pieces: u32) {
    println!("Start cleaning potatoes for {pieces} pieces");
    for ix in 0..pieces {
        println!("Cleaning potato {ix}");
        // Hard work that never awaits: the whole thread, and so every task, waits for it.
        // (`vclock::thread::sleep` is `std::thread::sleep` that the grade can run on its
        // paused clock; keep it as the stand-in for real work.)
        vclock::thread::sleep(Duration::from_millis(500));
        // TODO: let the other tasks run between two potatoes.
    }
    println!("End cleaning potatoes for {pieces} pieces");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    // asyncio.gather(...): each chore runs as its own task, started in this order.
    try_join_all([
        tokio::spawn(dishwasher(3)),
        tokio::spawn(washing_machine(3)),
        tokio::spawn(boil_water(4)),
        tokio::spawn(clean_potatoes(14)),
    ])
    .await
    .expect("a chore panicked");
    // `{:?}` prints a float the way Python does: 10.0, not 10.
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
