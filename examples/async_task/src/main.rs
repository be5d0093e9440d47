//! Port of `async_task.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a spawned task is scheduled at once and runs as soon as the current task yields,
//! before anyone awaits it: "start to answer" comes before "before await for task".
//! Compare `co_routine`, where a bare future waits to be awaited.

// ANCHOR: main
async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(answer());
    // Python prints `<Task pending name='Task-2' …>`; tokio's JoinHandle shows the task's id.
    println!("{a_task:?}");

    // asyncio.sleep(0): to the back of the line of ready tasks, so the spawned one runs now
    // (see count_sleep_0 for why this yield_now and not tokio's).
    futures_lite::future::yield_now().await;
    println!("before await for task");

    let result = a_task.await.expect("the task panicked");
    println!("result is {result} after await");
}
// ANCHOR_END: main
