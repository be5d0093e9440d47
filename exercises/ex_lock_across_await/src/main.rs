//! Exercise `ex_lock_across_await`: a lock held across an await.
//!
//! This project's `shared_counter`: three tasks each add 1 to a shared balance by reading
//! it, awaiting a slow save, and writing back what they read plus one. Without a lock
//! around the whole read-modify-write, two of the three updates are lost; with one, the
//! tasks take turns and the balance is 3. Here the locked deposit holds a
//! `std::sync::Mutex` guard across the `.await`, as a Python programmer holds
//! `async with lock:` around it, and this program does not compile: read rustc's error,
//! then make the lock one whose guard may live across an await.
//!
//! Grade: `cargo test -p ex_lock_across_await` passes when this program prints what the
//! Python original printed (golden/shared_counter.out). Hint:
//! `cargo run -p learn -- hint ex_lock_across_await`.

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

async fn deposit_locked(name: &str, balance: Arc<Mutex<u32>>) {
    // `async with lock:` the read, the wait and the write: one task at a time.
    let mut guard = balance.lock().unwrap();
    let value = *guard;
    println!("{name} reads {value}");
    // TODO: this guard is held across the await. Which lock allows that?
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

    let balance = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for name in NAMES {
        tasks.spawn(deposit_locked(name, balance.clone()));
    }
    tasks.join_all().await;
    println!("with a lock: {} after 3 deposits", balance.lock().unwrap());

    let hits = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(hit(hits.clone()));
    }
    tasks.join_all().await;
    println!("hits: {} after 3 hits", hits.lock().unwrap());
}
// ANCHOR_END: main
