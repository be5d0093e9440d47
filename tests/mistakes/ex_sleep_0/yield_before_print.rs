//! ex_sleep_0: the yield at the top of the loop, before each line instead of after it.
//! verdict: fail
//! diagnosis: tie_order
//! Both tasks print "start" before either prints a number: each number comes one turn late.

use futures::future::try_join_all;

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        futures_lite::future::yield_now().await;
        println!("{name} {cnt}");
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
