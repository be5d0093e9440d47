//! ex_lock_across_await: no lock for the second part: one account task owns the balance and serves deposits sent on an mpsc channel, one at a time.
//! verdict: pass
//! diagnosis: none
//! An actor: each deposit task sends its name and a oneshot for the reply; the account
//! reads, saves and writes for one before it takes the next, in the order they were sent.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
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

/// A deposit asked of the account: who, and where to say it is done.
type Deposit = (&'static str, oneshot::Sender<()>);

/// Owns the balance: deposits are served in turn, so none is lost. Returns the balance.
async fn account(mut deposits: mpsc::Receiver<Deposit>) -> u32 {
    let mut balance = 0;
    while let Some((name, done)) = deposits.recv().await {
        let value = balance;
        println!("{name} reads {value}");
        sleep(Duration::from_millis(100)).await;
        balance = value + 1;
        println!("{name} writes {}", value + 1);
        let _ = done.send(());
    }
    balance
}

async fn deposit_locked(name: &'static str, account: mpsc::Sender<Deposit>) {
    let (done, deposited) = oneshot::channel();
    account
        .send((name, done))
        .await
        .expect("the account is open");
    deposited.await.expect("the account answers");
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

    let (deposits, requests) = mpsc::channel(8);
    let account = tokio::spawn(account(requests));
    let mut tasks = JoinSet::new();
    for name in NAMES {
        tasks.spawn(deposit_locked(name, deposits.clone()));
    }
    tasks.join_all().await;
    drop(deposits); // the account ends when no sender is left
    let balance = account.await.expect("the account panicked");
    println!("with a lock: {balance} after 3 deposits");

    let hits = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(hit(hits.clone()));
    }
    tasks.join_all().await;
    println!("hits: {} after 3 hits", hits.lock().unwrap());
}
