//! Exercise `ex_create_task`: spawn before you await.
//!
//! The AsyncIO notebook's cell on `asyncio.create_task`: two greets, one that waits 1 s and
//! one that waits 2 s, run twice. `main_await` awaits them one after the other and takes
//! 3 s; that is its point, leave it as it is. `main_create_task` should show the other way,
//! but it awaits each greet in turn too, so it also takes 3 s. Start both greets as tasks
//! before waiting for either, so that both say Hello at once and the pair takes about 2 s.
//!
//! Grade: `cargo test -p ex_create_task` passes when this program prints what the Python
//! solution printed (golden/ex_create_task.out). Hint: `cargo run -p learn -- hint ex_create_task`.

// ANCHOR: main
use std::time::Duration;

use tokio::time::{Instant, sleep};

async fn greet_async(wait: u64, name: &str) {
    println!("[async] Hello");
    sleep(Duration::from_secs(wait)).await;
    println!("[async] {name}");
}

// The original's `main`; in Rust that name belongs to the program's entry point below.
async fn main_await() {
    let s = Instant::now();
    greet_async(1, "Juan").await;
    greet_async(2, "Sebastian").await;
    // `{:?}` prints a float the way Python does: 3.0, not 3.
    println!("[main] finished in {:?}", s.elapsed().as_secs_f64());
}

async fn main_create_task() {
    let s = Instant::now();
    // Awaiting a greet runs it to the end: the second one starts only when the first is done.
    // TODO: start both greets as tasks first, then wait until both are completed.
    greet_async(1, "Juan").await;
    greet_async(2, "Sebastian").await;

    println!(
        "[main_create_task] finished in {:?}",
        s.elapsed().as_secs_f64()
    );
}

#[vclock::main]
async fn main() {
    main_await().await;
    main_create_task().await;
}
// ANCHOR_END: main
