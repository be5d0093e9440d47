//! ex_sleep_0: time.sleep(0) translated: std::thread::sleep(Duration::ZERO) after each line.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: std::thread::sleep(0) gives no other task a turn: at the same instant the lines come in another order.
//! A blocking sleep is no await: A counts to 9 before B starts.

use std::time::Duration;

use futures::future::try_join_all;

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        println!("{name} {cnt}");
        std::thread::sleep(Duration::ZERO);
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
