//! ex_chores: each potato's work in spawn_blocking, awaited before the next potato.
//! verdict: fail
//! diagnosis: race
//! Grade: Each potato's blocking sleep ends at the instant a machine's timer is due (3 s, 4 s, 6 s): in 60 real-time runs the timers won by 0-6 ms of spawn overhead, so `cargo run` looks stable, but the order is decided by that overhead, not by the program: the grade's two shifted runs show the lines move.
//! Each potato's wait runs on a blocking thread while the loop stays free. It ends at the
//! machines' instants (3 s, 4 s, 6 s), but each hand-over to the thread and back adds a
//! little, so the potato's next line comes after the timers due then: in 60 runs in real
//! time (20 with the machine idle, 25 with both cores busy, 15 of a release build) the
//! golden's order every time, with the machines' lines 0 to 6 ms ahead. Stable as far as
//! measured, though by milliseconds: shifting the thread's sleeps by 50 ms would change it.

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
        // The hard work on a thread of its own (asyncio.to_thread): the loop stays free.
        tokio::task::spawn_blocking(|| vclock::thread::sleep(Duration::from_millis(500)))
            .await
            .expect("a potato panicked");
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
