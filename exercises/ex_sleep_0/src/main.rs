//! Exercise `ex_sleep_0`: take turns, like sleep(0).
//!
//! Code-Maven's `count_sleep_0.py`: two tasks, A and B, each print a line and count to 9.
//! Here the count never awaits, so a task that starts counting keeps the thread until it
//! is done: A prints all its numbers before B even starts. Make each task step aside after
//! every number, as `await asyncio.sleep(0)` does, so that the lines alternate: A 0, B 0,
//! A 1, B 1, and so on. Which way of yielding you pick matters: see the hint.
//!
//! Grade: `cargo test -p ex_sleep_0` passes when this program prints what the Python
//! solution printed (golden/ex_sleep_0.out). Hint: `cargo run -p learn -- hint ex_sleep_0`.

// ANCHOR: main
use futures::future::try_join_all;

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        println!("{name} {cnt}");
        // TODO: give the other task a turn here, as asyncio.sleep(0) does.
    }
}

#[vclock::main]
async fn main() {
    // asyncio.create_task: the tasks start running at main's first await, not before.
    let a_task = tokio::spawn(count("A"));
    let b_task = tokio::spawn(count("B"));

    println!("Before");
    println!("After");

    try_join_all([a_task, b_task])
        .await
        .expect("a task panicked");
}
// ANCHOR_END: main
