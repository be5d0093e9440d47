//! Exercise `ex_spawn_borrow`: a spawned task owns what it holds.
//!
//! The program of `task_local`: three requests side by side, each logging with its own
//! request id (a `tokio::task_local!`, asyncio's `ContextVar`), across its awaits. Each id
//! is made in `main`'s loop and lent to its task as `&id`, as Python passes a string. It
//! does not compile: `tokio::spawn`, like `asyncio.create_task`, starts a task that may
//! outlive the loop that made `id`, so it takes only what the task can own (`'static`),
//! and `id` is dropped at the end of each turn of the loop. Give each task its own id.
//!
//! Grade: `cargo test -p ex_spawn_borrow` passes when this program compiles and prints what
//! the Python original printed (golden/task_local.out). Hint:
//! `cargo run -p learn -- hint ex_spawn_borrow`.

// ANCHOR: main
use std::time::Duration;

use futures::future::try_join_all;
use tokio::time::sleep;

tokio::task_local! {
    static REQUEST_ID: String;
}

fn log(message: &str) {
    let id = REQUEST_ID.try_with(String::clone);
    println!("[{}] {message}", id.as_deref().unwrap_or("-"));
}

async fn audit(user: &str) {
    sleep(Duration::from_millis(50)).await;
    log(&format!("audit: {user} was served"));
}

async fn load(user: &str, seconds: f64) {
    log(&format!("loading {user}"));
    sleep(Duration::from_secs_f64(seconds)).await;
    log(&format!("loaded {user}"));
}

async fn handle(id: &str, user: &'static str, seconds: f64) {
    // request_id.set(rid): the id holds for this future, across all its awaits.
    REQUEST_ID
        .scope(id.to_owned(), async {
            log("start");
            load(user, seconds).await;
            // A spawned task inherits nothing: hand it the id, as create_task copies it.
            let audit = REQUEST_ID.scope(REQUEST_ID.get(), audit(user));
            tokio::spawn(audit).await.expect("the audit panicked");
            log("done");
        })
        .await
}

#[vclock::main]
async fn main() {
    log("main starts");
    let requests = [("ada", 0.3), ("bob", 0.1), ("cy", 0.2)];
    let mut tasks = Vec::new();
    for (n, (user, seconds)) in (1..).zip(requests) {
        let id = format!("req-{n}");
        // TODO: `&id` is borrowed from this turn of the loop, which ends before the task
        // does. Hand the task an id it owns.
        tasks.push(tokio::spawn(handle(&id, user, seconds)));
    }
    try_join_all(tasks).await.expect("a request panicked");
    log("main ends"); // the tasks' ids never reached main
}
// ANCHOR_END: main
