//! ex_chores: sleep(Duration::ZERO) after each potato.
//! verdict: pass
//! diagnosis: none
//! On tokio's paused clock sleep(Duration::ZERO) does not yield; in real time, as `cargo
//! run` runs it, it lasts until the next millisecond, and the machines are looked at after
//! every potato (10 of 10 runs, the golden's order).

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
        sleep(Duration::ZERO).await;
    }
    println!("End cleaning potatoes for {pieces} pieces");
}

#[vclock::main]
async fn main() {
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
