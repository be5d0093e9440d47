//! ex_spawn_borrow: no spawn for the requests: the ids kept in a Vec, the borrowing futures joined.
//! verdict: pass
//! diagnosis: none
//! join_all polls the three futures side by side in main's own task, as gather would run
//! three coroutines; they may borrow, since the Vec of ids outlives the join.

use std::time::Duration;

use futures::future::join_all;
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
    let ids: Vec<String> = (1..=requests.len()).map(|n| format!("req-{n}")).collect();
    let futures = ids
        .iter()
        .zip(requests)
        .map(|(id, (user, seconds))| handle(id, user, seconds));
    join_all(futures).await;
    log("main ends"); // the tasks' ids never reached main
}
