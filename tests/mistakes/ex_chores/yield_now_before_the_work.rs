//! ex_chores: tokio::task::yield_now() before each potato's work instead of an async sleep after it.
//! verdict: fail
//! diagnosis: tie_order
//! The machines that fall due while a potato is cleaned are noticed only after the next
//! potato's line: End dishwasher, End boiling water and End dryer each come one potato
//! late (the same order in every run in real time). The task prints before it lets the
//! others run. (Both lines fall at the same instant, so a grade that sees only instants
//! may call it an order of tasks ready together.)

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
        // Let the machines have a turn.
        tokio::task::yield_now().await;
        vclock::thread::sleep(Duration::from_millis(500));
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
