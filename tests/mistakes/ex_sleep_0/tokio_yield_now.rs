//! ex_sleep_0: tokio::task::yield_now() where asyncio.sleep(0) was.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: tokio's yield_now promises no place in the queue: tasks ready together run in another order than asyncio's.
//! A tie tokio does not order: tasks that yield together are woken in no promised order
//! (today B before A, then A before B...). The same wrong order in 50 of 50 runs in real
//! time: it is not random, but nothing the program says decides it.

use futures::future::try_join_all;

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        println!("{name} {cnt}");
        tokio::task::yield_now().await;
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
