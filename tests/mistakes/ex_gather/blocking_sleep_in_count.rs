//! ex_gather: tokio::join! on the three, but count() sleeps with std::thread::sleep.
//! verdict: fail
//! diagnosis: held_the_loop
//! join! would run them together; the blocking sleep keeps each count on the thread.

use std::time::Duration;

use tokio::time::Instant;

async fn count() {
    println!("One");
    std::thread::sleep(Duration::from_secs(1));
    println!("Two");
}

#[vclock::main]
async fn main() {
    let start = Instant::now();
    tokio::join!(count(), count(), count());
    let elapsed = start.elapsed().as_secs_f64();
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
