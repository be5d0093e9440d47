//! Port of `http_requests_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: the blocking way to fetch many pages. Each request waits for the one before it,
//! so the run takes the sum of all the response times. The original uses `requests`; its
//! Rust counterpart is reqwest's blocking client. Compare `http_requests_async`.
//!
//! Usage: `cargo run -p http_requests_sync -- urls.txt`, one URL per line. The local site
//! (`cargo run -p site -- --port 8080`) serves pages to try it on. The plumbing (the client,
//! the fetch, the title, errors in words) is in `crates/webfetch`.

// ANCHOR: main
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use webfetch::blocking::get_text;
use webfetch::{Fatal, title};

/// Prints the title of every page in a list, fetching them one after another.
#[derive(Parser)]
struct Args {
    /// A file with one URL per line.
    filename: String,
    /// Seconds to wait for each whole response before giving up.
    #[arg(long, default_value = "10", value_parser = webfetch::seconds)]
    timeout: Duration,
}

#[vclock::main]
fn main() -> ExitCode {
    let args = Args::parse();
    webfetch::exit(print_titles(args))
}

/// Returns how many pages failed.
fn print_titles(args: Args) -> Result<usize, Fatal> {
    let urls = webfetch::blocking::read_url_list(&args.filename)?;
    let client = webfetch::blocking::client(args.timeout)?;

    // `writeln!` where the original has `print`: it returns an error if stdout is closed,
    // where `println!` would panic.
    let mut stdout = io::stdout().lock();
    let mut failed = 0;
    for url in &urls {
        // The program waits here, doing nothing else, until this page has arrived.
        match get_text(&client, url, args.timeout) {
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
