//! Port of `print_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: blocking calls finish in the order they are made. First waits 2 s and prints,
//! then Second waits 1 s and prints: 3 s in all. Compare `print_async`.

// ANCHOR: main
use std::time::Duration;

// tokio's Instant is std's Instant, except that it follows tokio's clock when the tests
// pause it. vclock::thread::sleep is std::thread::sleep (see the README).
use tokio::time::Instant;
use vclock::thread::sleep;

fn say(text: &str, sec: u64) {
    sleep(Duration::from_secs(sec));
    println!("{text}");
}

#[vclock::main]
fn main() {
    let start = Instant::now();
    say("First", 2);
    say("Second", 1);
    // `{:?}` prints a float the way Python does: 3.0, not 3.
    println!("Elapsed: {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
