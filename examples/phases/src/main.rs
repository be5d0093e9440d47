//! Port of `phases.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: a coroutine can await other coroutines in turn, and many such chains can run
//! side by side. Each `outer` runs phase 1, then phase 2 with phase 1's result; the three
//! outers overlap, so every phase 1 starts before any phase 2.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::sleep;

async fn phase1(callerid: char) -> String {
    println!("phase 1 called from {callerid}");
    sleep(Duration::from_secs(2)).await;
    "result1".to_owned()
}

async fn phase2(callerid: char, arg: String) -> String {
    println!("phase 2 called from {callerid}");
    sleep(Duration::from_secs(2)).await;
    format!("result2 derived from {arg}")
}

/// A wrapper for parameterizing a full coroutine.
async fn outer(callerid: char) -> (String, String) {
    println!("outer called from {callerid}");
    let r1 = phase1(callerid).await;
    let r2 = phase2(callerid, r1.clone()).await;
    (r1, r2)
}

#[vclock::main]
async fn main() {
    // Wrap the coroutines into tasks and run them: asyncio.gather(...).
    let results = try_join_all("ABC".chars().map(|id| tokio::spawn(outer(id))))
        .await
        .expect("an outer panicked");
    // The original returns the results without printing them.
    let _ = results;
}
// ANCHOR_END: main
