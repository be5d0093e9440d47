//! Port of `http_request.py` from the Code-Maven Python course (Gabor Szabo), which fetched
//! python.org with aiohttp.
//!
//! Lesson: an HTTP request is I/O the runtime waits for without blocking: build one client
//! (aiohttp's `ClientSession`; here a `reqwest::Client`), send the request, await the body.
//! Every way it can fail (no connection, no answer in time, an error status, a body that is
//! not text) comes back as an error to report, not a crash.
//!
//! Usage: `cargo run -p http_request -- http://127.0.0.1:8080/` (start the local site with
//! `cargo run -p site -- --port 8080`), or any https:// URL: the certificates trusted are the
//! system's, or those of the file named by `SSL_CERT_FILE`, as for curl and Python. The
//! plumbing (the client, errors in words) is in `crates/webfetch`.

// ANCHOR: main
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use webfetch::{Fatal, Url};

/// Fetches a page and prints its body.
#[derive(Parser)]
struct Args {
    /// The page to fetch (http:// or https://).
    #[arg(default_value = "https://python.org/", value_parser = webfetch::http_url)]
    url: Url,
    /// Seconds to wait for the whole response before giving up.
    #[arg(long, default_value = "10", value_parser = webfetch::seconds)]
    timeout: Duration,
}

// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    webfetch::exit(fetch(args).await)
}

/// Returns how many pages failed: 0 or 1.
async fn fetch(args: Args) -> Result<usize, Fatal> {
    let client = webfetch::client(args.timeout)?;
    // `send` waits for the status and headers, `chunk` (inside get_text) for each part of
    // the body: at every await, the runtime is free to run other tasks.
    match webfetch::get_text(&client, args.url.clone()).await {
        Ok(body) => {
            // `writeln!` where the original has `print`: it returns an error if stdout is
            // closed, where `println!` would panic.
            let mut stdout = io::stdout().lock();
            writeln!(stdout, "{body}\nOK")?;
            Ok(0)
        }
        Err(cause) => {
            webfetch::report(&args.url, &cause);
            Ok(1)
        }
    }
}
// ANCHOR_END: main
