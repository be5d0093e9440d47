//! Port of examples/shared_counter/original.py (this project's own original).
//!
//! Lesson: tasks that share state and await between reading it and writing it back can lose
//! updates, in asyncio as in tokio: three deposits each read the balance, await a slow save,
//! and write back what they read plus one, so all three read 0 and the balance ends at 1.
//! `asyncio.Lock` (`async with lock:`) makes the read, the wait and the write one step; its
//! twin is `tokio::sync::Mutex`, whose guard may be held across an `.await`, and the balance
//! is 3. Where they differ: Rust refuses unguarded shared state between tasks, so the
//! unlocked deposit still locks each access (a `std::sync::Mutex`, let go before the await)
//! and loses updates all the same: the lock must cover the whole read-modify-write. And a
//! counter changed with no await in between, which asyncio's single thread needs no lock
//! for, still needs one here (tokio may run tasks on several threads): `std::sync::Mutex`,
//! the right lock for a short section with no await inside, shared through an `Arc`.

// ANCHOR: main
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

const NAMES: [&str; 3] = ["a", "b", "c"];

async fn deposit_unlocked(name: &str, balance: Arc<Mutex<u32>>) {
    // The guard is dropped at the end of the statement: the lock covers the read only.
    let value = *balance.lock().unwrap();
    println!("{name} reads {value}");
    sleep(Duration::from_millis(100)).await; // a slow save: the other tasks run meanwhile
    *balance.lock().unwrap() = value + 1;
    println!("{name} writes {}", value + 1);
}

async fn deposit_locked(name: &str, balance: Arc<tokio::sync::Mutex<u32>>) {
    // `async with lock:` the read, the wait and the write: one task at a time.
    let mut guard = balance.lock().await;
    let value = *guard;
    println!("{name} reads {value}");
    // tokio's guard may be held across an await (std's would make the task not Send).
    sleep(Duration::from_millis(100)).await;
    *guard = value + 1;
    println!("{name} writes {}", value + 1);
}

async fn hit(hits: Arc<Mutex<u32>>) {
    // No await inside: std's Mutex, locked and let go within the statement.
    *hits.lock().unwrap() += 1;
    sleep(Duration::from_millis(100)).await;
}

#[vclock::main]
async fn main() {
    let balance = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for name in NAMES {
        tasks.spawn(deposit_unlocked(name, balance.clone()));
    }
    tasks.join_all().await;
    println!(
        "without a lock: {} after 3 deposits",
        balance.lock().unwrap()
    );

    let balance = Arc::new(tokio::sync::Mutex::new(0));
    let mut tasks = JoinSet::new();
    for name in NAMES {
        tasks.spawn(deposit_locked(name, balance.clone()));
    }
    tasks.join_all().await;
    println!("with a lock: {} after 3 deposits", balance.lock().await);

    let hits = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(hit(hits.clone()));
    }
    tasks.join_all().await;
    println!("hits: {} after 3 hits", hits.lock().unwrap());
}
// ANCHOR_END: main
