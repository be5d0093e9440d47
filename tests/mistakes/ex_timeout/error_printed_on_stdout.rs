//! ex_timeout: the timeout right, but the error line printed with println!, on stdout.
//! verdict: fail
//! diagnosis: text
//! stderr stays empty where the golden expects the error line there: the wrong stream,
//! not a program that ended too soon.

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use tokio::time::timeout;
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
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args = Args::parse();
    let client = webfetch::client_builder()
        .build()
        .map_err(webfetch::setup_failed)?;
    let fetched = match timeout(args.timeout, webfetch::get_text(&client, args.url.clone())).await {
        Ok(fetched) => fetched,
        Err(_elapsed) => Err("timed out".to_owned()),
    };
    match fetched {
        Ok(html) => {
            println!("{html}");
            println!("OK");
            Ok(ExitCode::SUCCESS)
        }
        Err(cause) => {
            println!("error: {}: {cause}", args.url);
            Ok(ExitCode::FAILURE)
        }
    }
}
