//! Exercise `ex_chained`: chained coroutines, run side by side.
//!
//! Real Python's `chained.py`: each number on the command line starts a chain, `part1`
//! then `part2`, where `part2` needs the result of `part1`; each part sleeps a random
//! number of seconds, drawn from a generator seeded like the original's. Here the chains
//! are awaited one after another, so chain 2 starts only when chain 1 is done, and the
//! program takes the sum of all the sleeps. Keep each chain in order, but run the chains
//! side by side, started in the order of the numbers: the parts' lines then interleave,
//! and the program takes as long as its slowest chain (11 s for the default 1 2 3).
//!
//! Grade: `cargo test -p ex_chained` passes when this program prints what the Python
//! solution printed, for each command line in golden/ex_chained*.out. Hint:
//! `cargo run -p learn -- hint ex_chained`. Usage: `cargo run -p ex_chained -- 9 6 3`.

// ANCHOR: main
use std::time::Duration;

use clap::Parser;
use tokio::time::{Instant, sleep};

/// Runs part1 then part2 for each number, every chain at the same time.
#[derive(Parser)]
struct Args {
    /// The chains' numbers.
    #[arg(default_values_t = [1, 2, 3], allow_negative_numbers = true)]
    numbers: Vec<i64>,
}

/// `asyncio.sleep(secs)`, zero included. asyncio lets every other ready task run even for
/// a 0 s sleep; tokio's `sleep(Duration::ZERO)` may return at once, so a zero sleep
/// yields explicitly, to the back of the line of ready tasks.
async fn asyncio_sleep(secs: i64) {
    if secs == 0 {
        futures_lite::future::yield_now().await;
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

/// One chain: part2 cannot start before part1 has returned its result.
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
    // TODO: run the chains side by side (asyncio.gather) instead of one after another.
    for n in args.numbers {
        chain(n).await;
    }
    let end = start.elapsed().as_secs_f64();
    println!("Program finished in {end:0.2} seconds.");
}
// ANCHOR_END: main
