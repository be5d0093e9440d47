//! ex_gather: three counts spawned, their handles dropped; main ends at once.
//! verdict: fail
//! diagnosis: ended_early

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
        tokio::spawn(count());
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
