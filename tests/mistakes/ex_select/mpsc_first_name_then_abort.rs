//! ex_select: each racer spawned with a clone of an mpsc Sender, main takes the first name received and aborts the handles in order.
//! verdict: pass
//! diagnosis: none
//! The winner sends its name as it ends; main wakes at 3.5 s, aborts slow and medium, and
//! awaits their handles, so both say 'is cancelled' before 'first: fast'.

use std::time::Duration;

use tokio::sync::mpsc;
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

    // The others cancelled as soon as one is done: the first name sent wins.
    let (done, mut winners) = mpsc::unbounded_channel();
    let mut handles = Vec::new();
    for (name, seconds) in [("slow", 3), ("fast", 1), ("medium", 2)] {
        let done = done.clone();
        handles.push(tokio::spawn(async move {
            let name = racer(name, seconds).await;
            let _ = done.send(name);
        }));
    }
    let first = winners.recv().await.expect("a racer");
    for handle in &handles {
        handle.abort();
    }
    for handle in handles {
        let _ = handle.await;
    }
    println!("first: {first}, the others cancelled");
}
