//! Exercise `ex_timeout`: never wait forever: a timeout.
//!
//! Code-Maven's `http_request.py`: one GET, then the body and OK, or one line on stderr that
//! names the URL and what went wrong, and exit code 1. This program reads `--timeout`
//! (seconds, 10 by default) and then forgets it: nothing limits how long it waits for the
//! response. A server that sends its headers and the start of a body and then goes quiet,
//! as the test site's `/hang` does, keeps it waiting forever. Make it give up once
//! `--timeout` seconds have passed: with `--timeout 1` on `/hang` it prints
//! `error: URL: timed out` on stderr and exits with code 1 after about a second, and every
//! other page prints what it printed before.
//!
//! The plumbing (the client's settings, the fetch, errors in words) is in `crates/webfetch`.
//!
//! Grade: `cargo test -p ex_timeout` passes when this program prints what the solution
//! printed (golden/ex_timeout*.out); the run on `/hang` may take 10 s at most. Hint:
//! `cargo run -p learn -- hint ex_timeout`.

// ANCHOR: main
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

// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args = Args::parse();
    // The client's settings but a timeout: a connect timeout (5 s), TLS, no proxy.
    let client = webfetch::client_builder()
        .build()
        .map_err(webfetch::setup_failed)?;
    // TODO: don't wait longer than `args.timeout` for the whole response. It is parsed, then
    // dropped right here: the connect timeout covers only the connection, so a server that
    // never finishes its answer is awaited forever. A timeout that fires must be reported
    // like the other errors below, as "timed out".
    let _ = args.timeout;
    let html = webfetch::get_text(&client, args.url.clone())
        .await
        .map_err(|cause| format!("{}: {cause}", args.url))?;
    println!("{html}");
    println!("OK");
    Ok(())
}
// ANCHOR_END: main
