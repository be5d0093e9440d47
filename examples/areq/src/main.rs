//! Port of `areq.py` from Real Python's "Async IO in Python: A Complete Walkthrough".
//!
//! Lesson: a whole program built of the pieces. One HTTP client (one connection pool),
//! many pages in flight at once, results written as the pages finish: fetch every page of
//! a list, find the links in each (`href="(.*?)"`), make them absolute, and write one row
//! per link to `foundurls.txt`, through one writer. A page that fails is logged and
//! skipped; the others go on. Where it differs from the original: see the book's page.
//!
//! Usage: `cargo run -p site -- --port 8080` in one terminal, its pages' list
//! (`curl -s http://127.0.0.1:8080/urls.txt > urls.txt`), then `cargo run -p areq`.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use clap::Parser;
use futures::{StreamExt, future, stream};
use lessonkit::{Fatal, PageFile};
use tokio::sync::mpsc;
use webfetch::aiohttp::{self, FetchError, Limits};
use webfetch::{Client, Url};

/// `logging.basicConfig(format="%(asctime)s %(levelname)s:%(name)s: %(message)s",
/// datefmt="%H:%M:%S")`: `logger.info(...)` is `log!("INFO", ...)`, one line on stderr
/// (lost if stderr cannot be written, and nothing else). The lines go out a batch at a
/// time ([`flush_log`]): a write for each of three lines a page costs more than the page.
macro_rules! log {
    ($level:literal, $($message:tt)+) => {{
        let time = chrono::Local::now().format("%H:%M:%S");
        let line = format!("{time} {}:areq: {}\n", $level, format_args!($($message)+));
        let mut log = LOG.lock().unwrap_or_else(PoisonError::into_inner);
        log.push_str(&line);
        // An error is told at once; the rest when a batch of pages is written, or 8 KiB.
        if $level != "INFO" || log.len() > 8192 {
            let _ = std::io::stderr().write_all(std::mem::take(&mut *log).as_bytes());
        }
    }};
}

static LOG: Mutex<String> = Mutex::new(String::new());

/// Writes the log's lines that wait.
fn flush_log() {
    let lines = std::mem::take(&mut *LOG.lock().unwrap_or_else(PoisonError::into_inner));
    let _ = std::io::stderr().write_all(lines.as_bytes());
}

// ANCHOR: main
/// GET request wrapper to fetch page HTML: any status of 400 or more is an error.
async fn fetch_html(
    client: &Client,
    url: &str,
    limits: &Limits,
) -> Result<(Url, String), FetchError> {
    let page = aiohttp::parse_url(url)?;
    let response = aiohttp::get(client, &page, limits).await?;
    let status = response.status().as_u16();
    log!("INFO", "Got response [{status}] for URL: {url}");
    let html = aiohttp::text(response, limits).await?;
    Ok((page, html))
}

/// Find HREFs in the HTML of `url`, made absolute, each once; `None` if the page failed.
async fn parse(client: &Client, url: &str, limits: &Limits) -> Option<Vec<String>> {
    let (page, html) = match fetch_html(client, url, limits).await {
        Ok(fetched) => fetched,
        Err(FetchError::Http { status, cause }) => {
            let status = status.map_or("None".to_owned(), |s| s.to_string());
            log!("ERROR", "aiohttp exception for {url} [{status}]: {cause}");
            return None;
        }
        // "occured" and the two spaces are the original's.
        Err(FetchError::Other { cause }) => {
            log!("ERROR", "Non-aiohttp exception occured:  {url}: {cause}");
            return None;
        }
    };
    // The links in the order they first appear: a set's order in the original.
    let (mut found, mut seen) = (Vec::new(), HashSet::new());
    for link in webfetch::hrefs(&html) {
        // urllib.parse.urljoin(url, link), against the URL as listed.
        match page.join(link) {
            Ok(absolute) if seen.insert(absolute.clone()) => found.push(String::from(absolute)),
            Ok(_) => {}
            Err(e) => log!("ERROR", "Error parsing URL: {link} (a link on {url}: {e})"),
        }
    }
    log!("INFO", "Found {} links for {url}", found.len());
    Some(found)
}

/// Write the found HREFs from `url` to the file: sends its rows to the writer. Returns
/// whether the page was fetched and parsed.
async fn write_one(client: &Client, url: &str, limits: &Limits, rows: &Rows) -> bool {
    let Some(links) = parse(client, url, limits).await else {
        return false;
    };
    if !links.is_empty() {
        let block = links
            .iter()
            .map(|link| format!("{url}\t{link}\n"))
            .collect();
        // The writer stops receiving only once the crawl is over, or cannot go on.
        let _ = rows.send((url.to_owned(), block)).await;
    }
    true
}

