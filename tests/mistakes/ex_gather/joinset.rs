//! ex_gather: three tasks in a JoinSet, joined as they end.
//! verdict: pass
//! diagnosis: none

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

async fn count() {
    println!("One");
    sleep(Duration::from_secs(1)).await;
    println!("Two");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    let mut counts = JoinSet::new();
    for _ in 0..3 {
        counts.spawn(count());
    }
    while let Some(done) = counts.join_next().await {
        done.expect("a count panicked");
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
