//! ex_spawn: answer() spawned, but the yield taken out as useless.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: Main keeps the thread at an instant where the original lets the task print first: an order of tasks ready together.
//! main never gives the task a turn before "before await for task": the task runs only at
//! the await.

async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(answer());
    println!("{a_task:?}");
    println!("before await for task");

    let result = a_task.await.expect("the task panicked");
    println!("result is {result} after await");
}
