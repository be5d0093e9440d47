//! ex_spawn: the task awaited right after its line is printed, before the yield.
//! verdict: pass
//! diagnosis: none
//! The await gives the task its turn as the yield would: nothing else is waiting.

async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(answer());
    println!("{a_task:?}");
    let result = a_task.await.expect("the task panicked");

    futures_lite::future::yield_now().await;
    println!("before await for task");
    println!("result is {result} after await");
}
