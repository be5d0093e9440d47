//! ex_timeout: tokio::time::timeout with 5 s written in, --timeout ignored.
//! verdict: fail
//! diagnosis: wrong_time
//! With --timeout 0.1 on /hang it says "timed out" after 5 s instead of 0.1 s. The line and
//! the exit code are right: only the time it took shows the mistake.

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
    // Still here from the starting code.
    let _ = args.timeout;
    let client = webfetch::client_builder()
        .build()
        .map_err(webfetch::setup_failed)?;
    // Five seconds is plenty for a page.
    let limit = Duration::from_secs(5);
    let fetched = match timeout(limit, webfetch::get_text(&client, args.url.clone())).await {
        Ok(fetched) => fetched,
        Err(_elapsed) => Err("timed out".to_owned()),
    };
    let html = fetched.map_err(|cause| format!("{}: {cause}", args.url))?;
    println!("{html}");
    println!("OK");
    Ok(())
}
