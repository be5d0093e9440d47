//! Exercise `ex_async_sleep`: await a sleep, don't block.
//!
//! Code-Maven's `async_sleep.py`: Blue works for 2 s and Green for 1 s, gathered as two
//! tasks. Here each one waits with a blocking sleep, the mistake of calling `time.sleep`
//! inside an `async def`: it stops the whole thread, so Green cannot even start until Blue
//! is done and the pair takes 3 s. Make the wait one that lets the other task run, so that
//! both start at once, Green finishes first, and everything is done in about 2 s.
//!
//! Grade: `cargo test -p ex_async_sleep` passes when this program prints what the Python
//! solution printed (golden/ex_async_sleep.out). Hint: `cargo run -p learn -- hint ex_async_sleep`.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::Instant;

async fn work(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    // A blocking wait: the whole thread, and so every task, waits for it.
    // (`vclock::thread::sleep` is `std::thread::sleep` that the grade can run on its
    // paused clock.)
    // TODO: wait without blocking, so that the other task runs in the meantime.
    vclock::thread::sleep(Duration::from_secs(sec));
    // `{:?}` prints a float the way Python does: 2.0, not 2.
    println!("Finishing {wid} in {:?}s", start.elapsed().as_secs_f64());
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    // asyncio.gather(...): each call runs as its own task, started in this order.
    try_join_all([
        tokio::spawn(work("Blue", 2)),
        tokio::spawn(work("Green", 1)),
    ])
    .await
    .expect("a task panicked");
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
