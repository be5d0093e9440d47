//! Port of `syncsleep` from the Asyncio notebook (seed 001), its "Sync delay" cell.
//!
//! Lesson: a blocking wait holds up everything after it. The 2 s sleep finishes before the
//! 1 s one starts, so the calls run strictly in turn: 3 s in all. Compare `asyncsleep`.

// ANCHOR: main
use std::time::Duration;

// vclock::thread::sleep is std::thread::sleep (see the README).
use vclock::thread::sleep;

fn syncsleep(delay: u64) {
    println!("Sleeping for {delay} seconds");
    sleep(Duration::from_secs(delay));
    println!("Finished sleeping for {delay} seconds");
}

#[vclock::main]
fn main() {
    syncsleep(2);
    syncsleep(1);
}
// ANCHOR_END: main
