//! ex_timeout: tokio::select! between the fetch and a sleep of --timeout.
//! verdict: pass
//! diagnosis: none

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
    let client = webfetch::client_builder()
        .build()
        .map_err(webfetch::setup_failed)?;
    let fetched = tokio::select! {
        fetched = webfetch::get_text(&client, args.url.clone()) => fetched,
        () = tokio::time::sleep(args.timeout) => Err("timed out".to_owned()),
    };
    match fetched {
        Ok(body) => {
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
