//! Port of `sleep_loop_async.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a spawned task starts running on its own, whether or not anyone awaits it yet.
//! Four tasks are created in a loop and then awaited one by one, but all four sleep at the
//! same time: 1 s in all, not 4. Compare `sleep_loop`.

// ANCHOR: main
use std::time::Duration;

use tokio::time::Instant;

async fn sleep(cnt: u32, sec: u64) {
    println!("Start {cnt}");
    tokio::time::sleep(Duration::from_secs(sec)).await;
    println!("End {cnt}");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..4 {
        tasks.push(tokio::spawn(sleep(i, 1)));
    }
    for task in tasks {
        task.await.expect("a task panicked");
    }
    // `{:?}` prints a float the way Python does: 1.0, not 1.
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
