//! Port of examples/crawl/original.py (this project's own original).
//!
//! Lesson: a coroutine may await itself. `crawl(page)` fetches a page, then gathers a crawl
//! of each of its links, which gather theirs, down to a depth; the links of a page are
//! fetched at the same time, so the whole takes as long as the slowest chain of fetches, not
//! their sum. Python needs nothing more. Rust compiles an `async fn` into a future whose size
//! it works out ahead of time, and whose `Send` it infers from what the future holds; for a
//! function that calls itself it can do neither (rustc's E0733 for a crawl awaited inside a
//! crawl, E0283 for one spawned, as here). So `crawl` is a plain `fn` that says both in its
//! return type, `Pin<Box<dyn Future + Send>>`: a box is a pointer, one size however deep the
//! crawl goes, and `+ Send` is promised and checked. The site is in memory: each fetch is a
//! sleep of the page's own latency.
//!
//! Usage: `cargo run -p crawl -- 3` (how many links deep to follow; default 2).

// ANCHOR: main
use std::collections::HashSet;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::try_join_all;
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

/// `async def crawl(...)`, as a `fn` that returns its future boxed: the future may then
/// hold, or spawn, crawls of its own (see the lesson above).
fn crawl(
    page: &'static str,
    level: usize,
    depth: usize,
    seen: Seen,
) -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(async move {
        // `set.add` is `insert`, which says whether the page is new. The lock is let go at
        // once: no task holds it across an await.
        if !seen.lock().unwrap().insert(page) {
            return;
        }
        let links = fetch(page).await;
        println!("depth {level}: {page} -> {}", links.join(" "));
        if level < depth {
            // asyncio.gather(...): one task per link, started in the links' order.
            let children = links
                .iter()
                .map(|&link| tokio::spawn(crawl(link, level + 1, depth, seen.clone())));
            try_join_all(children).await.expect("a crawl panicked");
        }
    })
}

#[vclock::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = args.first().map_or("2", String::as_str);
    // Whole numbers only, like the original's isdigit(); one past usize's range follows
    // every link, as any depth past this small site's does.
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
// ANCHOR_END: main
