//! ex_semaphore: LIMIT worker tasks take the pages from a shared queue, no semaphore at all.
//! verdict: pass
//! diagnosis: none
//! As in http_requests_async_queue: the number of workers is the bound, and each worker takes
//! the next page in list order as soon as it is free.

use std::collections::VecDeque;
use std::error::Error;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use webfetch::{Client, get_text, title};

const DELAYS: [u64; 6] = [1800, 300, 600, 600, 600, 600];
const USAGE: &str =
    "usage: bounded BASE_URL [LIMIT] (an http:// or https:// URL, a whole number from 1 to 100)";

/// The pages left to fetch: their numbers and URLs.
type Pages = Arc<Mutex<VecDeque<(usize, String)>>>;

/// Takes the next page until none is left. Returns the most in flight it saw, and how many
/// of its pages failed.
async fn worker(pages: Pages, client: Client, in_flight: Arc<AtomicUsize>) -> (usize, usize) {
    let (mut most, mut failed) = (0, 0);
    loop {
        let Some((n, url)) = pages.lock().unwrap().pop_front() else {
            return (most, failed);
        };
        let now = in_flight.fetch_add(1, SeqCst) + 1;
        most = most.max(now);
        println!("start {n} ({now} in flight)");
        let title = match get_text(&client, &url).await {
            Ok(html) => title(&html).unwrap_or_else(|| "Missing".to_owned()),
            Err(cause) => {
                eprintln!("error: {url}: {cause}");
                failed += 1;
                "failed".to_owned()
            }
        };
        let left = in_flight.fetch_sub(1, SeqCst) - 1;
        println!("done {n}: {title} ({left} in flight)");
    }
}

#[vclock::main]
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let Some((base, limit)) = arguments(std::env::args().skip(1).collect()) else {
        eprintln!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    let client = webfetch::client(Duration::from_secs(10))?;
    let pages: VecDeque<_> = DELAYS
        .into_iter()
        .enumerate()
        .map(|(n, ms)| (n, format!("{base}/slow?ms={ms}")))
        .collect();
    let pages = Arc::new(Mutex::new(pages));
    let in_flight = Arc::new(AtomicUsize::new(0));
    // LIMIT workers: never more fetches in flight than workers.
    let mut workers = JoinSet::new();
    for _ in 0..limit {
        workers.spawn(worker(pages.clone(), client.clone(), in_flight.clone()));
    }
    let results = workers.join_all().await;
    let most = results.iter().map(|(most, _)| *most).max().unwrap_or(0);
    println!("{} pages, at most {most} in flight", DELAYS.len());
    let failed = results.iter().any(|(_, failed)| *failed > 0);
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
