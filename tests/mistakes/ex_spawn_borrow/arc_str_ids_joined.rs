//! ex_spawn_borrow: the ids made Arc<str>, the task-local an Arc<str> too, and the request tasks awaited with tokio::join! on their handles.
//! verdict: pass
//! diagnosis: none
//! Each task owns a reference-counted id; cloning it for the audit copies a pointer, not
//! the text.

use std::sync::Arc;
use std::time::Duration;

use tokio::time::sleep;

tokio::task_local! {
    static REQUEST_ID: Arc<str>;
}

fn log(message: &str) {
    let id = REQUEST_ID.try_with(Arc::clone);
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

async fn handle(id: Arc<str>, user: &'static str, seconds: f64) {
    REQUEST_ID
        .scope(id, async {
            log("start");
            load(user, seconds).await;
            let audit = REQUEST_ID.scope(REQUEST_ID.get(), audit(user));
            tokio::spawn(audit).await.expect("the audit panicked");
            log("done");
        })
        .await
}

fn request(n: usize, user: &'static str, seconds: f64) -> tokio::task::JoinHandle<()> {
    let id: Arc<str> = Arc::from(format!("req-{n}"));
    tokio::spawn(handle(id, user, seconds))
}

#[vclock::main]
async fn main() {
    log("main starts");
    let (ada, bob, cy) = tokio::join!(
        request(1, "ada", 0.3),
        request(2, "bob", 0.1),
        request(3, "cy", 0.2),
    );
    ada.and(bob).and(cy).expect("a request panicked");
    log("main ends"); // the tasks' ids never reached main
}
