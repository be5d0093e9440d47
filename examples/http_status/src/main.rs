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
//! site first with `cargo run -p site -- --port 8080`), or any https:// URL: the certificates
//! trusted are the system's, or those of the file named by `SSL_CERT_FILE`, as for curl and
//! Python. The plumbing (the client, errors in words) is in `crates/webfetch`.

// ANCHOR: main
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use webfetch::{Fatal, Url, cause};

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

// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    webfetch::exit(get(args).await)
}

/// Returns how many requests failed: 0 or 1.
async fn get(args: Args) -> Result<usize, Fatal> {
    let client = webfetch::client(args.timeout)?;
    // First await: the status line and the headers.
    let response = match client.get(args.url.clone()).send().await {
        Ok(response) => response,
        Err(e) => {
            webfetch::report(&args.url, &cause(&e));
            return Ok(1);
        }
    };
    let status = response.status().as_u16();
    // Second await: the body, in full before anything is printed, so a request that fails
    // halfway prints only its error. aiohttp would guess an encoding for bytes that are not
    // UTF-8; this port says so instead of printing a guess.
    let body = match webfetch::text(response).await {
        Ok(body) => body,
        Err(cause) => {
            webfetch::report(&args.url, &cause);
            return Ok(1);
        }
    };
    // `writeln!` where the original has `print`: it returns an error if stdout is closed,
    // where `println!` would panic. print() ends the body with a newline, so this does too.
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{status}\n{body}")?;
    Ok(0)
}
// ANCHOR_END: main
