//! Port of `queued.py` from Real Python's "Python's asyncio: A Hands-On Walkthrough" (2025).
//!
//! Lesson: a queue decouples a producer from its consumers. The producer fetches users
//! concurrently and puts each in the queue as soon as it arrives; three consumers take
//! users in arrival order and fetch their posts. A `None` per consumer tells it to stop.
//! The delays come from a generator seeded like the original's, so they are the published
//! ones.

// ANCHOR: main
use std::time::Duration;

use async_channel::{Receiver, Sender};
use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

struct User {
    name: String,
}

/// What goes through the queue: a user, or `None` to tell a consumer to stop.
type Entry = Option<User>;

async fn producer(queue: Sender<Entry>, user_ids: Vec<u32>) {
    let fetch_user = |user_id: u32| {
        let queue = queue.clone();
        async move {
            let delay = pyrandom::uniform(0.5, 2.0);
            println!("Producer: fetching user by user_id={user_id}...");
            sleep(Duration::from_secs_f64(delay)).await;
            let user = User {
                name: format!("User{user_id}"),
            };
            println!("Producer: fetched user with user_id={user_id} (done in {delay:.1}s)");
            queue.send(Some(user)).await.expect("the queue is open");
        }
    };
    // asyncio.gather(...): one task per user, started in this order.
    try_join_all(user_ids.iter().map(|&uid| tokio::spawn(fetch_user(uid))))
        .await
        .expect("a fetch panicked");
    for _ in &user_ids {
        queue.send(None).await.expect("the queue is open"); // one stop sign per consumer
    }
}

async fn consumer(queue: Receiver<Entry>) {
    while let Ok(Some(user)) = queue.recv().await {
        let delay = pyrandom::uniform(0.5, 2.0);
        println!("Consumer: retrieving posts for {}...", user.name);
        sleep(Duration::from_secs_f64(delay)).await;
        let posts: Vec<String> = (1..3)
            .map(|i| format!("Post {i} by {}", user.name))
            .collect();
        println!(
            "Consumer: got {} posts by {} (done in {delay:.1}s):",
            posts.len(),
            user.name
        );
        for post in posts {
            println!("  - {post}");
        }
    }
}

#[vclock::main]
async fn main() {
    pyrandom::seed(444);
    // asyncio.Queue(): unbounded, and any consumer may take the next entry.
    let (queue, receiver) = async_channel::unbounded();
    let user_ids = vec![1, 2, 3];

    let start = Instant::now();
    // asyncio.gather(producer(...), consumer(...), ...): the producer first, then one
    // consumer per user.
    let mut tasks = vec![tokio::spawn(producer(queue, user_ids.clone()))];
    tasks.extend(
        user_ids
            .iter()
            .map(|_| tokio::spawn(consumer(receiver.clone()))),
    );
    try_join_all(tasks).await.expect("a task panicked");
    let end = start.elapsed().as_secs_f64();
    println!("\n==> Total time: {end:.2} seconds");
}
// ANCHOR_END: main
