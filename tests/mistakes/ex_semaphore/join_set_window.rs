//! ex_semaphore: no semaphore: main keeps a JoinSet of at most LIMIT fetches, and spawns the next one each time join_next gives back a finished one.
//! verdict: pass
//! diagnosis: none
//! The window is the bound: a fetch is spawned only when one has ended, in list order, as
//! the semaphore would let the next one in.

use std::error::Error;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use tokio::task::JoinSet;
use webfetch::{Client, get_text, title};

/// Each page's delay in ms, chosen so that no two fetches end at the same moment.
const DELAYS: [u64; 6] = [1800, 300, 600, 600, 600, 600];
const USAGE: &str =
    "usage: bounded BASE_URL [LIMIT] (an http:// or https:// URL, a whole number from 1 to 100)";

/// Fetches page `n`. Returns how many fetches were in flight when it started, and whether
/// it succeeded.
async fn fetch(
    n: usize,
    url: String,
    client: Client,
    in_flight: Arc<AtomicUsize>,
) -> (usize, bool) {
    // TODO: wait here while LIMIT fetches are in flight, as `async with semaphore:` does.
    let now = in_flight.fetch_add(1, SeqCst) + 1;
    println!("start {n} ({now} in flight)");
    let page = get_text(&client, &url).await;
    let title = match &page {
        Ok(html) => title(html).unwrap_or_else(|| "Missing".to_owned()),
        Err(cause) => {
            eprintln!("error: {url}: {cause}");
            "failed".to_owned()
        }
    };
    let left = in_flight.fetch_sub(1, SeqCst) - 1;
    println!("done {n}: {title} ({left} in flight)");
    (now, page.is_ok())
}

#[vclock::main]
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let Some((base, limit)) = arguments(std::env::args().skip(1).collect()) else {
        eprintln!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    let client = webfetch::client(Duration::from_secs(10))?;
    let in_flight = Arc::new(AtomicUsize::new(0));
    let mut fetches = JoinSet::new();
    let mut results = Vec::new();
    for (n, ms) in DELAYS.into_iter().enumerate() {
        // A window of LIMIT tasks: when it is full, wait for one to end before the next.
        if fetches.len() == limit {
            let result = fetches.join_next().await.expect("a task in the set");
            results.push(result.expect("a fetch panicked"));
        }
        let url = format!("{base}/slow?ms={ms}");
        fetches.spawn(fetch(n, url, client.clone(), in_flight.clone()));
    }
    while let Some(result) = fetches.join_next().await {
        results.push(result.expect("a fetch panicked"));
    }
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
