//! Port of `sleep_loop_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a loop of blocking sleeps takes the sum of them: four 1-second sleeps, 4 s.
//! Compare `async_sleep_loop`.

// ANCHOR: main
use std::time::Duration;

// tokio's Instant is std's Instant, except that it follows tokio's clock when the tests
// pause it. vclock::thread::sleep is std::thread::sleep (see the README).
use tokio::time::Instant;

fn sleep(cnt: u32, sec: u64) {
    println!("Start {cnt}");
    vclock::thread::sleep(Duration::from_secs(sec));
    println!("End {cnt}");
}

#[vclock::main]
fn main() {
    let start = Instant::now();
    for i in 0..4 {
        sleep(i, 1);
    }
    // `{:?}` prints a float the way Python does: 4.0, not 4.
    println!("Elapsed {:?}", start.elapsed().as_secs_f64());
}
// ANCHOR_END: main
