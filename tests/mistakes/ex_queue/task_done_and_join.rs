//! ex_queue: task_done() and join() added to the queue, as asyncio.Queue has them.
//! verdict: pass
//! diagnosis: none

mod queue {
    //! asyncio.Queue, with asyncio's hand-over rules (as in the exercise).

    use std::collections::VecDeque;
    use std::sync::Mutex;

    use tokio::sync::Notify;

    pub struct Queue<T> {
        items: Mutex<VecDeque<T>>,
        /// Wakes the longest-waiting consumer, one per new item.
        item_added: Notify,
        /// Items put and not yet reported done, and who waits for that to be none.
        unfinished: Mutex<usize>,
        all_done: Notify,
    }

    impl<T> Queue<T> {
        pub fn new() -> Self {
            Queue {
                items: Mutex::new(VecDeque::new()),
                item_added: Notify::new(),
                unfinished: Mutex::new(0),
                all_done: Notify::new(),
            }
        }

        /// Adds an item and wakes the first consumer in line (`q.put`; the queue is
        /// unbounded).
        pub fn put(&self, item: T) {
            *self.unfinished.lock().expect("queue lock") += 1;
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

        /// `q.task_done()`: one item taken out is dealt with.
        pub fn task_done(&self) {
            let mut unfinished = self.unfinished.lock().expect("queue lock");
            *unfinished -= 1;
            if *unfinished == 0 {
                self.all_done.notify_waiters();
            }
        }

        /// `await q.join()`: waits until every item put is done.
        pub async fn join(&self) {
            loop {
                let done = self.all_done.notified();
                if *self.unfinished.lock().expect("queue lock") == 0 {
                    return;
                }
                done.await;
            }
        }
    }
}

use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

use crate::queue::Queue;

/// Producers and consumers around an asynchronous queue.
#[derive(Parser)]
struct Args {
    /// How many producers.
    #[arg(short = 'p', long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    nprod: u32,
    /// How many consumers.
    #[arg(short = 'c', long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=1000))]
    ncon: u32,
}

/// An item and the moment it was put in the queue.
type Item = (String, Instant);

/// Ten hexadecimal digits from the operating system (`os.urandom(5).hex()`): not drawn
/// from the seeded generator, so the sleeps stay the published ones.
fn makeitem() -> String {
    let mut bytes = [0u8; 5];
    getrandom::fill(&mut bytes).expect("the OS has no random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn randsleep(caller: &str) {
    let i = pyrandom::randint(1, 5);
    println!("{caller} sleeping for {i} seconds.");
    sleep(Duration::from_secs(i as u64)).await;
}

/// Puts a random number of items (1 to 5) in the queue; returns how many.
async fn produce(name: u32, queue: Arc<Queue<Item>>) -> usize {
    let n = pyrandom::randint(1, 5) as usize;
    for _ in 0..n {
        randsleep(&format!("Producer {name}")).await;
        let i = makeitem();
        queue.put((i.clone(), Instant::now()));
        println!("Producer {name} added <{i}> to queue.");
    }
    n
}

/// Takes items forever (`q.task_done()` after each).
async fn consume(name: u32, queue: Arc<Queue<Item>>) {
    loop {
        randsleep(&format!("Consumer {name}")).await;
        let (i, t) = queue.get().await;
        let waited = t.elapsed().as_secs_f64();
        println!("Consumer {name} got element <{i}> in {waited:0.5} seconds.");
        queue.task_done();
    }
}

#[vclock::main]
async fn main() {
    let args = Args::parse();
    pyrandom::seed(444);
    let start = Instant::now();

    let queue = Arc::new(Queue::new());
    let producers: Vec<_> = (0..args.nprod)
        .map(|n| tokio::spawn(produce(n, queue.clone())))
        .collect();
    let consumers: Vec<_> = (0..args.ncon)
        .map(|n| tokio::spawn(consume(n, queue.clone())))
        .collect();

    try_join_all(producers).await.expect("a producer panicked");
    queue.join().await;
    for consumer in consumers {
        consumer.abort();
    }

    let elapsed = start.elapsed().as_secs_f64();
    println!("Program completed in {elapsed:0.5} seconds.");
}
