//! Port of `rand.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: coroutines that wait do not hold each other up. Three `makerandom` tasks each
//! draw numbers until one beats their threshold, sleeping between draws (the first 1 s,
//! the second 2 s, the third 3 s); their lines interleave in time order. The generator is
//! seeded like the original (`random.seed(444)`) and draws what CPython draws, so the
//! numbers are the published ones too.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::sleep;

/// ANSI colours: reset, then one per makerandom (cyan, red, magenta).
const C: [&str; 4] = ["\x1b[0m", "\x1b[36m", "\x1b[91m", "\x1b[35m"];

async fn makerandom(idx: usize, threshold: i64) -> i64 {
    let color = C[idx + 1];
    println!("{color}Initiated makerandom({idx}).");
    let mut i = pyrandom::randint(0, 10);
    while i <= threshold {
        println!("{color}makerandom({idx}) == {i} too low; retrying.");
        sleep(Duration::from_secs(idx as u64 + 1)).await;
        i = pyrandom::randint(0, 10);
    }
    println!("{color}---> Finished: makerandom({idx}) == {i}{}", C[0]);
    i
}

#[vclock::main]
async fn main() {
    pyrandom::seed(444);
    // asyncio.gather(...): three tasks, started in this order; results in this order.
    let tasks = (0..3).map(|i| tokio::spawn(makerandom(i, 10 - i as i64 - 1)));
    let res = try_join_all(tasks).await.expect("a makerandom panicked");
    println!();
    println!("r1: {}, r2: {}, r3: {}", res[0], res[1], res[2]);
}
// ANCHOR_END: main
