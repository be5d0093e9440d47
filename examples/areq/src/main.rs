//! Port of `areq.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: a whole program built of the pieces. One HTTP client (one connection pool) for
//! the run, many requests in flight at once, and the results written as they come, in the
//! order the pages finish: read a list of URLs, fetch every page concurrently, find the
//! links in each with the regex `href="(.*?)"`, make them absolute, and write one row per
//! link to `foundurls.txt`. A page that fails is logged and skipped; the others go on.
//!
//! Usage: `cargo run -p site -- --port 8080 --pages 20` in one terminal, a `urls.txt` of
//! `http://127.0.0.1:8080/page/N.html` lines, then `cargo run -p areq`.
//!
//! Where it differs from the original, and why:
//! - The list is `urls.txt` in the current folder (or the file named on the command line),
//!   and the output `foundurls.txt` there too (`-o`); the original reads and writes beside
//!   the script itself.
//! - Duplicate lines are dropped keeping the first; pages start in list order, not in the
//!   arbitrary order of a Python `set`. Rows within a page are in the order the links first
//!   appear, not a set's order. Pages still end, and are written, in completion order.
//! - All rows go through one open file; the original reopens it for every page.
//! - Limits the original leaves to aiohttp's defaults are options: `--limit` pages at once
//!   (aiohttp: 100 connections), `--timeout` seconds per page (aiohttp: 300),
//!   `--max-bytes` per body (aiohttp: none).
//! - Every error is one line naming the URL and the cause, where the original printed
//!   `[None]: None` or `{}` and a traceback (see `fetch::Failure`).
//! - Exit code 0 if every page was fetched and parsed, 1 if any failed (a link skipped as
//!   unparsable does not fail its page) or `foundurls.txt` could not be written, 2 if the
//!   list cannot be read or the arguments are wrong, 130 after Ctrl-C. The original always
//!   ends with 0, or with a traceback. `foundurls.txt` never holds part of a page: after a
//!   failed write or Ctrl-C, the log says how many whole pages it holds.
//! - No more pages in flight than the open-file limit (`ulimit -n`) can hold.

// ANCHOR: main
mod fetch;
mod links;
mod log;
mod output;

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use futures::{StreamExt, stream};
use tokio::sync::mpsc;
use tracing::{error, info};
use webfetch::Client;

use crate::fetch::{Failure, Limits, fetch_html, parse_url};
use crate::output::{PageRows, WriteFailed};

/// Fetch many pages at once, find their links, and write them to a file.
#[derive(Parser)]
#[command(name = "areq")]
struct Args {
    /// The list of page URLs, one a line
    #[arg(value_name = "FILE", default_value = "urls.txt")]
    urls: PathBuf,
    /// The file to write the links to, one row per link
    #[arg(short, long, value_name = "FILE", default_value = "foundurls.txt")]
    output: PathBuf,
    /// How many pages may be in flight at once
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    limit: u32,
    /// How long a page may take, its body included
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    timeout: Duration,
    /// The largest body read; a larger page counts as failed
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    max_bytes: u64,
}

/// A positive number of seconds, such as `10` or `0.5` (parsed by webfetch; too small a
/// figure, 1e-300, rounds to no time at all and is refused), in areq's own words if not.
fn seconds(text: &str) -> Result<Duration, String> {
    webfetch::positive_seconds(text)
        .ok_or_else(|| "expected a positive number of seconds".to_owned())
}

/// The URLs of the list, each line stripped, each kept once, in the order first listed.
/// A blank line is the empty URL, as in the original (it fails when fetched).
fn unique_urls(list: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    list.lines()
        .map(str::trim)
        .filter(|url| seen.insert(*url))
        .map(str::to_owned)
        .collect()
}

