//! ex_gather: each count spawned as a task, but its handle awaited at once, in the loop.
//! verdict: fail
//! diagnosis: one_after_another

use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn count() {
    println!("One");
    sleep(Duration::from_secs(1)).await;
    println!("Two");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    for _ in 0..3 {
        tokio::spawn(count()).await.expect("a count panicked");
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
