//! Exercise `ex_task_group`: a task group and its errors.
//!
//! Real Python's `except_group.py` runs three coroutines that each fail with an error of
//! their own kind, after half a second, one second and two seconds. This program waits for
//! them the way `asyncio.gather` does without `return_exceptions=True`: the first error ends
//! the wait, so only coro C's IndexError, the quickest, is ever handled. Let every one of the
//! three run to its end and keep all their errors, so that each kind is handled once, in the
//! handlers' order: the ValueError, then the TypeError, then the IndexError.
//!
//! Grade: `cargo test -p ex_task_group` passes when this program prints what the Python
//! solution printed (golden/ex_task_group.out). Hint: `cargo run -p learn -- hint ex_task_group`.

// ANCHOR: main
use std::time::Duration;

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
    // asyncio.gather(coro_a(), coro_b(), coro_c()): run the three together. The first
    // error ends the wait, and the coroutines still running are dropped.
    // TODO: wait for all three and keep every error, not only the first.
    let errors: Vec<CoroError> = match tokio::try_join!(coro_a(), coro_b(), coro_c()) {
        Ok(_) => Vec::new(),
        Err(error) => vec![error],
    };

    // Sort the errors by kind, then run one handler per kind, like Python's
    // `except* ValueError`, `except* TypeError`, `except* IndexError`.
    let (mut value, mut type_, mut index) = (Vec::new(), Vec::new(), Vec::new());
    for error in errors {
        match error {
            CoroError::Value(message) => value.push(message),
            CoroError::Type(message) => type_.push(message),
            CoroError::Index(message) => index.push(message),
        }
    }
    if !value.is_empty() {
        println!("[ValueError handled] {value:?}");
    }
    if !type_.is_empty() {
        println!("[TypeError handled] {type_:?}");
    }
    if !index.is_empty() {
        println!("[IndexError handled] {index:?}");
    }
}
// ANCHOR_END: main
