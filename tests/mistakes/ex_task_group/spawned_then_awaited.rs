//! ex_task_group: three tasks spawned, then their handles awaited in turn.
//! verdict: pass
//! diagnosis: none
//! Awaiting in turn is fine here: all three already run side by side.

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
    let tasks = [
        tokio::spawn(coro_a()),
        tokio::spawn(coro_b()),
        tokio::spawn(coro_c()),
    ];
    let mut errors = Vec::new();
    for task in tasks {
        if let Err(error) = task.await.expect("a coroutine panicked") {
            errors.push(error);
        }
    }

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
