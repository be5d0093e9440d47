//! Port of the aiohttp example of the Asyncio notebook (seed 001): GET
//! `http://localhost:8080`, print `resp.status`, then `await resp.text()`.
//!
//! Lesson: an HTTP response comes in two parts that are awaited in turn: the status line
//! and headers (`send().await`), then the body (`chunk().await` until the end). The status
//! is a number to print like any other, whatever it is: a 404 or a 500 is still an answer,
//! so the program prints it and succeeds. Only a request that gets no usable answer (no
//! connection, no answer in time, a redirect loop, a body that is not text) is an error:
//! one line on stderr and exit code 1.
//!
//! Usage: `cargo run -p http_status -- http://127.0.0.1:8080/page/1.html` (start the local
//! site first with `cargo run -p site -- --port 8080`), or any https:// URL. The client and
//! its errors in words are in `crates/webfetch`.

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use webfetch::{Url, cause};

/// Fetches a URL and prints the status code, then the body.
#[derive(Parser)]
struct Args {
    /// The URL to fetch (http:// or https://).
    #[arg(default_value = "http://localhost:8080", value_parser = webfetch::http_url)]
    url: Url,
    /// Seconds to wait for the whole response, body included, before giving up.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = webfetch::seconds)]
    timeout: Duration,
}

// ANCHOR: main
// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args = Args::parse();
    let client = webfetch::client(args.timeout)?;
    let failed = |cause: String| format!("{}: {cause}", args.url);
    // First await: the status line and the headers.
    let response = client.get(args.url.clone()).send().await;
    let response = response.map_err(|e| failed(cause(&e)))?;
    let status = response.status().as_u16();
    // Second await: the body, in full before anything is printed, so a request that fails
    // halfway prints only its error. aiohttp would guess an encoding for bytes that are not
    // UTF-8; this port says so instead of printing a guess.
    let body = webfetch::text(response).await.map_err(failed)?;
    println!("{status}");
    println!("{body}");
    Ok(())
}
// ANCHOR_END: main
