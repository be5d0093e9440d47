//! ex_semaphore: the pages fetched in batches of LIMIT (chunks), each batch's JoinSet awaited whole before the next batch starts.
//! verdict: fail
//! diagnosis: text
//! Never more than LIMIT in flight, but a free slot waits for the slowest of its batch: page 2
//! starts only when page 0 (1.8 s) is done, not when page 1 (0.3 s) is. "done 0" comes
//! before "start 2", and the run takes 3 s, not 2.4.

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
    let pages: Vec<(usize, u64)> = DELAYS.into_iter().enumerate().collect();
    let mut results = Vec::new();
    // LIMIT at a time: a batch, then the next one.
    for batch in pages.chunks(limit) {
        let mut fetches = JoinSet::new();
        for &(n, ms) in batch {
            let url = format!("{base}/slow?ms={ms}");
            fetches.spawn(fetch(n, url, client.clone(), in_flight.clone()));
        }
        results.extend(fetches.join_all().await);
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
