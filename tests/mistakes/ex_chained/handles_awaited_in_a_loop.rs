//! ex_chained: a Vec of spawned chains, then a loop awaiting each handle.
//! verdict: pass
//! diagnosis: none

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

/// `asyncio.sleep(secs)`, zero included.
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
    let handles: Vec<_> = args
        .numbers
        .into_iter()
        .map(|n| tokio::spawn(chain(n)))
        .collect();
    for handle in handles {
        handle.await.expect("a chain panicked");
    }
    let end = start.elapsed().as_secs_f64();
    println!("Program finished in {end:0.2} seconds.");
}
