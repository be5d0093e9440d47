//! ex_task_group: tokio::join! on the three, every Err kept.
//! verdict: pass
//! diagnosis: none

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
    let (a, b, c) = tokio::join!(coro_a(), coro_b(), coro_c());
    let errors: Vec<CoroError> = [a, b, c].into_iter().filter_map(Result::err).collect();

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
