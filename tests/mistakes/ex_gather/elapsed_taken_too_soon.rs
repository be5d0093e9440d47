//! ex_gather: the counts gathered right, but the elapsed time read before waiting for them.
//! verdict: fail
//! diagnosis: wrong_time
//! The figure printed is 0.00: the time was taken at the start, not at the end.

use std::time::Duration;

use futures::future::join_all;
use tokio::time::{Instant, sleep};

async fn count() {
    println!("One");
    sleep(Duration::from_secs(1)).await;
    println!("Two");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    let counts = join_all([count(), count(), count()]);
    let elapsed = start.elapsed().as_secs_f64();
    counts.await;
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