/// One page (`write_one` and `parse`): fetch it, find its links, log, and send its rows to
/// the writer. Returns whether the page was fetched and parsed.
async fn crawl(client: &Client, url: &str, limits: &Limits, rows: mpsc::Sender<PageRows>) -> bool {
    let fetched = match parse_url(url) {
        Ok(page) => fetch_html(client, url, &page, limits)
            .await
            .map(|html| (page, html)),
        Err(e) => Err(e),
    };
    let (page, html) = match fetched {
        Ok(fetched) => fetched,
        Err(e) => {
            error!("{}", Failure { url, error: &e });
            return false;
        }
    };
    let links = links::find_links(url, &page, &html);
    info!("Found {} links for {url}", links.len());
    if !links.is_empty() {
        let page = PageRows {
            url: url.to_owned(),
            links,
        };
        // The writer stops receiving only if it is gone, which it never is before us.
        let _ = rows.send(page).await;
    }
    true
}

// `asyncio.run(main())`, as `#[tokio::main(flavor = "current_thread")]` writes it, but a
// runtime that cannot start (no file left to open, under `ulimit -n 6`) is one line.
#[vclock::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    log::init();
    areq(args).await
}

/// The original's `main`: every page of the list, then the exit code.
async fn areq(args: Args) -> ExitCode {
    let list = match tokio::fs::read_to_string(&args.urls).await {
        Ok(list) => list,
        Err(e) => {
            return stop(webfetch::file_failed(
                format_args!("cannot read {}", args.urls.display()),
                &e,
            ));
        }
    };
    // Some editors save a byte-order mark first: it is not part of the first URL.
    let list = list.strip_prefix('\u{feff}').unwrap_or(&list);
    let urls = unique_urls(list);

    // The header row is written, and flushed, before any page is fetched.
    let out = match output::create(&args.output).await {
        Ok(out) => out,
        Err(e) => {
            return stop(webfetch::file_failed(
                format_args!("cannot write {}", args.output.display()),
                &e,
            ));
        }
    };
    // One client, one pool of connections, for the whole run (aiohttp's ClientSession).
    let client = match webfetch::client(args.timeout) {
        Ok(client) => client,
        Err(fatal) => return stop(fatal),
    };
    let limits = Limits {
        timeout: args.timeout,
        max_bytes: args.max_bytes,
    };
    // Each page in flight holds a connection, an open file: as many as the limit allows.
    let limit = webfetch::fit_open_files(args.limit as usize);

    // One writer task owns the file; each page sends it its rows.
    let (rows, pages) = mpsc::channel(64);
    let mut writer = tokio::spawn(output::write_pages(out, args.output.clone(), pages));

    // asyncio.gather over every page, at most `limit` in flight at a time.
    let crawl = stream::iter(&urls)
        .map(|url| crawl(&client, url, &limits, rows.clone()))
        .buffer_unordered(limit)
        .filter(|ok| std::future::ready(!ok))
        .count();
    // The crawl ends when every page is done, or sooner: at Ctrl-C, or when the writer
    // stops because it cannot write; then the pages in flight are dropped.
    // Once the last sender is dropped, the writer writes the pages already sent, and ends.
    let (failed, writer) = tokio::select! {
        failed = crawl => {
            drop(rows);
            (Some(failed), writer.await)
        }
        _ = tokio::signal::ctrl_c() => {
            drop(rows);
            (None, writer.await)
        }
        written = &mut writer => (None, written),
    };
    let written = match writer {
        Ok(Ok(written)) => written,
        Ok(Err(WriteFailed { path, error, pages })) => {
            error!(
                "cannot write {}: {error}; it holds the rows of the {pages} pages written \
                 before, each page whole, and the crawl stopped",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        Err(_) => return ExitCode::FAILURE,
    };
    match failed {
        Some(0) => ExitCode::SUCCESS,
        Some(_) => ExitCode::FAILURE,
        None => {
            error!(
                "interrupted (Ctrl-C): {} holds the rows of the {written} pages done, each \
                 page whole",
                args.output.display()
            );
            ExitCode::from(130)
        }
    }
}

/// One line on stderr, and the exit code: 2 when the input cannot be used, 1 when the
/// program cannot start its work. A line that cannot be written is lost, not a panic as
/// with `eprintln!`.
fn stop(fatal: webfetch::Fatal) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "areq: {fatal}");
    match fatal {
        webfetch::Fatal::Input(_) => ExitCode::from(2),
        _ => ExitCode::FAILURE,
    }
}
// ANCHOR_END: main
