//! Port of `fib` from the Asyncio notebook (seed 001), its "Generators" cells.
//!
//! Lesson: a generator is a function that pauses at each value and resumes when asked for
//! the next one; coroutines are built on the same idea. In Rust the generator is an
//! `Iterator`, a struct that keeps its state between calls to `next()`, and its async
//! counterpart is a `Stream`, whose `next()` is awaited.
//!
//! The notebook steps a `fib(10)` once by hand (showing `0`), then prints `fib(5)` with a for
//! loop. This port does both, then consumes the same sequence as a stream.

// ANCHOR: main
use futures::stream::{self, Stream, StreamExt};

/// The Fibonacci numbers below `limit`. Where the Python generator keeps `a` and `b` in its
/// paused frame, an iterator keeps them in its fields.
struct Fib {
    a: u64,
    b: u64,
    limit: u64,
}

fn fib(limit: u64) -> Fib {
    Fib { a: 0, b: 1, limit }
}

impl Iterator for Fib {
    type Item = u64;

    // Python's generator ends with `return "Done"`, a value carried by StopIteration that a
    // for loop throws away. An Iterator has no equivalent: it ends by returning None.
    fn next(&mut self) -> Option<u64> {
        if self.a >= self.limit {
            return None;
        }
        let value = self.a;
        (self.a, self.b) = (self.b, self.a + self.b);
        Some(value)
    }
}

/// The same numbers as a stream: `unfold` keeps the state (a, b) between values, and each
/// value is produced by a future, which could await something first.
fn fib_stream(limit: u64) -> impl Stream<Item = u64> {
    stream::unfold((0, 1), move |(a, b)| async move {
        (a < limit).then_some((a, (b, a + b)))
    })
}

#[vclock::main]
async fn main() {
    // One step by hand, as `f.__next__()` in the notebook.
    let mut f = fib(10);
    if let Some(value) = f.next() {
        println!("{value}");
    }

    for i in fib(5) {
        println!("{i}");
    }

    // The async version: each `next()` is awaited. The stream must be pinned to be polled.
    let mut numbers = std::pin::pin!(fib_stream(5));
    while let Some(i) = numbers.next().await {
        println!("{i}");
    }
}
// ANCHOR_END: main
