//! Port of `http_requests_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: the blocking way to fetch many pages. Each request waits for the one before it,
//! so the run takes the sum of all the response times. The original uses `requests`; its
//! Rust counterpart is reqwest's blocking client. Compare `http_requests_async`.
//!
//! Usage: `cargo run -p http_requests_sync -- urls.txt`, one URL per line. The local site
//! (`cargo run -p site -- --port 8080`) serves pages to try it on. The client, the fetch,
//! the title and errors in words are in `crates/webfetch`; the list, in `crates/lessonkit`.

use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use webfetch::blocking::get_text;
use webfetch::title;

/// Prints the title of every page in a list, fetching them one after another.
#[derive(Parser)]
struct Args {
    /// A file with one URL per line.
    filename: String,
    /// Seconds to wait for each whole response before giving up.
    #[arg(long, default_value = "10", value_parser = webfetch::seconds)]
    timeout: Duration,
}

// ANCHOR: main
#[vclock::main]
fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args = Args::parse();
    let urls = lessonkit::read_url_list(&args.filename)?;
    let client = webfetch::blocking::client(args.timeout)?;
    // Exit code 1 if a page failed.
    let mut exit = ExitCode::SUCCESS;
    for url in &urls {
        // The program waits here, doing nothing else, until this page has arrived.
        match get_text(&client, url, args.timeout) {
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
