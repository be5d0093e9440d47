//! Exercise `ex_spawn`: a spawned task runs without being awaited.
//!
//! Code-Maven's `async_task.py`: `answer()` prints "start to answer" and returns 42. Here
//! calling it only makes a future, and a future does nothing until it is awaited, so
//! "start to answer" comes after "before await for task", as in `co_routine`. Start it as
//! a task instead, as `asyncio.create_task` does: then it runs at the first await that
//! gives other tasks a turn, before anyone awaits it, and "start to answer" comes first.
//!
//! Grade: `cargo test -p ex_spawn` passes when this program prints what the Python
//! solution printed (golden/ex_spawn.out). Hint: `cargo run -p learn -- hint ex_spawn`.

// ANCHOR: main
async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    // TODO: start `answer()` as a task, so that it runs without waiting to be awaited.
    let a_task = answer();
    // Python prints the task's repr here; any line will do, the grade leaves it free.
    println!("{}", std::any::type_name_of_val(&a_task));

    // asyncio.sleep(0): to the back of the line of ready tasks (see the example
    // count_sleep_0 for why this yield_now and not tokio's).
    futures_lite::future::yield_now().await;
    println!("before await for task");

    let result = a_task.await;
    println!("result is {result} after await");
}
// ANCHOR_END: main
