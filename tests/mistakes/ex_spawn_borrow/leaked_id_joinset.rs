//! ex_spawn_borrow: each id leaked into a &'static str (String::leak), the tasks in a JoinSet drained with join_next.
//! verdict: pass
//! diagnosis: none
//! A leaked String lives to the end of the program, so a borrow of it is 'static and
//! tokio::spawn takes it; three small strings never freed, which a teacher would frown
//! on, but the output is the original's.

use std::time::Duration;

use tokio::task::JoinSet;
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

async fn handle(id: &'static str, user: &'static str, seconds: f64) {
    REQUEST_ID
        .scope(id.to_owned(), async {
            log("start");
            load(user, seconds).await;
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
    let mut tasks = JoinSet::new();
    for (n, (user, seconds)) in (1..).zip(requests) {
        let id: &'static str = format!("req-{n}").leak();
        tasks.spawn(handle(id, user, seconds));
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a request panicked");
    }
    log("main ends"); // the tasks' ids never reached main
}
