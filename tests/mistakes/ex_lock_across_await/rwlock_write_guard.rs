//! ex_lock_across_await: tokio's RwLock, its write guard held across the save.
//! verdict: pass
//! diagnosis: none
//! A write lock is exclusive, and tokio's RwLock is fair (first come, first served): the
//! same turns as tokio's Mutex, a then b then c.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::RwLock;
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

async fn deposit_locked(name: &str, balance: Arc<RwLock<u32>>) {
    let mut balance = balance.write().await;
    let value = *balance;
    println!("{name} reads {value}");
    sleep(Duration::from_millis(100)).await;
    *balance = value + 1;
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

    let balance = Arc::new(RwLock::new(0));
    let mut tasks = JoinSet::new();
    for name in NAMES {
        tasks.spawn(deposit_locked(name, balance.clone()));
    }
    tasks.join_all().await;
    println!("with a lock: {} after 3 deposits", balance.read().await);

    let hits = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(hit(hits.clone()));
    }
    tasks.join_all().await;
    println!("hits: {} after 3 hits", hits.lock().unwrap());
}
