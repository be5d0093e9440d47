//! Port of `powers.py` from Real Python's "Python's asyncio: A Hands-On Walkthrough" (2025).
//!
//! Lesson: an async generator is a `Stream`: a sequence whose items arrive over time. It is
//! consumed item by item (`async for` is `while let Some(x) = stream.next().await`), or
//! filtered and collected in one expression, as Python's async comprehension does.

// ANCHOR: main
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};
use tokio::time::sleep;

/// Yields 2**0, 2**1, ... below 2**stop, pausing 0.2 s before each item after the first
/// (the generator sleeps after a `yield`, when the next item is asked for).
fn powers_of_two(stop: u32) -> impl Stream<Item = u64> {
    stream::unfold(0, move |exponent| async move {
        if exponent > 0 {
            sleep(Duration::from_millis(200)).await; // simulate some asynchronous work
        }
        (exponent < stop).then(|| (2u64.pow(exponent), exponent + 1))
    })
}

#[vclock::main]
async fn main() {
    let mut g = Vec::new();
    let mut powers = std::pin::pin!(powers_of_two(5));
    while let Some(i) = powers.next().await {
        g.push(i);
    }
    println!("{g:?}");

    // [j async for j in powers_of_two(5) if not (j // 3 % 5)]
    let f: Vec<u64> = powers_of_two(5)
        .filter(|j| std::future::ready(j / 3 % 5 == 0))
        .collect()
        .await;
    println!("{f:?}");
}
// ANCHOR_END: main
