//! ex_timeout: tokio::time::timeout, but the Elapsed error printed as it is.
//! verdict: fail
//! diagnosis: text

use std::error::Error;
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
async fn main() -> Result<(), Box<dyn Error>> {
    let args = Args::parse();
    let client = webfetch::client_builder()
        .build()
        .map_err(webfetch::setup_failed)?;
    let fetched = match timeout(args.timeout, webfetch::get_text(&client, args.url.clone())).await {
        Ok(fetched) => fetched,
        Err(elapsed) => Err(elapsed.to_string()),
    };
    let html = fetched.map_err(|cause| format!("{}: {cause}", args.url))?;
    println!("{html}");
    println!("OK");
    Ok(())
}
