//! Port of examples/bounded/original.py (this project's own original).
//!
//! Lesson: `asyncio.Semaphore(limit)` lets at most `limit` coroutines into an
//! `async with semaphore:` block at once; the others wait at its door, in the order they
//! came. Its tokio twin is `tokio::sync::Semaphore`: `acquire().await` waits for a permit
//! (fairly, first come first served), and the permit goes back when it is dropped, at the
//! end of its scope, as the `async with` block ends. Here six pages of the local site, whose
//! bodies take from 0.3 to 1.8 s, are fetched by six tasks, at most LIMIT (default 2) at
//! once: each prints how many fetches are in flight when it starts and when it is done.
//! Where they differ: the tasks are spawned, so they share the semaphore and the count
//! through an `Arc` (tokio may run tasks on other threads; asyncio's coroutines share one),
//! and the count is an atomic, not a plain global. The original fetches with the blocking
//! `urllib` in `asyncio.to_thread`; the port's client (reqwest, through `crates/webfetch`)
//! is async, and one client serves every request.
//!
//! Usage: `cargo run -p bounded -- http://127.0.0.1:8080 2`, with the site running
//! (`cargo run -p site -- --port 8080`).

// ANCHOR: main
use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use webfetch::{Client, get_text, title};

/// Each page's delay in ms, chosen so that no two fetches end at the same moment.
const DELAYS: [u64; 6] = [1800, 300, 600, 600, 600, 600];
const USAGE: &str =
    "usage: bounded BASE_URL [LIMIT] (an http:// or https:// URL, a whole number from 1 to 100)";

/// Fetches page `n`, holding one of the semaphore's permits while it does. Returns how many
/// fetches were in flight when it started, and whether it succeeded.
async fn fetch(
    n: usize,
    url: String,
    client: Client,
    semaphore: Arc<Semaphore>,
    in_flight: Arc<AtomicUsize>,
) -> (usize, bool) {
    // `async with semaphore:` waits here while LIMIT fetches hold a permit.
    let _permit = semaphore
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let now = in_flight.fetch_add(1, SeqCst) + 1;
    println!("start {n} ({now} in flight)");
    let page = get_text(&client, &url).await;
    let title = match &page {
        Ok(html) => title(html).unwrap_or_else(|| "Missing".to_owned()),
        Err(cause) => {
            // Lost if stderr cannot take it, and nothing else (eprintln! would end the run).
            let _ = writeln!(io::stderr(), "error: {url}: {cause}");
            "failed".to_owned()
        }
    };
    let left = in_flight.fetch_sub(1, SeqCst) - 1;
    println!("done {n}: {title} ({left} in flight)");
    (now, page.is_ok())
    // `_permit` is dropped here: the next fetch waiting at the semaphore goes in.
}

#[vclock::main]
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let Some((base, limit)) = arguments(std::env::args().skip(1).collect()) else {
        eprintln!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    let client = webfetch::client(Duration::from_secs(10))?;
    let semaphore = Arc::new(Semaphore::new(limit));
    let in_flight = Arc::new(AtomicUsize::new(0));
    // asyncio.gather: every fetch is a task from the start; the semaphore holds them back.
    let mut fetches = JoinSet::new();
    for (n, ms) in DELAYS.into_iter().enumerate() {
        let url = format!("{base}/slow?ms={ms}");
        let (client, semaphore, in_flight) = (client.clone(), semaphore.clone(), in_flight.clone());
        fetches.spawn(fetch(n, url, client, semaphore, in_flight));
    }
    let results = fetches.join_all().await;
    let most = results.iter().map(|(now, _)| now).max().unwrap_or(&0);
    println!("{} pages, at most {most} in flight", DELAYS.len());
    let failed = results.iter().any(|(_, ok)| !ok);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// BASE_URL and LIMIT, as the original reads them; `None` for anything else.
fn arguments(args: Vec<String>) -> Option<(String, usize)> {
    let (base, limit) = match args.as_slice() {
        [base] => (base, "2"),
        [base, limit] => (base, limit.as_str()),
        _ => return None,
    };
    let url = base.starts_with("http://") || base.starts_with("https://");
    let digits = !limit.is_empty() && limit.bytes().all(|b| b.is_ascii_digit());
    let limit: usize = limit.parse().ok().filter(|l| (1..=100).contains(l))?;
    (url && digits).then(|| (base.trim_end_matches('/').to_owned(), limit))
}
// ANCHOR_END: main
