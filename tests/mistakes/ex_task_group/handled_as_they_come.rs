//! ex_task_group: every error kept, but each one handled (printed) as soon as it comes.
//! verdict: fail
//! diagnosis: wrong_time
//! IndexError at 0.5 s, ValueError at 1 s, TypeError at 2 s: the original handles them
//! all at 2.0 s, in the handlers' order.

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::sleep;

/// The three kinds of failure, named after the Python exceptions they stand for; each
/// carries its message.
#[derive(Debug)]
enum CoroError {
    Value(String),
    Type(String),
    Index(String),
}

async fn coro_a() -> Result<(), CoroError> {
    sleep(Duration::from_secs(1)).await;
    Err(CoroError::Value("Error in coro A".into()))
}

async fn coro_b() -> Result<(), CoroError> {
    sleep(Duration::from_secs(2)).await;
    Err(CoroError::Type("Error in coro B".into()))
}

async fn coro_c() -> Result<(), CoroError> {
    sleep(Duration::from_millis(500)).await;
    Err(CoroError::Index("Error in coro C".into()))
}

#[vclock::main]
async fn main() {
    let mut group = JoinSet::new();
    group.spawn(coro_a());
    group.spawn(coro_b());
    group.spawn(coro_c());
    while let Some(done) = group.join_next().await {
        match done.expect("a coroutine panicked") {
            Err(CoroError::Value(message)) => println!("[ValueError handled] {:?}", [message]),
            Err(CoroError::Type(message)) => println!("[TypeError handled] {:?}", [message]),
            Err(CoroError::Index(message)) => println!("[IndexError handled] {:?}", [message]),
            Ok(()) => {}
        }
    }
}
