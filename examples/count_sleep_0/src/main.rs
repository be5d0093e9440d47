//! Port of `count_sleep_0.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: tasks take turns only when they yield. Creating the tasks runs nothing yet
//! ("Before" and "After" come first); then A and B each print a line and yield, so their
//! lines alternate.
//!
//! Python's `asyncio.sleep(0)` puts the task at the back of the line of ready tasks. That
//! is what `futures_lite::future::yield_now` does on a current-thread runtime: it wakes its
//! own task at once, and a woken task joins the back of the queue. `tokio::task::yield_now`
//! also yields, but wakes the tasks that yielded together in no promised order (today, the
//! last one first), and A and B would not alternate.

// ANCHOR: main
use futures::future::try_join_all;

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        println!("{name} {cnt}");
        futures_lite::future::yield_now().await;
    }
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(count("A"));
    let b_task = tokio::spawn(count("B"));

    println!("Before");
    println!("After");

    try_join_all([a_task, b_task])
        .await
        .expect("a task panicked");
}
// ANCHOR_END: main
