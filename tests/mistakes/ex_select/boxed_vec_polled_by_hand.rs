//! ex_select: select! written by hand: the racers boxed in a Vec, polled in order with poll_fn, the Vec dropped before printing.
//! verdict: pass
//! diagnosis: none
//! A Vec drops its elements first to last: slow, then medium, as select! drops its
//! branches, and both say 'is cancelled' before 'first: fast'.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;
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

    // The others cancelled as soon as one is done: poll each in turn, keep the first result.
    type Racer = Pin<Box<dyn Future<Output = &'static str>>>;
    let mut racers: Vec<Racer> = vec![
        Box::pin(racer("slow", 3)),
        Box::pin(racer("fast", 1)),
        Box::pin(racer("medium", 2)),
    ];
    let first = std::future::poll_fn(|cx| {
        for racer in racers.iter_mut() {
            if let Poll::Ready(name) = racer.as_mut().poll(cx) {
                return Poll::Ready(name);
            }
        }
        Poll::Pending
    })
    .await;
    drop(racers);
    println!("first: {first}, the others cancelled");
}
