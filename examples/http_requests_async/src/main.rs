//! Port of `http_requests_async.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: the async way to fetch many pages. Every request is in flight at once, so the
//! run takes about as long as the slowest response, not the sum of them; the results are
//! still printed in the list's order. One client (aiohttp's `ClientSession`) serves every
//! request. Compare `http_requests_sync`.
//!
//! Unlike the original, the number of requests in flight is capped (`--limit`): each one
//! holds a connection, and a thousand at once would run out of open files.
//!
//! Usage: `cargo run -p http_requests_async -- urls.txt`, one URL per line. The local site
//! (`cargo run -p site -- --port 8080`) serves pages to try it on. The plumbing (the client,
//! the fetch, the title, errors in words) is in `crates/webfetch`.

// ANCHOR: main
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use futures::stream::{self, StreamExt};
use webfetch::{Fatal, get_text, title};

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

// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    webfetch::exit(print_titles(args).await)
}

/// Returns how many pages failed.
async fn print_titles(args: Args) -> Result<usize, Fatal> {
    let urls = webfetch::read_url_list(&args.filename).await?;
    let client = webfetch::client(args.timeout)?;
    let limit = webfetch::fit_open_files(args.limit.into());

    // Up to `limit` fetches run at once; `buffered` hands back their results in list order.
    let mut pages = stream::iter(&urls)
        .map(|url| {
            let client = &client;
            async move { (url, get_text(client, url).await) }
        })
        .buffered(limit);
    // `writeln!` where the original has `print`: it returns an error if stdout is closed,
    // where `println!` would panic.
    let mut stdout = io::stdout().lock();
    let mut failed = 0;
    while let Some((url, page)) = pages.next().await {
        match page {
            Ok(html) => {
                let title = title(&html);
                writeln!(stdout, "{url}\n{}", title.as_deref().unwrap_or("Missing"))?;
            }
            Err(cause) => {
                webfetch::report(url, &cause);
                failed += 1;
            }
        }
    }
    Ok(failed)
}
// ANCHOR_END: main
