//! ex_chores: the look-up after each potato, plus a blocking 100 ms pause before the chores start.
//! verdict: pass
//! diagnosis: none
//! The pause comes before the clock starts and before any task exists: it blocks no one.

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
        vclock::thread::sleep(Duration::from_millis(500));
        tokio::task::yield_now().await;
    }
    println!("End cleaning potatoes for {pieces} pieces");
}

#[vclock::main]
async fn main() {
    std::thread::sleep(Duration::from_millis(100));
    let start = Instant::now();
    try_join_all([
        tokio::spawn(dishwasher(3)),
        tokio::spawn(washing_machine(3)),
        tokio::spawn(boil_water(4)),
        tokio::spawn(clean_potatoes(14)),
    ])
    .await
    .expect("a chore panicked");
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
