//! Port of `http_requests_async.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: the async way to fetch many pages. Every request is in flight at once, so the
//! run takes about as long as the slowest response, not the sum of them; the results are
//! still printed in the list's order. One client (aiohttp's `ClientSession`) serves every
//! request. Compare `http_requests_sync`.
//!
//! Usage: `cargo run -p http_requests_async -- urls.txt`, one URL per line. The local site
//! (`cargo run -p site -- --port 8080`) serves pages to try it on. Unlike the original, it
//! has at most `--limit` requests in flight: each holds a connection, an open file.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use futures::stream::{self, StreamExt};
use webfetch::{Client, get_text, title};

/// Prints the title of every page in a list, fetching them all at the same time.
#[derive(Parser)]
struct Args {
    /// A file with one URL per line.
    filename: String,
    /// Seconds to wait for each whole response before giving up.
    #[arg(long, default_value = "10", value_parser = webfetch::seconds)]
    timeout: Duration,
    /// How many requests may be in flight at once.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u16).range(1..))]
    limit: u16,
}

// ANCHOR: main
/// The page at `url`, with its URL (the original's `[url, content]`).
async fn fetch<'a>(client: &Client, url: &'a str) -> (&'a str, Result<String, String>) {
    (url, get_text(client, url).await)
}

// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args = Args::parse();
    let urls = lessonkit::read_url_list(&args.filename)?;
    let client = webfetch::client(args.timeout)?;
    let limit = lessonkit::fit_open_files(args.limit.into());
    // Up to `limit` fetches run at once; `buffered` hands back their results in list order.
    let mut pages = stream::iter(&urls)
        .map(|url| fetch(&client, url))
        .buffered(limit);
    // Exit code 1 if a page failed.
    let mut exit = ExitCode::SUCCESS;
    while let Some((url, page)) = pages.next().await {
        match page {
            Ok(html) => {
                println!("{url}");
                println!("{}", title(&html).as_deref().unwrap_or("Missing"));
            }
            Err(cause) => {
                // Lost if stderr cannot take it, and nothing else (eprintln! would end the run).
                let _ = writeln!(io::stderr(), "error: {url}: {cause}");
                exit = ExitCode::FAILURE;
            }
        }
    }
    Ok(exit)
}
// ANCHOR_END: main
