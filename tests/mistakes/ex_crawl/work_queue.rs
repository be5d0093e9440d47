//! ex_crawl: no recursion: a JoinSet of fetches, and a loop that spawns each page's links.
//! verdict: pass
//! diagnosis: none
//! Each page is marked seen when its fetch is spawned, in the links' order, at the instant
//! the original's crawl of it starts: the same pages, at the same instants.

use std::collections::HashSet;
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

async fn crawl(depth: usize, seen: Seen) {
    let mut fetches = tokio::task::JoinSet::new();
    seen.lock().unwrap().insert("/");
    fetches.spawn(async { ("/", 0, fetch("/").await) });
    while let Some(done) = fetches.join_next().await {
        let (page, level, links) = done.expect("a fetch panicked");
        println!("depth {level}: {page} -> {}", links.join(" "));
        if level < depth {
            for &link in links {
                if seen.lock().unwrap().insert(link) {
                    fetches.spawn(async move { (link, level + 1, fetch(link).await) });
                }
            }
        }
    }
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
    crawl(depth, seen.clone()).await;
    let pages = seen.lock().unwrap().len();
    let elapsed = start.elapsed().as_secs_f64();
    println!("Crawled {pages} pages in {elapsed:.2} seconds");
    ExitCode::SUCCESS
}
