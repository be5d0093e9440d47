//! ex_select: three spawned tasks, main polls is_finished() on their handles with yield_now() between, then aborts the others.
//! verdict: pass
//! diagnosis: none
//! Python's `while not any(t.done() for t in tasks): await asyncio.sleep(0)`. A busy wait:
//! main never lets the runtime sit idle, but in real time the clock moves on by itself,
//! fast is done at 3.5 s, and every line comes at its instant (`cargo run` prints the
//! golden's lines, at its instants).

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

/// Says so when the racer is dropped before it is done: Python's `except CancelledError`.
struct Racing(&'static str);

impl Drop for Racing {
    fn drop(&mut self) {
        println!("{} is cancelled", self.0);
    }
}

async fn racer(name: &'static str, seconds: u64) -> &'static str {
    println!("{name} starts");
    let racing = Racing(name);
    sleep(Duration::from_secs(seconds)).await;
    std::mem::forget(racing); // done, not cancelled: no line from its Drop
    println!("{name} is done after {seconds} s");
    name
}

#[vclock::main]
async fn main() {
    // The others keep running: join_next only says which task is done first.
    let mut racers = JoinSet::new();
    racers.spawn(racer("slow", 3));
    racers.spawn(racer("fast", 1));
    racers.spawn(racer("medium", 2));
    let first = racers
        .join_next()
        .await
        .expect("a racer")
        .expect("no panic");
    println!("first: {first}, {} still running", racers.len());
    sleep(Duration::from_millis(1500)).await;
    racers.abort_all(); // does nothing to a task that is done
    while racers.join_next().await.is_some() {}

    // The others cancelled as soon as one is done: wait until one of them is finished.
    let handles = [
        tokio::spawn(racer("slow", 3)),
        tokio::spawn(racer("fast", 1)),
        tokio::spawn(racer("medium", 2)),
    ];
    while !handles.iter().any(|handle| handle.is_finished()) {
        tokio::task::yield_now().await;
    }
    let mut first = None;
    for handle in &handles {
        if !handle.is_finished() {
            handle.abort();
        }
    }
    for handle in handles {
        match handle.await {
            Ok(name) => first = Some(name),
            Err(error) if error.is_cancelled() => {}
            Err(error) => panic!("a racer panicked: {error}"),
        }
    }
    let first = first.expect("one racer is done");
    println!("first: {first}, the others cancelled");
}
