//! Port of `http_requests_async_queue.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a fixed number of workers share one list of URLs. Each worker takes the next URL,
//! fetches it, records the page's title, and comes back for more until the list is empty:
//! never more than PARALLEL requests in flight, however long the list. The results come in
//! the order the pages finish, which varies from run to run.
//!
//! Usage: `cargo run -p http_requests_async_queue -- LIMIT PARALLEL FILENAME`: the first
//! LIMIT URLs of the file, PARALLEL workers.

use std::collections::VecDeque;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use futures::future::try_join_all;
use scraper::{Html, Selector};

/// Prints "URL - title" for the first LIMIT pages of a list, fetched by PARALLEL workers.
#[derive(Parser)]
struct Args {
    /// How many URLs of the file to fetch, at most (1 or more).
    #[arg(value_parser = at_least_one)]
    limit: usize,
    /// How many workers fetch at the same time.
    #[arg(value_parser = clap::value_parser!(u16).range(1..))]
    parallel: u16,
    /// A file with one URL per line.
    filename: String,
    /// Seconds to wait for each whole response before giving up.
    #[arg(long, default_value = "10", value_parser = seconds)]
    timeout: Duration,
}

/// A whole number of 1 or more, for LIMIT: a limit of 0 would fetch nothing.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("not a whole number of 1 or more".to_owned()),
    }
}

/// A positive number of seconds, for `--timeout`.
fn seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text.parse().map_err(|_| "not a number".to_owned())?;
    match Duration::try_from_secs_f64(secs) {
        Ok(duration) if !duration.is_zero() => Ok(duration),
        _ => Err("not a positive number of seconds".to_owned()),
    }
}

/// The largest body read; a bigger one is refused, not loaded into memory.
const MAX_BODY: usize = 16 << 20;

/// What went wrong, in a few words.
fn cause(err: reqwest::Error) -> String {
    if err.is_timeout() {
        "timed out".to_owned()
    } else if err.is_connect() {
        connect_failure(&err)
    } else if err.is_redirect() {
        "too many redirects".to_owned()
    } else if let Some(status) = err.status() {
        format!("HTTP status {status}")
    } else {
        let source = std::error::Error::source(&err).map(|s| format!(": {s}"));
        format!("{}{}", err.without_url(), source.unwrap_or_default())
    }
}

/// Why a connection failed. A refused one (nothing listens on the port) reads "cannot
/// connect", which says it all; anything else names its innermost cause, e.g. "cannot
/// connect: invalid peer certificate: UnknownIssuer" for an https:// server whose
/// certificate no trusted authority signed.
fn connect_failure(err: &reqwest::Error) -> String {
    let cause = innermost(err);
    match cause.downcast_ref::<std::io::Error>() {
        Some(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "cannot connect".to_owned()
        }
        _ => format!("cannot connect: {cause}"),
    }
}

/// The last of an error's sources, where the words that matter are: reqwest's own message
/// is only "error sending request" or "builder error".
fn innermost<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> &'a (dyn std::error::Error + 'static) {
    let mut cause = err;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause
}

async fn fetch(client: &reqwest::Client, url: &str) -> Result<String, String> {
    let mut response = client.get(url).send().await.map_err(cause)?;
    response = response.error_for_status().map_err(cause)?;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(cause)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(format!("the body is larger than {} MiB", MAX_BODY >> 20));
        }
        body.extend_from_slice(&chunk);
    }
    String::from_utf8(body).map_err(|_| "the body is not valid UTF-8".to_owned())
}

/// The text of the page's `<title>`, if it has one.
fn title(html: &str) -> Option<String> {
    let selector = Selector::parse("title").expect("a valid selector");
    let document = Html::parse_document(html);
    document
        .select(&selector)
        .next()
        .map(|t| t.text().collect())
}

/// Each page's URL and title (`None` without one), in the order the pages finished;
/// a failed page's error instead of its title.
type Results = Arc<Mutex<Vec<(String, Result<Option<String>, String>)>>>;

async fn worker(client: reqwest::Client, urls: Arc<Mutex<VecDeque<String>>>, results: Results) {
    loop {
        // The lock is held only to take a URL, never across an await.
        let Some(url) = urls.lock().expect("urls lock").pop_front() else {
            break;
        };
        let outcome = fetch(&client, &url).await.map(|content| title(&content));
        results.lock().expect("results lock").push((url, outcome));
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // rustls, reqwest's TLS, needs its cryptography chosen once per program.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let args = Args::parse();
    let list = match tokio::fs::read_to_string(&args.filename).await {
        Ok(list) => list,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.filename);
            return ExitCode::from(2);
        }
    };
    // Some editors save a byte-order mark first: it is not part of the first URL.
    let list = list.strip_prefix('\u{feff}').unwrap_or(&list);
    let urls: VecDeque<String> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(args.limit)
        .map(str::to_owned)
        .collect();
    if urls.is_empty() {
        eprintln!("{} lists no URLs", args.filename);
    }

    // A reqwest::Client is a handle to one shared pool: cloning it shares the session.
    let client = match reqwest::Client::builder()
        .timeout(args.timeout)
        .connect_timeout(Duration::from_secs(5))
        // aiohttp ignores proxy settings in the environment unless asked to (trust_env).
        .no_proxy()
        .build()
    {
        Ok(client) => client,
        // With TLS, building the client loads the trusted certificates: none found (no
        // system store, or an SSL_CERT_FILE that names no certificates) is an error.
        Err(e) => {
            eprintln!("error: cannot build the HTTP client: {}", innermost(&e));
            return ExitCode::FAILURE;
        }
    };
    let urls = Arc::new(Mutex::new(urls));
    let results: Results = Arc::default();
    let workers = (0..args.parallel)
        .map(|_| tokio::spawn(worker(client.clone(), urls.clone(), results.clone())));
    try_join_all(workers).await.expect("a worker panicked");

    let mut failed = 0;
    for (url, outcome) in results.lock().expect("results lock").iter() {
        match outcome {
            // Python prints None for a page without a title.
            Ok(title) => println!("{url} - {}", title.as_deref().unwrap_or("None")),
            Err(cause) => {
                eprintln!("error: {url}: {cause}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
