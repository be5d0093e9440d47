//! Port of `hello_world` from the Asynchronous Programming notebook (seed 002), its first
//! code example.
//!
//! Lesson: a coroutine runs on an event loop and pauses at `await`. `hello_world` prints,
//! awaits a 1 s sleep that stands for I/O, then prints again. `#[vclock::main]` (in your own
//! program, `#[tokio::main]`) builds the runtime and runs `main` on it, as `asyncio.run` does.

// ANCHOR: main
use std::time::Duration;

use tokio::time::sleep;

async fn hello_world() {
    println!("Hello");
    // Stands for an I/O operation: the loop could run other tasks meanwhile.
    sleep(Duration::from_secs(1)).await;
    println!("World");
}

#[vclock::main]
async fn main() {
    hello_world().await;
}
// ANCHOR_END: main
