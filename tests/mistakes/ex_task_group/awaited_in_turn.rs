//! ex_task_group: each coroutine awaited in turn, every Err kept.
//! verdict: fail
//! diagnosis: wrong_time
//! Grade: Shown as lines coming late (3.5 s where the original ends at 2.0 s), with advice naming awaits in turn.
//! The three lines are right, but they come after 3.5 s (1 + 2 + 0.5); the original
//! prints them after 2.0 s. No figure is printed: only the instants show it. That they
//! come late (wrong_time) is the symptom; the waits in turn are the cause.

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
    let mut errors = Vec::new();
    for result in [coro_a().await, coro_b().await, coro_c().await] {
        if let Err(error) = result {
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
