//! ex_lock_across_await: std's Mutex kept, and the locked deposits run with tokio::join! instead of spawned, since join! needs no Send.
//! verdict: fail
//! diagnosis: held_the_loop
//! It compiles: join! polls the three in main's own task. But a's std guard is held across
//! its sleep, and b's lock() then blocks the runtime's only thread, waiting for a guard
//! that only this thread can let go: a deadlock, after 'a reads 0'. The grade sees the
//! runtime's thread busy for a second without going idle, regrades in real time, and says a
//! blocking call held the loop (std's lock() is that call).

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

// The mistake itself: clippy would say so too.
#[allow(clippy::await_holding_lock)]
async fn deposit_locked(name: &str, balance: Arc<Mutex<u32>>) {
    // `async with lock:` the read, the wait and the write: one task at a time.
    let mut guard = balance.lock().unwrap();
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

    let balance = Arc::new(Mutex::new(0));
    tokio::join!(
        deposit_locked("a", balance.clone()),
        deposit_locked("b", balance.clone()),
        deposit_locked("c", balance.clone()),
    );
    println!("with a lock: {} after 3 deposits", balance.lock().unwrap());

    let hits = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(hit(hits.clone()));
    }
    tasks.join_all().await;
    println!("hits: {} after 3 hits", hits.lock().unwrap());
}
