//! Port of `asyncq.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: producers and consumers need not know each other; a queue between them is
//! enough. Each producer puts a random number of items, sleeping a random while before
//! each; each consumer sleeps a random while, then takes whatever item is next. When every
//! item has been consumed (asyncio's `q.join()`), the consumers, still waiting, are
//! cancelled. The sleeps come from a generator seeded like the original's.
//!
//! Usage: `cargo run -p asyncq -- -p 2 -c 4` (default: 5 producers, 10 consumers).

mod queue;

use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use futures::future::try_join_all;
use tokio::sync::mpsc;
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

// ANCHOR: main
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

/// Takes items forever, reporting each one as done (`q.task_done()`).
async fn consume(name: u32, queue: Arc<Queue<Item>>, done: mpsc::UnboundedSender<()>) {
    loop {
        randsleep(&format!("Consumer {name}")).await;
        let (i, t) = queue.get().await;
        let waited = t.elapsed().as_secs_f64();
        println!("Consumer {name} got element <{i}> in {waited:0.5} seconds.");
        let _ = done.send(());
    }
}

#[vclock::main]
async fn main() {
    let args = Args::parse();
    pyrandom::seed(444);
    let start = Instant::now();

    let queue = Arc::new(Queue::new());
    // q.task_done() and q.join(): each consumed item is reported on this channel.
    let (done, mut consumed) = mpsc::unbounded_channel();
    let producers: Vec<_> = (0..args.nprod)
        .map(|n| tokio::spawn(produce(n, queue.clone())))
        .collect();
    let consumers: Vec<_> = (0..args.ncon)
        .map(|n| tokio::spawn(consume(n, queue.clone(), done.clone())))
        .collect();

    let produced: usize = try_join_all(producers)
        .await
        .expect("a producer panicked")
        .into_iter()
        .sum();
    // q.join(): wait until every item produced has been consumed...
    for _ in 0..produced {
        consumed.recv().await;
    }
    // ...then cancel the consumers, which are waiting for more.
    for consumer in consumers {
        consumer.abort();
    }

    let elapsed = start.elapsed().as_secs_f64();
    println!("Program completed in {elapsed:0.5} seconds.");
}
// ANCHOR_END: main
