//! ex_sleep_0: the yield is right, but A is awaited before B is spawned.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: The lines differ at an instant where the original prints several: tasks ready together, in another order.
//! A yields after every line, but no other task exists to take a turn.

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

    println!("Before");
    println!("After");

    a_task.await.expect("A panicked");
    tokio::spawn(count("B")).await.expect("B panicked");
}
