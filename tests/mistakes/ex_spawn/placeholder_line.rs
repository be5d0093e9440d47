//! ex_spawn: the task's line printed as a made-up Python repr, the lines written to a locked stdout.
//! verdict: pass
//! diagnosis: none

use std::io::Write;

async fn answer() -> u32 {
    println!("start to answer");
    42
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(answer());
    println!("<Task pending name='Task-2' coro=<answer()>>");

    futures_lite::future::yield_now().await;
    println!("before await for task");

    let result = a_task.await.expect("the task panicked");
    let mut out = std::io::stdout().lock();
    writeln!(out, "result is {result} after await").expect("stdout");
}