/// A page's URL and its rows, for the writer.
type Rows = mpsc::Sender<(String, String)>;

/// The one task that writes the file: each page's rows as they come, the pages that come
/// together flushed together, each logged once it is in the file. Returns how many pages
/// the file holds when every sender is gone; a failed write ends it.
async fn write_pages(
    mut file: PageFile,
    mut pages: mpsc::Receiver<(String, String)>,
) -> Result<usize, Fatal> {
    let mut batch = Vec::new();
    while pages.recv_many(&mut batch, 64).await > 0 {
        let (urls, blocks): (Vec<String>, Vec<String>) = batch.drain(..).unzip();
        file.write(&blocks).await?;
        for url in urls {
            log!("INFO", "Wrote results for source URL: {url}");
        }
        flush_log();
    }
    Ok(file.pages())
}

/// How a crawl ended: every page done (so many failed), told to stop (by what, with the
/// exit code for it), or its writer stopped.
enum Ended {
    Crawled { failed: usize },
    Told(&'static str, u8),
    WriterStopped,
}

/// Crawl & write concurrently to the file for every page of the list, at most `--limit`
/// in flight. Returns the exit code, or why the crawl could not start.
async fn bulk_crawl_and_write(args: &Args) -> Result<ExitCode, Fatal> {
    // Each URL once, in the order first listed (`set(map(str.strip, infile))`); a blank
    // line is the empty URL, as in the original, which fails when fetched.
    let list = lessonkit::read_text(&args.urls)?;
    let mut listed = HashSet::new();
    let urls: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|url| listed.insert(*url))
        .collect();
    // Header - just a single, initial row-write (flushed before any fetching).
    let file = PageFile::create(&args.output, "source_url\tparsed_url\n").await?;
    // One client, one pool of connections, for the whole run (aiohttp's ClientSession).
    let client = webfetch::client(args.timeout)?;
    let limits = Limits {
        timeout: args.timeout,
        max_bytes: args.max_bytes,
    };
    // Each page in flight holds a connection, an open file: as many as the limit allows.
    let limit = lessonkit::fit_open_files(args.limit as usize);

    let (rows, pages) = mpsc::channel(64);
    let mut writer = tokio::spawn(write_pages(file, pages));
    // asyncio.gather over every page, at most `limit` in flight at a time.
    let crawl = stream::iter(&urls)
        .map(|url| write_one(&client, url, &limits, &rows))
        .buffer_unordered(limit)
        .filter(|ok| future::ready(!ok))
        .count();
    // The crawl ends when every page is done, or sooner: at Ctrl-C or `kill`, or when the
    // writer cannot write. Once `rows` is gone, the writer writes the pages sent, and ends.
    let (ended, written) = tokio::select! {
        failed = crawl => (Ended::Crawled { failed }, { drop(rows); writer.await }),
        (told, code) = lessonkit::interrupted() => (Ended::Told(told, code), { drop(rows); writer.await }),
        written = &mut writer => (Ended::WriterStopped, written),
    };
    let written = match written {
        Ok(Ok(written)) => written,
        Ok(Err(e)) => {
            log!("ERROR", "{e}, and the crawl stopped");
            return Ok(ExitCode::FAILURE);
        }
        Err(_panicked) => return Ok(ExitCode::FAILURE),
    };
    Ok(match ended {
        Ended::Crawled { failed: 0 } => ExitCode::SUCCESS,
        Ended::Crawled { .. } | Ended::WriterStopped => ExitCode::FAILURE,
        Ended::Told(told, code) => {
            let found = args.output.display();
            log!(
                "ERROR",
                "interrupted ({told}): {found} holds the rows of the {written} pages done, each page whole"
            );
            ExitCode::from(code)
        }
    })
}

// asyncio.run(bulk_crawl_and_write(...)): a list or a file that cannot be used is one
// line, `areq: ...`, and exit code 2 (1 for too few open files, or no client).
#[vclock::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let code = bulk_crawl_and_write(&args).await;
    flush_log();
    code.unwrap_or_else(|fatal| {
        let _ = writeln!(std::io::stderr(), "areq: {fatal}");
        ExitCode::from(fatal.exit_code())
    })
}
// ANCHOR_END: main

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

/// A positive number of seconds, such as `10` or `0.5`, in areq's own words if not.
fn seconds(text: &str) -> Result<Duration, String> {
    lessonkit::positive_seconds(text)
        .ok_or_else(|| "expected a positive number of seconds".to_owned())
}
