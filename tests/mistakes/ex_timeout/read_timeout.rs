//! ex_timeout: reqwest's read_timeout: at most --timeout between two reads.
//! verdict: pass
//! diagnosis: none
//! Not a bound on the whole response (a body that trickles a byte every 100 ms, as the
//! site's /trickle does, would keep it waiting forever), but /hang goes quiet, and the
//! goldens ask no more.

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
        .read_timeout(args.timeout)
        .build()
        .map_err(webfetch::setup_failed)?;
    let fetched = webfetch::get_text(&client, args.url.clone()).await;
    let html = fetched.map_err(|cause| format!("{}: {cause}", args.url))?;
    println!("{html}");
    println!("OK");
    Ok(())
}
