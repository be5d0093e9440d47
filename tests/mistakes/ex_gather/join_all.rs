//! ex_gather: futures::future::join_all over three count() futures.
//! verdict: pass
//! diagnosis: none

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
    join_all([count(), count(), count()]).await;
    let elapsed = start.elapsed().as_secs_f64();
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
