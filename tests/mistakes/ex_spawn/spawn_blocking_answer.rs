//! ex_spawn: the answer run on a blocking thread with spawn_blocking.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: on the paused clock a thread of the blocking pool starts once the runtime has nothing
//! left to run, as it nearly always does in real time, and no real-time run regrades the order
//! (it would grade whichever won the race that time): it fails, every time.
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
