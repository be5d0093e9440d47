//! Port of `http_requests_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: the blocking way to fetch many pages. Each request waits for the one before it,
//! so the run takes the sum of all the response times. The original uses `requests`; its
//! Rust counterpart is reqwest's blocking client. Titles are found with a real HTML parser
//! (`scraper`, where the original used BeautifulSoup). Compare `http_requests_async`.
//!
//! Usage: `cargo run -p http_requests_sync -- urls.txt`, one URL per line. The local site
//! (`cargo run -p site -- --port 8080`) serves pages to try it on.

use std::fs;
use std::io::Read;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use reqwest::blocking::Client;
use scraper::{Html, Selector};

/// Prints the title of every page in a list, fetching them one after another.
#[derive(Parser)]
struct Args {
    /// A file with one URL per line.
    filename: String,
    /// Seconds to wait for each whole response before giving up.
    #[arg(long, default_value = "10", value_parser = seconds)]
    timeout: Duration,
}

/// A positive number of seconds, for `--timeout`.
fn seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text.parse().map_err(|_| "not a number".to_owned())?;
    match Duration::try_from_secs_f64(secs) {
        Ok(duration) if !duration.is_zero() => Ok(duration),
        _ => Err("not a positive number of seconds".to_owned()),
    }
}

/// The largest body read; a bigger one is refused, not loaded into memory.
const MAX_BODY: usize = 16 << 20;

/// What went wrong, in a few words.
fn cause(err: reqwest::Error) -> String {
    if err.is_timeout() {
        "timed out".to_owned()
    } else if err.is_connect() {
        connect_failure(&err)
    } else if err.is_redirect() {
        "too many redirects".to_owned()
    } else if let Some(status) = err.status() {
        format!("HTTP status {status}")
    } else {
        let source = std::error::Error::source(&err).map(|s| format!(": {s}"));
        format!("{}{}", err.without_url(), source.unwrap_or_default())
    }
}

/// Why a connection failed. A refused one (nothing listens on the port) reads "cannot
/// connect", which says it all; anything else names its innermost cause, e.g. "cannot
/// connect: invalid peer certificate: UnknownIssuer" for an https:// server whose
/// certificate no trusted authority signed.
fn connect_failure(err: &reqwest::Error) -> String {
    let cause = innermost(err);
    match cause.downcast_ref::<std::io::Error>() {
        Some(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "cannot connect".to_owned()
        }
        _ => format!("cannot connect: {cause}"),
    }
}

/// The last of an error's sources, where the words that matter are: reqwest's own message
/// is only "error sending request" or "builder error".
fn innermost<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> &'a (dyn std::error::Error + 'static) {
    let mut cause = err;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause
}

fn fetch(client: &Client, url: &str, timeout: Duration) -> Result<String, String> {
    // The blocking client's timeout covers each read, not the whole response: a body that
    // trickles in, a byte at a time, would never end. So the whole response has a deadline
    // of its own, as aiohttp's total timeout and the async ports' timeouts give.
    let deadline = Instant::now() + timeout;
    let response = client.get(url).send().map_err(cause)?;
    let mut response = response.error_for_status().map_err(cause)?;
    let mut body = Vec::new();
    let mut chunk = [0; 8192];
    loop {
        let read = match response.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            // The blocking reader wraps reqwest's own error (a timeout, say) in an io::Error.
            Err(e) => {
                return Err(
                    match e
                        .into_inner()
                        .map(|inner| inner.downcast::<reqwest::Error>())
                    {
                        Some(Ok(err)) => cause(*err),
                        Some(Err(other)) => format!("reading the body: {other}"),
                        None => "reading the body failed".to_owned(),
                    },
                );
            }
        };
        body.extend_from_slice(&chunk[..read]);
        if body.len() > MAX_BODY {
            return Err(format!("the body is larger than {} MiB", MAX_BODY >> 20));
        }
        if Instant::now() > deadline {
            return Err("timed out".to_owned());
        }
    }
    String::from_utf8(body).map_err(|_| "the body is not valid UTF-8".to_owned())
}

/// The text of the page's `<title>`, if it has one.
fn title(html: &str) -> Option<String> {
    let selector = Selector::parse("title").expect("a valid selector");
    let document = Html::parse_document(html);
    document
        .select(&selector)
        .next()
        .map(|t| t.text().collect())
}

fn main() -> ExitCode {
    // rustls, reqwest's TLS, needs its cryptography chosen once per program.
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    let args = Args::parse();
    let list = match fs::read_to_string(&args.filename) {
        Ok(list) => list,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.filename);
            return ExitCode::from(2);
        }
    };
    // Some editors save a byte-order mark first: it is not part of the first URL.
    let list = list.strip_prefix('\u{feff}').unwrap_or(&list);
    let urls: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if urls.is_empty() {
        eprintln!("{} lists no URLs", args.filename);
    }

    let client = match Client::builder()
        .timeout(args.timeout)
        .connect_timeout(Duration::from_secs(5))
        .build()
    {
        Ok(client) => client,
        // With TLS, building the client loads the trusted certificates: none found (no
        // system store, or an SSL_CERT_FILE that names no certificates) is an error.
        Err(e) => {
            eprintln!("error: cannot build the HTTP client: {}", innermost(&e));
            return ExitCode::FAILURE;
        }
    };
    let mut failed = 0;
    for url in urls {
        match fetch(&client, url, args.timeout) {
            Ok(content) => {
                println!("{url}");
                println!("{}", title(&content).as_deref().unwrap_or("Missing"));
            }
            Err(cause) => {
                eprintln!("error: {url}: {cause}");
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
