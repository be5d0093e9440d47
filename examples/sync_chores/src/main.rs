//! Port of `sync_chores.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: blocking code does one thing at a time. Each machine could run by itself, but
//! here we stand and wait for every one of them: the chores take the sum of their times,
//! about 20 seconds. Compare `async_chores`.

// ANCHOR: main
use std::time::Duration;

// tokio's Instant is std's Instant, except that it follows tokio's clock when the tests
// pause it. vclock::thread::sleep is std::thread::sleep (see the README).
use tokio::time::Instant;
use vclock::thread::sleep;

fn boil_water(sec: u64) {
    println!("Start boiling water for {sec} seconds");
    sleep(Duration::from_secs(sec));
    println!("End boiling water for {sec} seconds");
}

fn washing_machine(sec: u64) {
    println!("Start washing machine");
    sleep(Duration::from_secs(sec));
    println!("End washing machine");
}

fn dryer(sec: u64) {
    println!("Start dryer");
    sleep(Duration::from_secs(sec));
    println!("End dryer");
}

fn dishwasher(sec: u64) {
    println!("Start dishwasher");
    sleep(Duration::from_secs(sec));
    println!("End dishwasher");
}

fn clean_potatoes(pieces: u32) {
    println!("Start cleaning potatoes");
    for ix in 0..pieces {
        println!("Cleaning potato {ix}");
        sleep(Duration::from_millis(500));
    }
    println!("End cleaning potatoes");
}

#[vclock::main]
fn main() {
    let start = Instant::now();
    dishwasher(3);
    washing_machine(3);
    dryer(3);
    boil_water(4);
    clean_potatoes(14);
    // `{:?}` prints a float the way Python does: 20.0, not 20.
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
