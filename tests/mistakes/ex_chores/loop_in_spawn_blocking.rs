//! ex_chores: the potato loop moved into spawn_blocking, printing from the thread.
//! verdict: fail
//! diagnosis: race
//! Each potato's blocking sleep on the thread ends at the very instant a machine's timer
//! falls due (3 s, 4 s, 6 s), and even the thread's first line races the machines' first
//! ones: which comes first is decided by microseconds. 20 runs in real time printed 9
//! different orders; 5 of them were the golden's.

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

// Off the event loop altogether, as asyncio.to_thread would run it.
fn clean_potatoes(pieces: u32) {
    println!("Start cleaning potatoes for {pieces} pieces");
    for ix in 0..pieces {
        println!("Cleaning potato {ix}");
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
        tokio::task::spawn_blocking(|| clean_potatoes(14)),
    ])
    .await
    .expect("a chore panicked");
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
