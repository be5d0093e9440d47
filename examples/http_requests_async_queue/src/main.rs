//! Port of `http_requests_async_queue.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a fixed number of workers share one list of URLs. Each worker takes the next URL,
//! fetches it, records the page's title, and comes back for more until the list is empty:
//! never more than PARALLEL requests in flight, however long the list. The results come in
//! the order the pages finish, which varies from run to run.
//!
//! Usage: `cargo run -p http_requests_async_queue -- LIMIT PARALLEL FILENAME`: the first
//! LIMIT URLs of the file, PARALLEL workers.

use std::collections::VecDeque;
use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use webfetch::{Client, get_text, title};

// ANCHOR: main
/// Each page's URL and title (`None` without one), in the order the pages finished;
/// a failed page's error instead of its title.
type Results = Arc<Mutex<Vec<(String, Result<Option<String>, String>)>>>;

async fn fetch(client: Client, urls: Arc<Mutex<VecDeque<String>>>, results: Results) {
    loop {
        // The lock is held only to take a URL, never across an await.
        let Some(url) = urls.lock().unwrap().pop_front() else {
            break;
        };
        let outcome = get_text(&client, &url).await.map(|html| title(&html));
        results.lock().unwrap().push((url, outcome));
    }
}

#[vclock::main]
async fn main() -> Result<ExitCode, Box<dyn Error>> {
    let args = Args::parse();
    let mut urls = lessonkit::read_url_list(&args.filename)?;
    urls.truncate(args.limit);
    // A reqwest::Client is a handle to one shared pool: cloning it shares the session.
    let client = webfetch::client(args.timeout)?;
    let parallel = lessonkit::fit_open_files(args.parallel.into());

    let urls = Arc::new(Mutex::new(VecDeque::from(urls)));
    let results: Results = Arc::default();
    let tasks: Vec<_> = (0..parallel)
        .map(|_| tokio::spawn(fetch(client.clone(), urls.clone(), results.clone())))
        .collect();
    for task in tasks {
        task.await?;
    }

    // Exit code 1 if a page failed.
    let mut exit = ExitCode::SUCCESS;
    for (url, outcome) in results.lock().unwrap().iter() {
        match outcome {
            // Python prints None for a page without a title.
            Ok(title) => println!("{url} - {}", title.as_deref().unwrap_or("None")),
            Err(cause) => {
                // Lost if stderr cannot take it, and nothing else (eprintln! would end the run).
                let _ = writeln!(io::stderr(), "error: {url}: {cause}");
                exit = ExitCode::FAILURE;
            }
        }
    }
    Ok(exit)
}
// ANCHOR_END: main

/// Prints "URL - title" for the first LIMIT pages of a list, fetched by PARALLEL workers.
#[derive(Parser)]
struct Args {
    /// How many URLs of the file to fetch, at most (1 or more).
    #[arg(value_parser = at_least_one)]
    limit: usize,
    /// How many workers fetch at the same time.
    #[arg(value_parser = clap::value_parser!(u16).range(1..))]
    parallel: u16,
    /// A file with one URL per line.
    filename: String,
    /// Seconds to wait for each whole response before giving up.
    #[arg(long, default_value = "10", value_parser = webfetch::seconds)]
    timeout: Duration,
}

/// A whole number of 1 or more, for LIMIT: a limit of 0 would fetch nothing.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("not a whole number of 1 or more".to_owned()),
    }
}
