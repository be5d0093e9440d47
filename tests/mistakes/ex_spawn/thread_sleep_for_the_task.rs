//! ex_spawn: a short std::thread::sleep instead of the yield, to give the task time to run.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: The sleep is shorter than the 250 ms the grade counts as blocking work; at the shared instant the lines come in another order.
//! The sleep blocks the runtime's only thread, so the task cannot run during it.

use std::time::Duration;

async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(answer());
    println!("{a_task:?}");

    std::thread::sleep(Duration::from_millis(10));
    println!("before await for task");

    let result = a_task.await.expect("the task panicked");
    println!("result is {result} after await");
}
