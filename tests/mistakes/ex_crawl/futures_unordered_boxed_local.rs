//! ex_crawl: the async fn kept, its children boxed with FutureExt::boxed_local into a FuturesUnordered, drained with next().
//! verdict: pass
//! diagnosis: none
//! The box is the indirection a recursive async fn needs; no task is spawned, so nothing
//! asks for Send. FuturesUnordered polls the children side by side, first in the order
//! they were pushed, which is the links' order: each page is claimed by the same crawl.

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::FutureExt;
use futures::StreamExt;
use futures::stream::FuturesUnordered;
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

async fn crawl(page: &'static str, level: usize, depth: usize, seen: Seen) {
    if !seen.lock().unwrap().insert(page) {
        return;
    }
    let links = fetch(page).await;
    println!("depth {level}: {page} -> {}", links.join(" "));
    if level < depth {
        let mut children: FuturesUnordered<_> = links
            .iter()
            .map(|&link| crawl(link, level + 1, depth, seen.clone()).boxed_local())
            .collect();
        while children.next().await.is_some() {}
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
    crawl("/", 0, depth, seen.clone()).await;
    let pages = seen.lock().unwrap().len();
    let elapsed = start.elapsed().as_secs_f64();
    println!("Crawled {pages} pages in {elapsed:.2} seconds");
    ExitCode::SUCCESS
}
