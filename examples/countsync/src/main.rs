//! Port of `countsync.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: three blocking `count()` calls run one after another, each waiting its second
//! in full: One Two, One Two, One Two, in 3 s. Compare `countasync`.

// ANCHOR: main
use std::time::Duration;

// tokio's Instant is std's Instant, except that it follows tokio's clock when the tests
// pause it. vclock::thread::sleep is std::thread::sleep (see the README).
use tokio::time::Instant;
use vclock::thread::sleep;

fn count() {
    println!("One");
    sleep(Duration::from_secs(1));
    println!("Two");
}

#[vclock::main]
fn main() {
    let start = Instant::now();
    for _ in 0..3 {
        count();
    }
    let elapsed = start.elapsed().as_secs_f64();
    // Python prints its script's name (`__file__`); this prints the source file's.
    println!("{} executed in {elapsed:0.2} seconds.", file!());
}
// ANCHOR_END: main
