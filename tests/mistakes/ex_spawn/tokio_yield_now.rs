//! ex_spawn: tokio::task::yield_now() where asyncio.sleep(0) was.
//! verdict: pass
//! diagnosis: none
//! tokio's yield_now puts main behind the ready tasks too: with only the spawned task
//! ready, it runs first, as asyncio.sleep(0) lets it (50 runs in real time, all right).

async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(answer());
    println!("{a_task:?}");

    tokio::task::yield_now().await;
    println!("before await for task");

    let result = a_task.await.expect("the task panicked");
    println!("result is {result} after await");
}
