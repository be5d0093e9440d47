//! Port of `example.py` ("Async example") from the Code-Maven Python course (Gabor Szabo),
//! itself the `say_after` example of Python's asyncio documentation.
//!
//! Lesson: tasks run side by side. Both start at the first yield; hello after 1 s, world
//! after 2 s, and everything is finished 2 s after it started, not 3.

// ANCHOR: main
use std::time::Duration;

use tokio::time::sleep;

async fn say_after(delay: u64, what: &str) {
    println!("start {what}");
    sleep(Duration::from_secs(delay)).await;
    println!("{what}");
}

/// The time of day, as Python's `time.strftime('%X')`.
fn time_of_day() -> String {
    chrono::Local::now().format("%X").to_string()
}

#[vclock::main]
async fn main() {
    let task1 = tokio::spawn(say_after(1, "hello"));
    let task2 = tokio::spawn(say_after(2, "world"));

    // asyncio.sleep(0): to the back of the line of ready tasks, so both tasks start (see
    // count_sleep_0 for why this yield_now and not tokio's).
    futures_lite::future::yield_now().await;
    println!("started at {}", time_of_day());

    // Wait until both tasks are completed (about 2 seconds).
    task1.await.expect("task1 panicked");
    task2.await.expect("task2 panicked");

    println!("finished at {}", time_of_day());
}
// ANCHOR_END: main
