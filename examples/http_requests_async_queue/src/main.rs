//! Port of `http_requests_async_queue.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a fixed number of workers share one list of URLs. Each worker takes the next URL,
//! fetches it, records the page's title, and comes back for more until the list is empty:
//! never more than PARALLEL requests in flight, however long the list. The results come in
//! the order the pages finish, which varies from run to run.
//!
//! Usage: `cargo run -p http_requests_async_queue -- LIMIT PARALLEL FILENAME`: the first
//! LIMIT URLs of the file, PARALLEL workers. The plumbing (the client, the fetch, the
//! title, errors in words) is in `crates/webfetch`.

// ANCHOR: main
use std::collections::VecDeque;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use webfetch::{Client, Fatal, get_text, title};

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

/// Each page's URL and title (`None` without one), in the order the pages finished;
/// a failed page's error instead of its title.
type Results = Arc<Mutex<Vec<(String, Result<Option<String>, String>)>>>;

async fn worker(client: Client, urls: Arc<Mutex<VecDeque<String>>>, results: Results) {
    loop {
        // The lock is held only to take a URL, never across an await.
        let Some(url) = urls.lock().unwrap().pop_front() else {
            break;
        };
        let outcome = get_text(&client, &url).await.map(|html| title(&html));
        results.lock().unwrap().push((url, outcome));
    }
}

// asyncio.run(main()): a runtime runs the future to its end.
#[vclock::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    webfetch::exit(print_titles(args).await)
}

/// Returns how many pages failed.
async fn print_titles(args: Args) -> Result<usize, Fatal> {
    let mut urls = webfetch::read_url_list(&args.filename).await?;
    urls.truncate(args.limit);
    // A reqwest::Client is a handle to one shared pool: cloning it shares the session.
    let client = webfetch::client(args.timeout)?;
    let parallel = webfetch::fit_open_files(args.parallel.into());

    let urls = Arc::new(Mutex::new(VecDeque::from(urls)));
    let results: Results = Arc::default();
    let workers: Vec<_> = (0..parallel)
        .map(|_| tokio::spawn(worker(client.clone(), urls.clone(), results.clone())))
        .collect();
    for worker in workers {
        // A worker ends when the list is empty; an error here would be a panic in it.
        worker.await.unwrap();
    }

    // `writeln!` where the original has `print`: it returns an error if stdout is closed,
    // where `println!` would panic.
    let mut stdout = io::stdout().lock();
    let mut failed = 0;
    for (url, outcome) in results.lock().unwrap().iter() {
        match outcome {
            // Python prints None for a page without a title.
            Ok(title) => writeln!(stdout, "{url} - {}", title.as_deref().unwrap_or("None"))?,
            Err(cause) => {
                webfetch::report(url, cause);
                failed += 1;
            }
        }
    }
    Ok(failed)
}
// ANCHOR_END: main
