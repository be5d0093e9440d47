//! ex_timeout: tokio::select! between the fetch and a sleep of --timeout.
//! verdict: pass
//! diagnosis: none

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
    let client = webfetch::client_builder()
        .build()
        .map_err(webfetch::setup_failed)?;
    let fetched = tokio::select! {
        fetched = webfetch::get_text(&client, args.url.clone()) => fetched,
        () = tokio::time::sleep(args.timeout) => Err("timed out".to_owned()),
    };
    let html = fetched.map_err(|cause| format!("{}: {cause}", args.url))?;
    println!("{html}");
    println!("OK");
    Ok(())
}
