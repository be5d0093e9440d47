//! ex_task_group: all three errors collected, then handled in the order they came, not by kind.
//! verdict: fail
//! diagnosis: tie_order
//! Grade: The original prints the handlers' lines at the same instant, in its own order.
//! The lines come at the right moment (2 s) but in the tasks' order of failing (C, A, B),
//! where except* handles ValueError, TypeError, IndexError in that order: a plain wrong
//! order, no timing cause.

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
    let mut errors = Vec::new();
    while let Some(done) = group.join_next().await {
        if let Err(error) = done.expect("a coroutine panicked") {
            errors.push(error);
        }
    }

    // Every error, handled once all are in, in the order they came.
    for error in errors {
        match error {
            CoroError::Value(message) => println!("[ValueError handled] {:?}", [message]),
            CoroError::Type(message) => println!("[TypeError handled] {:?}", [message]),
            CoroError::Index(message) => println!("[IndexError handled] {:?}", [message]),
        }
    }
}
