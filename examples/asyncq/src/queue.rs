//! asyncio.Queue, as far as `asyncq` uses it, with asyncio's exact hand-over rules.
//!
//! A consumer that finds the queue empty waits in line to be told of a new item. Each new
//! item wakes the consumer first in line, but reserves nothing for it: another consumer
//! that comes by first may take the item, and then the woken one, finding the queue empty
//! again, goes back to the end of the line. Which consumer gets which item is part of what
//! `asyncq` prints, so these rules matter here. tokio's channels hand the next item to the
//! receiver already waiting for it, and async-channel moves an unused wake-up on to the next
//! waiter; both hand items to other consumers than asyncio does.

// ANCHOR: main
use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

pub struct Queue<T> {
    items: Mutex<VecDeque<T>>,
    /// Wakes the longest-waiting consumer, one per new item.
    item_added: Notify,
}

impl<T> Queue<T> {
    pub fn new() -> Self {
        Queue {
            items: Mutex::new(VecDeque::new()),
            item_added: Notify::new(),
        }
    }

    /// Adds an item and wakes the first consumer in line (`q.put`; the queue is unbounded).
    pub fn put(&self, item: T) {
        self.items.lock().expect("queue lock").push_back(item);
        self.item_added.notify_one();
    }

    /// Takes the next item, waiting in line while there is none (`await q.get()`).
    pub async fn get(&self) -> T {
        loop {
            let next = self.items.lock().expect("queue lock").pop_front();
            if let Some(item) = next {
                return item;
            }
            self.item_added.notified().await;
        }
    }
}
// ANCHOR_END: main
