//! Port of `asyncsleep` from the Asyncio notebook (seed 001), its "Async delay" cell.
//!
//! Lesson: tasks spawned on an event loop wait at the same time. The 3 s and 2 s sleeps both
//! start at once, so the 2 s one finishes first and the whole takes 3 s, not 5. Compare
//! `syncsleep`.
//!
//! The notebook asks for the event loop and creates the tasks on it by hand. Here that loop
//! is a tokio runtime built explicitly, and `Runtime::spawn` is `loop.create_task`.

// ANCHOR: main
use std::time::Duration;

use tokio::time::sleep;

async fn asyncsleep(delay: u64) {
    println!("Sleeping for {delay} seconds");
    sleep(Duration::from_secs(delay)).await;
    println!("Finished sleeping for {delay} seconds");
}

fn main() {
    // The event loop: a single-threaded runtime, like asyncio's, with timers enabled.
    let runtime = vclock::runtime::new_current_thread()
        .enable_time()
        .build()
        .expect("failed to build the runtime");

    let three = runtime.spawn(asyncsleep(3));
    let two = runtime.spawn(asyncsleep(2));

    // In the notebook the loop was already running, so the tasks went on in the background.
    // A program must run its runtime itself: here, until both tasks are done.
    runtime.block_on(async {
        three.await.expect("a task panicked");
        two.await.expect("a task panicked");
    });
}
// ANCHOR_END: main
