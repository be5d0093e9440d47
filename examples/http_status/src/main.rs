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
//! Python.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

/// Fetches a URL and prints the status code, then the body.
#[derive(Parser)]
struct Args {
    /// The URL to fetch (http:// or https://).
    #[arg(default_value = "http://localhost:8080", value_parser = http_url)]
    url: reqwest::Url,
    /// Seconds to wait for the whole response, body included, before giving up.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    timeout: f64,
}

/// An http:// or https:// URL: anything else is a bad argument (exit code 2), refused before
/// any request.
fn http_url(text: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(text).map_err(|e| format!("not a URL: {e}"))?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        _ => Err("not an http:// or https:// URL".to_owned()),
    }
}

/// A timeout in seconds: a positive number, at most a day.
fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        // Too small a figure (1e-300) would round to no time at all.
        Ok(secs) if (1e-9..=86_400.0).contains(&secs) => Ok(secs),
        _ => Err("expected a number of seconds above 0, at most 86400".to_owned()),
    }
}

/// The largest body this program reads; a bigger one is refused, not loaded into memory.
const MAX_BODY: usize = 16 << 20;

/// What went wrong, in a few words.
fn cause(err: reqwest::Error, timeout: f64) -> String {
    if err.is_timeout() {
        format!("timed out after {timeout} s")
    } else if err.is_redirect() {
        "too many redirects".to_owned()
    } else if err.is_connect() {
        // The innermost error says why. A refused connection is named in words, not with
        // the system's error number (111 on Linux, 61 on macOS).
        let mut source: &dyn std::error::Error = &err;
        while let Some(inner) = source.source() {
            source = inner;
        }
        match source.downcast_ref::<io::Error>() {
            Some(io) if io.kind() == io::ErrorKind::ConnectionRefused => {
                "cannot connect: connection refused".to_owned()
            }
            _ => format!("cannot connect: {source}"),
        }
    } else {
        // Anything else, with every reason it gives, e.g. "error decoding response body:
        // ..." for a connection cut in the middle of the body.
        with_sources(&err.without_url())
    }
}

/// An error and every reason it gives, joined by ": ".
fn with_sources(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        text = format!("{text}: {inner}");
        source = inner.source();
    }
    text
}

/// The status code and the body of `url`. The whole body is read before anything is
/// printed, so a request that fails halfway prints only its error.
async fn fetch(
    client: &reqwest::Client,
    url: &reqwest::Url,
    timeout: f64,
) -> Result<(u16, String), String> {
    let mut response = client
        .get(url.clone())
        .send()
        .await
        .map_err(|e| cause(e, timeout))?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| cause(e, timeout))? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(format!("the body is larger than {} MiB", MAX_BODY >> 20));
        }
        body.extend_from_slice(&chunk);
    }
    // aiohttp would guess an encoding for bytes that are not UTF-8; this port says so
    // instead of printing a guess.
    let text = String::from_utf8(body).map_err(|_| "the body is not valid UTF-8".to_owned())?;
    Ok((status, text))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    // rustls, reqwest's TLS, needs its cryptography chosen once per program.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let args = Args::parse();
    // One client for every request, like aiohttp's ClientSession. no_proxy: aiohttp ignores
    // the HTTP_PROXY variables unless asked to trust them, and a proxy cannot reach a site
    // on this machine's 127.0.0.1 anyway.
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs_f64(args.timeout))
        .no_proxy()
        .build()
    {
        Ok(client) => client,
        // With TLS, building the client loads the trusted certificates: none found (no
        // system store, or an SSL_CERT_FILE that names no certificates) is an error.
        Err(e) => {
            eprintln!("error: cannot build the HTTP client: {}", with_sources(&e));
            return ExitCode::FAILURE;
        }
    };
    match fetch(&client, &args.url, args.timeout).await {
        Ok((status, body)) => match print(status, &body) {
            Ok(()) => ExitCode::SUCCESS,
            // The reader stopped reading (`| head`): nothing went wrong here.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot print the response: {e}");
                ExitCode::FAILURE
            }
        },
        Err(cause) => {
            eprintln!("error: {}: {cause}", args.url);
            ExitCode::FAILURE
        }
    }
}

/// Prints the status, then the body. Unlike println!, which panics when stdout is closed,
/// this returns the error.
fn print(status: u16, body: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{status}")?;
    // print() ends the body with a newline of its own, so this does too.
    writeln!(out, "{body}")?;
    out.flush()
}
