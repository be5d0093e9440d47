//! ex_spawn: the answer run on a blocking thread with spawn_blocking.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: A std::thread::sleep on the blocking thread is not one the grade can shift, so it is not run as a race; its order at the shared instant differs.
//! The answer runs on a thread of its own, which starts while main yields: main's next
//! line usually wins (48 of 50 runs in real time), sometimes not.

fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::task::spawn_blocking(answer);
    println!("{a_task:?}");

    futures_lite::future::yield_now().await;
    println!("before await for task");

    let result = a_task.await.expect("the task panicked");
    println!("result is {result} after await");
}
