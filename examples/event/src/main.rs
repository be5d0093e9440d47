//! Port of examples/event/original.py (this project's own original).
//!
//! Lesson: `asyncio.Event` is a flag and the tasks waiting for it. `set()` releases every
//! waiter and the flag stays set, so a task that waits later goes at once; `set()` followed
//! at once by `clear()` is a pulse that releases only the tasks waiting at that moment.
//! tokio has no one type for both. The flag that stays set is a `watch` channel of a `bool`:
//! `send_replace(true)` is `set()` (and `send_replace(false)` `clear()`), each waiter holds a
//! receiver, and `wait_for(|open| *open)` is `wait()`, at once when the flag is already set.
//! The pulse is `Notify::notify_waiters()`: it wakes the tasks waiting now, keeps no flag,
//! and a later waiter waits for the next one. Where they differ: asyncio releases waiters in
//! the order they came; a watch channel wakes its receivers in no set order (the three "goes"
//! lines come in any order), while `notify_waiters` keeps the order. (`Notify::notify_one`,
//! asyncio has no twin of: it wakes one waiter, or leaves one permit for the next.)

// ANCHOR: main
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::time::sleep;

async fn door_waiter(name: &str, mut door: watch::Receiver<bool>) {
    println!("{name} waits");
    // event.wait(): done at once if the flag is already set.
    door.wait_for(|open| *open).await.expect("the sender lives");
    println!("{name} goes");
}

async fn bell_waiter(name: &str, bell: Arc<Notify>) {
    println!("{name} waits");
    bell.notified().await;
    println!("{name} goes");
}

#[vclock::main]
async fn main() {
    // An Event that stays set: a watch channel of a bool, false at first.
    let (door, _) = watch::channel(false);
    let early: Vec<_> = ["a", "b", "c"]
        .into_iter()
        .map(|name| tokio::spawn(door_waiter(name, door.subscribe())))
        .collect();
    sleep(Duration::from_secs(1)).await;
    println!("the door opens");
    // event.set(); `send` would fail if no receiver were left, `send_replace` never does.
    door.send_replace(true);
    for task in early {
        task.await.expect("a waiter panicked");
    }
    door_waiter("d", door.subscribe()).await;

    // A pulse, set() and clear() together: notify_waiters wakes only who waits right now.
    let bell = Arc::new(Notify::new());
    let e = tokio::spawn(bell_waiter("e", bell.clone()));
    sleep(Duration::from_secs(1)).await;
    println!("the bell rings");
    bell.notify_waiters();
    let f = tokio::spawn(bell_waiter("f", bell.clone()));
    sleep(Duration::from_secs(1)).await;
    println!("the bell rings");
    bell.notify_waiters();
    e.await.expect("a waiter panicked");
    f.await.expect("a waiter panicked");
}
// ANCHOR_END: main
