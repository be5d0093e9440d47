//! ex_spawn_borrow: the id set around the spawn (sync_scope), as Python sets a ContextVar before create_task, and handle given no id.
//! verdict: fail
//! diagnosis: panicked
//! A tokio task inherits no task-local: the scope covers only the call that spawns, so each
//! request logs `[-] start`, and at 0.1 s bob's `REQUEST_ID.get()` for the audit panics
//! ("cannot access a task-local storage value without setting it first"), and main's expect
//! with it: exit code 101. The panic names the cause, the id never set in the task.

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

async fn handle(user: &'static str, seconds: f64) {
    log("start");
    load(user, seconds).await;
    // A spawned task inherits nothing: hand it the id, as create_task copies it.
    let audit = REQUEST_ID.scope(REQUEST_ID.get(), audit(user));
    tokio::spawn(audit).await.expect("the audit panicked");
    log("done");
}

#[vclock::main]
async fn main() {
    log("main starts");
    let requests = [("ada", 0.3), ("bob", 0.1), ("cy", 0.2)];
    let mut tasks = Vec::new();
    for (n, (user, seconds)) in (1..).zip(requests) {
        let id = format!("req-{n}");
        // request_id.set(rid), then create_task: the task runs with the id.
        let task = REQUEST_ID.sync_scope(id, || tokio::spawn(handle(user, seconds)));
        tasks.push(task);
    }
    try_join_all(tasks).await.expect("a request panicked");
    log("main ends"); // the tasks' ids never reached main
}
