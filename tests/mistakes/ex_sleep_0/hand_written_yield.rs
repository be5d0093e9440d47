//! ex_sleep_0: a yield written by hand: a future that wakes itself and is pending once.
//! verdict: pass
//! diagnosis: none

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::try_join_all;

/// asyncio.sleep(0): pending once, and ready again at once, behind the other ready tasks.
struct SleepZero {
    yielded: bool,
}

impl Future for SleepZero {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn count(name: &str) {
    println!("start {name}");
    for cnt in 0..10 {
        println!("{name} {cnt}");
        SleepZero { yielded: false }.await;
    }
}

#[vclock::main]
async fn main() {
    let a_task = tokio::spawn(count("A"));
    let b_task = tokio::spawn(count("B"));

    println!("Before");
    println!("After");

    try_join_all([a_task, b_task])
        .await
        .expect("a task panicked");
}
