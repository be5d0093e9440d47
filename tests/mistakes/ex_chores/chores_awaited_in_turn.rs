//! ex_chores: the look-up after each potato is there, but the chores are awaited one by one.
//! verdict: fail
//! diagnosis: one_after_another

use std::time::Duration;

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
    let start = Instant::now();
    dishwasher(3).await;
    washing_machine(3).await;
    boil_water(4).await;
    clean_potatoes(14).await;
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
