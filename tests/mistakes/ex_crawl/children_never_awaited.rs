//! ex_crawl: boxed right, but each link's crawl spawned and never awaited, like create_task without gather.
//! verdict: fail
//! diagnosis: ended_early
//! crawl("/") returns as soon as it has spawned its children: main says it crawled 1 page
//! at 0.1 s and returns, and tokio drops the crawls still running.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::{Instant, sleep};

/// page -> (latency in milliseconds, links)
const SITE: &[(&str, u64, &[&str])] = &[
    ("/", 100, &["/blog", "/shop", "/about"]),
    ("/blog", 700, &["/blog/async", "/blog/rust", "/"]),
    ("/shop", 100, &["/shop/cart", "/about"]),
    ("/about", 400, &["/team", "/"]),
    ("/blog/async", 700, &["/blog/rust", "/shop"]),
    ("/blog/rust", 300, &["/blog/async", "/careers"]),
    ("/shop/cart", 200, &["/shop/checkout"]),
    ("/shop/checkout", 800, &["/"]),
    ("/team", 100, &["/about", "/careers"]),
    ("/careers", 400, &["/"]),
];

/// The set of pages crawled so far, shared by every task of the crawl.
type Seen = Arc<Mutex<HashSet<&'static str>>>;

async fn fetch(page: &str) -> &'static [&'static str] {
    let (_, latency, links) = SITE.iter().find(|(p, ..)| *p == page).expect("a site page");
    sleep(Duration::from_millis(*latency)).await;
    links
}

fn crawl(
    page: &'static str,
    level: usize,
    depth: usize,
    seen: Seen,
) -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(async move {
        if !seen.lock().unwrap().insert(page) {
            return;
        }
        let links = fetch(page).await;
        println!("depth {level}: {page} -> {}", links.join(" "));
        if level < depth {
            for &link in links {
                tokio::spawn(crawl(link, level + 1, depth, seen.clone()));
            }
        }
    })
}

#[vclock::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = args.first().map_or("2", String::as_str);
    let digits = !arg.is_empty() && arg.bytes().all(|b| b.is_ascii_digit());
    if args.len() > 1 || !digits {
        eprintln!("usage: crawl [DEPTH]: DEPTH, how many links deep to follow, is a whole number");
        return ExitCode::FAILURE;
    }
    let depth = arg.parse().unwrap_or(usize::MAX);

    let start = Instant::now();
    let seen = Seen::default();
    crawl("/", 0, depth, seen.clone()).await;
    let pages = seen.lock().unwrap().len();
    let elapsed = start.elapsed().as_secs_f64();
    println!("Crawled {pages} pages in {elapsed:.2} seconds");
    ExitCode::SUCCESS
}
