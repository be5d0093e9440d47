//! Port of the `say_after` example that uses the event loop directly, from the Asynchronous
//! Programming notebook (seed 002).
//!
//! Lesson: what `#[tokio::main]` does for you (in these examples, `#[vclock::main]`), done by
//! hand. The program builds a runtime, blocks on the main future until it is done, and shuts
//! the runtime down: asyncio's `get_event_loop`, `run_until_complete` and `close`. Inside,
//! `Handle::current()` is the running loop, and spawning on it is `loop.create_task`. As the
//! notebook says, this is the less common form; prefer the attribute.

// ANCHOR: main
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::time::sleep;

async fn say_after(delay: u64, what: &str) {
    sleep(Duration::from_secs(delay)).await;
    println!("{what}");
}

// The original's `main`; in Rust that name belongs to the program's entry point below.
async fn async_main() {
    // The runtime this future runs on, like asyncio.get_event_loop() inside a coroutine.
    let runtime = Handle::current();
    let task = runtime.spawn(say_after(1, "hello"));
    task.await.expect("the task panicked");
}

fn main() {
    // A single-threaded runtime, like asyncio's event loop, with timers enabled.
    let runtime = vclock::runtime::new_current_thread()
        .enable_time()
        .build()
        .expect("failed to build the runtime");
    runtime.block_on(async_main());
    // loop.close(): nothing is left to run; a task still pending would be dropped.
    runtime.shutdown_background();
}
// ANCHOR_END: main
