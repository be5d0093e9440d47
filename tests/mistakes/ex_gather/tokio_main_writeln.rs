//! ex_gather: #[tokio::main] instead of #[vclock::main], tokio::join!, writeln! on a locked stdout.
//! verdict: pass
//! diagnosis: none
//! Without vclock the grade cannot pause the clock: the program runs in real time there
//! too, and is right.

use std::io::Write;
use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn count() {
    writeln!(std::io::stdout().lock(), "One").unwrap();
    sleep(Duration::from_secs(1)).await;
    writeln!(std::io::stdout().lock(), "Two").unwrap();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    tokio::join!(count(), count(), count());
    let elapsed = start.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    writeln!(out, "{} executed in {elapsed:0.2} seconds.", file!()).unwrap();
}
