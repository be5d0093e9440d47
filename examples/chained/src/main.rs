//! Port of `chained.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: coroutines can be chained: `chain(n)` awaits `part1`, then hands its result to
//! `part2`. Each chain is sequential, but the chains run side by side, so the program
//! takes as long as the slowest chain, not the sum of them. The sleeps are drawn from a
//! generator seeded like the original's, so they are the published ones.
//!
//! A part may sleep for 0 seconds. asyncio still lets every other ready task run first;
//! tokio's `sleep(Duration::ZERO)` may return at once, so a zero sleep yields explicitly.
//!
//! Usage: `cargo run -p chained -- 9 6 3` (default: 1 2 3).

// ANCHOR: main
use std::time::Duration;

use clap::Parser;
use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

/// Runs part1 then part2 for each number, every chain at the same time.
#[derive(Parser)]
struct Args {
    /// The chains' numbers.
    #[arg(default_values_t = [1, 2, 3], allow_negative_numbers = true)]
    numbers: Vec<i64>,
}

/// `asyncio.sleep(secs)`, zero included: see above.
async fn asyncio_sleep(secs: i64) {
    if secs == 0 {
        futures_lite::future::yield_now().await; // to the back of the line of ready tasks
    } else {
        sleep(Duration::from_secs(secs as u64)).await;
    }
}

async fn part1(n: i64) -> String {
    let i = pyrandom::randint(0, 10);
    println!("part1({n}) sleeping for {i} seconds.");
    asyncio_sleep(i).await;
    let result = format!("result{n}-1");
    println!("Returning part1({n}) == {result}.");
    result
}

async fn part2(n: i64, arg: String) -> String {
    let i = pyrandom::randint(0, 10);
    // Python prints the tuple `(n, arg)`: its repr quotes the string with single quotes.
    println!("part2({n}, '{arg}') sleeping for {i} seconds.");
    asyncio_sleep(i).await;
    let result = format!("result{n}-2 derived from {arg}");
    println!("Returning part2({n}, '{arg}') == {result}.");
    result
}

async fn chain(n: i64) {
    let start = Instant::now();
    let p1 = part1(n).await;
    let p2 = part2(n, p1).await;
    let end = start.elapsed().as_secs_f64();
    println!("-->Chained result{n} => {p2} (took {end:0.2} seconds).");
}

#[vclock::main]
async fn main() {
    let args = Args::parse();
    pyrandom::seed(444);
    let start = Instant::now();
    // asyncio.gather(...): one task per chain, started in argument order.
    try_join_all(args.numbers.into_iter().map(|n| tokio::spawn(chain(n))))
        .await
        .expect("a chain panicked");
    let end = start.elapsed().as_secs_f64();
    println!("Program finished in {end:0.2} seconds.");
}
// ANCHOR_END: main
