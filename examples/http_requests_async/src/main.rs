//! Port of `http_requests_async.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: the async way to fetch many pages. Every request is in flight at once, so the
//! run takes about as long as the slowest response, not the sum of them; the results are
//! still printed in the list's order. One client (aiohttp's `ClientSession`) serves every
//! request. Unlike the original, the number of requests in flight is capped (`--limit`):
//! a thousand open connections at once would run out of file descriptors. Compare
//! `http_requests_sync`.
//!
//! Usage: `cargo run -p http_requests_async -- urls.txt`, one URL per line. The local site
//! (`cargo run -p site -- --port 8080`) serves pages to try it on.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use futures::stream::{self, StreamExt};
use scraper::{Html, Selector};

/// Prints the title of every page in a list, fetching them all at the same time.
#[derive(Parser)]
struct Args {
    /// A file with one URL per line.
    filename: String,
    /// Seconds to wait for each whole response before giving up.
    #[arg(long, default_value = "10", value_parser = seconds)]
    timeout: Duration,
    /// How many requests may be in flight at once.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
    limit: u16,
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
        "cannot connect".to_owned()
    } else if err.is_redirect() {
        "too many redirects".to_owned()
    } else if let Some(status) = err.status() {
        format!("HTTP status {status}")
    } else {
        let source = std::error::Error::source(&err).map(|s| format!(": {s}"));
        format!("{}{}", err.without_url(), source.unwrap_or_default())
    }
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

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = Args::parse();
    let list = match tokio::fs::read_to_string(&args.filename).await {
        Ok(list) => list,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.filename);
            return ExitCode::from(2);
        }
    };
    let urls: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if urls.is_empty() {
        eprintln!("{} lists no URLs", args.filename);
    }

    let client = reqwest::Client::builder()
        .timeout(args.timeout)
        .connect_timeout(Duration::from_secs(5))
        // aiohttp ignores proxy settings in the environment unless asked to (trust_env).
        .no_proxy()
        .build()
        .expect("a client with timeouts only");
    // Up to `limit` fetches run at once; `buffered` hands back their results in list order.
    let mut results = stream::iter(&urls)
        .map(|url| {
            let client = &client;
            async move { (url, fetch(client, url).await) }
        })
        .buffered(args.limit.into());
    let mut failed = 0;
    while let Some((url, result)) = results.next().await {
        match result {
            Ok(content) => {
                println!("{url}");
                println!("{}", title(&content).as_deref().unwrap_or("Missing"));
            }
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
