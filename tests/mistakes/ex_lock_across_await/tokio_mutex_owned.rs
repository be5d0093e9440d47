//! ex_lock_across_await: tokio's Mutex imported as AsyncMutex, an owned guard, the tasks as JoinHandles in a Vec.
//! verdict: pass
//! diagnosis: none

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Mutex as AsyncMutex;
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

async fn deposit_locked(name: &str, balance: Arc<AsyncMutex<u32>>) {
    let mut guard = balance.lock_owned().await;
    let value = *guard;
    println!("{name} reads {value}");
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

    let balance = Arc::new(AsyncMutex::new(0));
    let handles: Vec<_> = NAMES
        .into_iter()
        .map(|name| tokio::spawn(deposit_locked(name, Arc::clone(&balance))))
        .collect();
    for handle in handles {
        handle.await.expect("a deposit panicked");
    }
    println!("with a lock: {} after 3 deposits", balance.lock().await);

    let hits = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(hit(hits.clone()));
    }
    tasks.join_all().await;
    println!("hits: {} after 3 hits", hits.lock().unwrap());
}
