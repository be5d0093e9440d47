//! Port of `http_request.py` from the Code-Maven Python course (Gabor Szabo), which fetched
//! python.org with aiohttp.
//!
//! Lesson: an HTTP request is I/O the runtime waits for without blocking: build one client
//! (aiohttp's `ClientSession`; here a `reqwest::Client`), send the request, await the body.
//! Every way it can fail (no connection, no answer in time, an error status, a body that is
//! not text) comes back as an error: one line on stderr and exit code 1, not a crash.
//!
//! Usage: `cargo run -p http_request -- http://127.0.0.1:8080/` (start the local site with
//! `cargo run -p site -- --port 8080`), or any https:// URL. The client and its errors in
//! words are in `crates/webfetch`.

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use webfetch::Url;

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

// ANCHOR: main
// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args = Args::parse();
    let client = webfetch::client(args.timeout)?;
    // `send` waits for the status and headers, `chunk` (inside get_text) for each part of
    // the body: at every await, the runtime is free to run other tasks.
    let html = webfetch::get_text(&client, args.url.clone())
        .await
        .map_err(|cause| format!("{}: {cause}", args.url))?;
    println!("{html}");
    println!("OK");
    Ok(())
}
// ANCHOR_END: main
