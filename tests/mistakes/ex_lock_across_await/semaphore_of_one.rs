//! ex_lock_across_await: a Semaphore of one permit held across the save, the balance itself on std's Mutex.
//! verdict: pass
//! diagnosis: none
//! The permit is the lock: a task holds it from the read to the write, and std's Mutex is
//! only ever locked for one statement.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;
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

/// The balance, and one permit to change it: whoever holds the permit may read and write.
struct Account {
    turn: Semaphore,
    balance: Mutex<u32>,
}

async fn deposit_locked(name: &str, account: Arc<Account>) {
    let _turn = account.turn.acquire().await.expect("never closed");
    let value = *account.balance.lock().unwrap();
    println!("{name} reads {value}");
    sleep(Duration::from_millis(100)).await;
    *account.balance.lock().unwrap() = value + 1;
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

    let account = Arc::new(Account {
        turn: Semaphore::new(1),
        balance: Mutex::new(0),
    });
    let mut tasks = JoinSet::new();
    for name in NAMES {
        tasks.spawn(deposit_locked(name, account.clone()));
    }
    tasks.join_all().await;
    println!(
        "with a lock: {} after 3 deposits",
        account.balance.lock().unwrap()
    );

    let hits = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(hit(hits.clone()));
    }
    tasks.join_all().await;
    println!("hits: {} after 3 hits", hits.lock().unwrap());
}
