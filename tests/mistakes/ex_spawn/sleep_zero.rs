//! ex_spawn: tokio::time::sleep(Duration::ZERO) where asyncio.sleep(0) was.
//! verdict: pass
//! diagnosis: none
//! On tokio's paused clock sleep(Duration::ZERO) does not yield; in real time, as `cargo
//! run` runs it, it waits for the next millisecond, and the task runs first (50 runs, all
//! right).

use std::time::Duration;

async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(answer());
    println!("{a_task:?}");

    tokio::time::sleep(Duration::ZERO).await;
    println!("before await for task");

    let result = a_task.await.expect("the task panicked");
    println!("result is {result} after await");
}
