//! ex_spawn: answer() kept as a plain future, only boxed and pinned, never spawned.
//! verdict: fail
//! diagnosis: tie_order
//! A future runs only when awaited: "start to answer" comes at the await, after
//! "before await for task", not at the yield.

async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = Box::pin(answer());
    println!("{}", std::any::type_name_of_val(&a_task));

    futures_lite::future::yield_now().await;
    println!("before await for task");

    let result = a_task.await;
    println!("result is {result} after await");
}
