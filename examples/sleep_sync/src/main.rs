//! Port of `sleep_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: blocking waits happen one after another. First waits 2 s, then Second waits 1 s:
//! 3 s in all. Compare `sleep_async`.

// ANCHOR: main
use std::time::Duration;

// tokio's Instant is std's Instant, except that it follows tokio's clock when the tests
// pause it. vclock::thread::sleep is std::thread::sleep (see the README).
use tokio::time::Instant;
use vclock::thread::sleep;

fn say(wid: &str, sec: u64) {
    let start = Instant::now();
    println!("Starting {wid} that will take {sec}s");
    sleep(Duration::from_secs(sec));
    // `{:?}` prints a float the way Python does: 2.0, not 2.
    println!("Finishing {wid} in {:?}s", start.elapsed().as_secs_f64());
}

#[vclock::main]
fn main() {
    let start = Instant::now();
    say("First", 2);
    say("Second", 1);
    println!("Elapsed: {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
