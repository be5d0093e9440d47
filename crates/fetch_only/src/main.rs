//! The baseline of `make bench`: what fetching the pages costs on its own. Same runtime,
//! same client (`webfetch::client`) and same concurrency as `http_requests_async` and
//! `areq`, but no parsing and no output per page, so the time an example takes beyond this
//! one is the time it spends on its own work (titles, links, logging, writing).
//!
//! Usage: `fetch_only urls.txt [--limit N]`. Prints one line:
//! `1000 pages, 0 failed, 1104893 bytes`.

use std::error::Error;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use futures::stream::{self, StreamExt};

/// Fetch every page of a list and count the bytes, nothing more.
#[derive(Parser)]
#[command(name = "fetch_only")]
struct Args {
    /// A file with one URL per line.
    urls: PathBuf,
    /// How many requests may be in flight at once.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
    limit: u16,
}

/// The examples' default `--timeout`.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The body's length, read a chunk at a time as the examples read it.
async fn fetch(client: &reqwest::Client, url: &str) -> reqwest::Result<usize> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let mut bytes = 0;
    while let Some(chunk) = response.chunk().await? {
        bytes += chunk.len();
    }
    Ok(bytes)
}

#[vclock::main]
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args = Args::parse();
    // The list as the examples read it (a file that cannot be read: exit code 2).
    let urls = lessonkit::read_url_list(&args.urls)?;
    let client = webfetch::client(TIMEOUT)?;

    let (mut failed, mut bytes) = (0, 0);
    let mut results = stream::iter(&urls)
        .map(|url| fetch(&client, url))
        .buffer_unordered(args.limit.into());
    while let Some(result) = results.next().await {
        match result {
            Ok(n) => bytes += n,
            Err(_) => failed += 1,
        }
    }
    println!("{} pages, {failed} failed, {bytes} bytes", urls.len());
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
