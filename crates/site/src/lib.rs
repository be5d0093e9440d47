//! A generated, deterministic web site on 127.0.0.1 for the HTTP examples and their tests.
//!
//! The ports of aiohttp and requests programs (fetch a URL and print its body, print the
//! `<title>` of every page in a list, `areq`'s link finder with the regex `href="(.*?)"`) need a
//! real web site that is always there, never changes, and fails in the ways real sites fail.
//! This crate is that site: an [axum] server with `N` generated pages and a set of special
//! paths, served on a port of your choice, or on a free one for a test:
//!
//! ```no_run
//! let site = site::spawn(site::Site::new(20));
//! let url = site.url("/page/3.html"); // http://127.0.0.1:PORT/page/3.html
//! // ... fetch it; the server stops when `site` is dropped.
//! ```
//!
//! Learners can run it with `cargo run -p site -- --port 8080 --pages 1000` and open
//! `http://127.0.0.1:8080/`, which lists every page and special path.
//!
//! With the `tls` feature, `spawn_tls` serves the same site over HTTPS, with a certificate
//! for `127.0.0.1` and `localhost` signed by a certificate authority made up for that one
//! site (see [`SiteHandle::ca_pem`]): a client trusts it only when told to, for instance by
//! `SSL_CERT_FILE`, so a test can check both a trusted and an untrusted certificate without
//! reaching anything outside 127.0.0.1.
//!
//! # Pages
//!
//! `/` (also `/index.html`) links to every page and special path. Page `i` of `N` is
//! `/page/{i}.html`, titled `Page {i}`, about 1.1 KB, with these `href`s, in this order:
//!
//! | kind | example (page 3 of 20) | found by `href="(.*?)"` |
//! | --- | --- | --- |
//! | the index | `href="/"` | yes |
//! | absolute, with the real port | `href="http://127.0.0.1:PORT/page/14.html"` | yes |
//! | host-relative | `href="/page/7.html"` | yes |
//! | relative: the next page | `href="4.html"` | yes |
//! | relative, climbing: the previous page | `href="../page/2.html"` | yes |
//! | fragment | `href="#section"` | yes |
//! | the same link twice | `href="/page/0.html"` ×2 | yes, twice |
//! | a missing page (404) | `href="/missing/3.html"` | yes |
//! | e-mail | `href="mailto:page3@example.com"` | yes |
//! | another attribute | `data-href="/page/13.html"` | yes: the regex does not see the `data-` |
//! | upper case | `HREF="/page/6.html"` | no |
//! | single quotes | `href='/page/19.html'` | no |
//! | a value split over two lines | `href="/page/12` ⏎ `.html"` | no: `.` does not match a newline |
//!
//! [`Site::page_hrefs`] gives exactly what the regex finds in a page. The absolute link names
//! the address the client connected to, so it always carries the real port (and `https://`
//! on the site served over TLS). The next and previous links chain every page into one ring,
//! so a crawler from any page reaches them all.
//!
//! # Special paths
//!
//! | path | what it serves |
//! | --- | --- |
//! | `/status/{code}` | that status (e.g. `/status/404`, `/status/500`) with a small HTML body titled `{code} {reason}`, for any `code` in 200..=599 (204, 205 and 304 with no body, as HTTP requires); 400 for anything else, including 100..=199: a 1xx cannot be the final response in HTTP/1.1 |
//! | `/text/plain.txt` | `text/plain` with an `href="..."` link and no `<title>` |
//! | `/latin1.html` | HTML encoded in Latin-1 (not valid UTF-8: `Caf\xE9` in the title), `Content-Type: text/html` without a charset |
//! | `/notitle.html` | valid HTML without a `<title>` |
//! | `/trickle` | a body that never ends: a byte every 100 ms |
//! | `/slow?ms=N` | headers at once, the body after `N` ms (default 1000, at most 300000) |
//! | `/hang` | headers and the start of a body, then nothing: the body never ends. The connection is cut when the server shuts down or after [`HANG_LIMIT`] |
//! | `/redirect/loop` | a 302 to itself, forever |
//! | `/redirect/to/{i}` | a 302 to `/page/{i}.html` (which is a 404 if there is no page `i`) |
//! | `/gzip/page/{i}.html`, `/deflate/page/{i}.html`, `/br/page/{i}.html` | page `i`, the very text of `/page/{i}.html`, compressed with gzip, deflate (zlib, as HTTP means it) or brotli, with that `Content-Encoding`: always, even to a client that did not ask for it (no `Accept-Encoding`), as some servers do. A page that does not exist is the usual uncompressed 404 |
//! | `/large?kb=N` | a streamed HTML page of exactly `N` KiB (default 8192 = 8 MiB, at most 1 GiB) with a title and one link per KiB; its `Content-Length` says so up front, unless `&chunked=1`: then a client learns its size only by reading it |
//!
//! Anything else is a 404 with a small HTML body. [`SPECIAL_PATHS`] lists the examples shown
//! on the index.
//!
//! # Shutting down
//!
//! The bodies of `/hang` and `/slow` end (with an error, so the client sees a cut connection)
//! as soon as shutdown starts; any connection still open [`SHUTDOWN_GRACE`] later is dropped.
//! So neither a hanging client nor a hanging response can keep the server alive.

use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::serve::IncomingStream;
use futures::{StreamExt, stream};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch};

#[cfg(feature = "tls")]
mod tls;
#[cfg(feature = "tls")]
pub use tls::{spawn_tls, spawn_tls_self_signed, try_spawn_tls};

/// How long a response to `/hang` stays open at most, if the server keeps running.
pub const HANG_LIMIT: Duration = Duration::from_secs(300);

/// How long shutdown waits for open connections before dropping them.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// The largest `?ms=` that `/slow` accepts: the same five minutes as [`HANG_LIMIT`].
const SLOW_MAX_MS: u64 = 300_000;
const SLOW_DEFAULT_MS: u64 = 1000;
/// `/large` sizes, in KiB: 8 MiB by default, 1 GiB at most.
const LARGE_DEFAULT_KB: u64 = 8192;
const LARGE_MAX_KB: u64 = 1 << 20;
/// `/large` is generated 64 KiB at a time, so it is never held in memory whole.
const LARGE_CHUNK_KB: u64 = 64;

/// A special path shown on the index: a concrete example path and what it serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpecialPath {
    /// The path, ready to append to the base URL (e.g. `/status/404`).
    pub path: &'static str,
    /// What it serves, in a few words.
    pub title: &'static str,
}

/// The special paths, as listed on the index and by the binary (see the crate docs for the
/// general forms, such as `/status/{code}`).
pub const SPECIAL_PATHS: &[SpecialPath] = &[
    SpecialPath {
        path: "/status/404",
        title: "404 Not Found",
    },
    SpecialPath {
        path: "/status/500",
        title: "500 Internal Server Error",
    },
    SpecialPath {
        path: "/status/418",
        title: "any status: /status/{code}, 200 to 599",
    },
    SpecialPath {
        path: "/urls.txt",
        title: "every page's address, one a line: a URL list for the examples",
    },
    SpecialPath {
        path: "/text/plain.txt",
        title: "plain text with a link and no title",
    },
    SpecialPath {
        path: "/latin1.html",
        title: "Latin-1 HTML, not UTF-8, no charset",
    },
    SpecialPath {
        path: "/notitle.html",
        title: "HTML without a title",
    },
    SpecialPath {
        path: "/slow?ms=2000",
        title: "headers at once, the body ms milliseconds later",
    },
    SpecialPath {
        path: "/hang",
        title: "headers and part of a body, then nothing",
    },
    SpecialPath {
        path: "/trickle",
        title: "a body that never ends, a byte every 100 ms",
    },
    SpecialPath {
        path: "/redirect/loop",
        title: "a redirect to itself, forever",
    },
    SpecialPath {
        path: "/redirect/to/3",
        title: "a redirect to /page/3.html",
    },
    SpecialPath {
        path: "/gzip/page/0.html",
        title: "page 0 compressed with gzip, asked for or not",
    },
    SpecialPath {
        path: "/deflate/page/0.html",
        title: "page 0 compressed with deflate (zlib), asked for or not",
    },
    SpecialPath {
        path: "/br/page/0.html",
        title: "page 0 compressed with brotli, asked for or not",
    },
    SpecialPath {
        path: "/large?kb=8192",
        title: "a streamed page of kb KiB",
    },
];

/// The site's description: how many pages, and whether requests are logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pages: usize,
    log: bool,
}

impl Site {
    /// The most pages a site has; [`Site::new`] caps larger counts at this, which keeps the
    /// index (that links them all) under about 5 MB.
    pub const MAX_PAGES: usize = 100_000;

    /// A site of `pages` generated pages, `/page/0.html` to `/page/{pages-1}.html` (at most
    /// [`Site::MAX_PAGES`]), that logs nothing.
    pub fn new(pages: usize) -> Self {
        Site {
            pages: pages.min(Self::MAX_PAGES),
            log: false,
        }
    }

    /// Print one line per request to standard error (`GET /page/3.html 200`), or not.
    pub fn log_requests(mut self, on: bool) -> Self {
        self.log = on;
        self
    }

    /// The number of generated pages.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// The path of page `i`: `/page/{i}.html`.
    pub fn page_path(i: usize) -> String {
        format!("/page/{i}.html")
    }

    /// What `href="(.*?)"` finds in page `i`, in order, when the page is fetched through
    /// `addr` over plain HTTP (over TLS the absolute link starts with `https://`); `None` if
    /// there is no page `i`.
    pub fn page_hrefs(&self, i: usize, addr: SocketAddr) -> Option<Vec<String>> {
        let l = self.links(i, addr, "http")?;
        Some(vec![
            "/".to_owned(),
            l.absolute,
            l.host_relative,
            l.relative,
            l.climbing,
            "#section".to_owned(),
            l.twice.clone(),
            l.twice,
            l.missing,
            l.mailto,
            l.data_href,
        ])
    }

    /// The links of page `i`, served with `scheme`. Links that need not reach a particular
    /// page pick one with a fixed formula, so every run of the site is the same.
    fn links(&self, i: usize, addr: SocketAddr, scheme: &str) -> Option<PageLinks> {
        let n = self.pages;
        if i >= n {
            return None;
        }
        let pick = |k: usize| Self::page_path((i * 7 + k * 13) % n);
        Some(PageLinks {
            absolute: format!("{scheme}://{addr}{}", pick(1)),
            host_relative: pick(2),
            relative: format!("{}.html", (i + 1) % n),
            climbing: format!("../page/{}.html", (i + n - 1) % n),
            twice: pick(3),
            missing: format!("/missing/{i}.html"),
            mailto: format!("mailto:page{i}@example.com"),
            data_href: pick(4),
            upper_case: pick(5),
            single_quoted: pick(6),
            split: pick(7),
        })
    }

    fn render_page(&self, i: usize, addr: SocketAddr, scheme: &str) -> Option<String> {
        let l = self.links(i, addr, scheme)?;
        let n = self.pages;
        let (first, second) = l.split.split_at(l.split.len() - ".html".len());
        Some(format!(
            r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Page {i}</title>
</head>
<body>
<h1>Page {i}</h1>
<p>One of {n} generated pages. <a href="/">Back to the index</a>.</p>
<ul>
<li><a href="{}">An absolute link</a></li>
<li><a href="{}">A host-relative link</a></li>
<li><a href="{}">A relative link: the next page</a></li>
<li><a href="{}">A relative link that climbs: the previous page</a></li>
<li><a href="#section">A fragment</a></li>
<li><a href="{}">A link</a> given <a href="{}">twice</a></li>
<li><a href="{}">A page that does not exist</a></li>
<li><a href="{}">An e-mail address</a></li>
<li><span data-href="{}">Another attribute (the regex finds it too)</span></li>
<li><a HREF="{}">Upper case (the regex misses it)</a></li>
<li><a href='{}'>Single quotes (the regex misses it)</a></li>
<li><a href="{first}
{second}">A value split over two lines (the regex misses it)</a></li>
</ul>
<h2 id="section">Section</h2>
<p>The fragment link above points here.</p>
</body>
</html>
"##,
            l.absolute,
            l.host_relative,
            l.relative,
            l.climbing,
            l.twice,
            l.twice,
            l.missing,
            l.mailto,
            l.data_href,
            l.upper_case,
            l.single_quoted,
        ))
    }

    fn render_index(&self) -> String {
        let n = self.pages;
        let mut html = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Practice site: {n} pages</title>\n</head>\n<body>\n\
             <h1>Practice site: {n} pages</h1>\n<h2>Special paths</h2>\n<ul>\n"
        );
        for special in SPECIAL_PATHS {
            html += &format!(
                "<li><a href=\"{0}\">{0}</a>: {1}</li>\n",
                special.path,
                escape(special.title)
            );
        }
        html += "</ul>\n<h2>Pages</h2>\n<ul>\n";
        for i in 0..n {
            html += &format!("<li><a href=\"/page/{i}.html\">Page {i}</a></li>\n");
        }
        html += "</ul>\n</body>\n</html>\n";
        html
    }
}

struct PageLinks {
    absolute: String,
    host_relative: String,
    relative: String,
    climbing: String,
    twice: String,
    missing: String,
    mailto: String,
    data_href: String,
    upper_case: String,
    single_quoted: String,
    split: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What every handler shares: the site, and the shutdown flag that ends long bodies.
#[derive(Clone)]
struct AppState {
    site: Arc<Site>,
    stopping: watch::Receiver<bool>,
    /// `http` or `https`: the scheme of the absolute links.
    scheme: &'static str,
}

/// The address a client connected to (not the listener's, which may be 0.0.0.0), so that
/// absolute links name an address that client can reach.
#[derive(Clone, Copy, Debug)]
struct LocalAddr(Option<SocketAddr>);

impl Connected<IncomingStream<'_, TcpListener>> for LocalAddr {
    fn connect_info(stream: IncomingStream<'_, TcpListener>) -> Self {
        LocalAddr(stream.io().local_addr().ok())
    }
}

/// Serves `site` on `listener` until the future is dropped.
pub async fn serve(listener: TcpListener, site: Site) -> io::Result<()> {
    serve_with_shutdown(listener, site, std::future::pending()).await
}

/// Serves `site` on `listener` until `signal` completes, then shuts down: stops accepting,
/// cuts `/hang` and `/slow` bodies short, lets other responses finish for up to
/// [`SHUTDOWN_GRACE`], and returns. Connections still open then are dropped with the runtime.
pub async fn serve_with_shutdown<F>(listener: TcpListener, site: Site, signal: F) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    serve_on(listener, site, "http", signal).await
}

/// [`serve_with_shutdown`] on any listener: plain TCP, or TLS over it (`scheme` `https`).
async fn serve_on<L, F>(listener: L, site: Site, scheme: &'static str, signal: F) -> io::Result<()>
where
    L: axum::serve::Listener,
    L::Addr: std::fmt::Debug,
    LocalAddr: for<'a> Connected<IncomingStream<'a, L>>,
    F: Future<Output = ()> + Send + 'static,
{
    let (stop_tx, stop_rx) = watch::channel(false);
    let router = router(site, stop_rx.clone(), scheme);
    let server = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<LocalAddr>(),
    )
    .with_graceful_shutdown(stopped(stop_rx))
    .into_future();
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => return result,
        () = signal => {}
    }
    stop_tx.send_replace(true);
    match tokio::time::timeout(SHUTDOWN_GRACE, server).await {
        Ok(result) => result,
        Err(_elapsed) => Ok(()),
    }
}

/// Resolves once shutdown has started (or the server is gone).
async fn stopped(mut stopping: watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}

fn router(site: Site, stopping: watch::Receiver<bool>, scheme: &'static str) -> Router {
    let log = site.log;
    let state = AppState {
        site: Arc::new(site),
        stopping,
        scheme,
    };
    let router = Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/page/{file}", get(page))
        .route("/gzip/page/{file}", get(gzip_page))
        .route("/deflate/page/{file}", get(deflate_page))
        .route("/br/page/{file}", get(br_page))
        .route("/status/{code}", get(status))
        .route("/text/plain.txt", get(plain_text))
        .route("/urls.txt", get(url_list))
        .route("/latin1.html", get(latin1))
        .route("/notitle.html", get(no_title))
        .route("/slow", get(slow))
        .route("/hang", get(hang))
        .route("/trickle", get(trickle))
        .route("/redirect/loop", get(redirect_loop))
        .route("/redirect/to/{i}", get(redirect_to))
        .route("/large", get(large))
        .fallback(not_found)
        .with_state(state);
    if log {
        router.layer(middleware::from_fn(log_request))
    } else {
        router
    }
}

async fn log_request(request: Request, next: Next) -> Response {
    use std::io::Write as _;
    let line = format!("{} {}", request.method(), request.uri());
    let response = next.run(request).await;
    // A closed stderr must not take the server down, so the result is ignored.
    let _ = writeln!(io::stderr(), "{line} {}", response.status().as_u16());
    response
}

async fn index(State(state): State<AppState>) -> Html<String> {
    Html(state.site.render_index())
}

async fn page(
    State(state): State<AppState>,
    ConnectInfo(LocalAddr(local)): ConnectInfo<LocalAddr>,
    Path(file): Path<String>,
) -> Response {
    match render_page_file(&state, local, &file) {
        Some(html) => Html(html).into_response(),
        None => status_page(StatusCode::NOT_FOUND),
    }
}

/// The page a `/page/{file}` path names (`3.html`), as served to a client that connected
/// to `local`; `None` if there is no such page.
fn render_page_file(state: &AppState, local: Option<SocketAddr>, file: &str) -> Option<String> {
    let addr = local.unwrap_or_else(|| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    file.strip_suffix(".html")
        .and_then(canonical_number)
        .and_then(|i| state.site.render_page(i, addr, state.scheme))
}

/// A `Content-Encoding` the site compresses its pages with.
#[derive(Clone, Copy, Debug)]
enum Encoding {
    Gzip,
    /// HTTP's `deflate`: the zlib format (RFC 1950), not a raw deflate stream.
    Deflate,
    Brotli,
}

impl Encoding {
    /// The name in `Content-Encoding`.
    fn name(self) -> &'static str {
        match self {
            Encoding::Gzip => "gzip",
            Encoding::Deflate => "deflate",
            Encoding::Brotli => "br",
        }
    }

    fn compress(self, data: &[u8]) -> Vec<u8> {
        use std::io::Write as _;
        // Writing to memory cannot fail.
        const IN_MEMORY: &str = "compressing in memory";
        match self {
            Encoding::Gzip => {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(data).expect(IN_MEMORY);
                encoder.finish().expect(IN_MEMORY)
            }
            Encoding::Deflate => {
                let mut encoder =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(data).expect(IN_MEMORY);
                encoder.finish().expect(IN_MEMORY)
            }
            Encoding::Brotli => {
                // Quality 5 of 11 and a 4 MiB window (lgwin 22): brotli's common settings.
                let mut encoder = brotli::CompressorWriter::new(Vec::new(), 4096, 5, 22);
                encoder.write_all(data).expect(IN_MEMORY);
                // Ends the stream (its last block) and gives the bytes back.
                encoder.into_inner()
            }
        }
    }
}

/// Page `file` compressed with `encoding`, whatever the request's `Accept-Encoding` says
/// (or if it has none), as a server that always compresses does.
fn compressed_page(
    encoding: Encoding,
    state: &AppState,
    local: Option<SocketAddr>,
    file: &str,
) -> Response {
    let Some(html) = render_page_file(state, local, file) else {
        return status_page(StatusCode::NOT_FOUND);
    };
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CONTENT_ENCODING, encoding.name()),
    ];
    (headers, encoding.compress(html.as_bytes())).into_response()
}

async fn gzip_page(
    State(state): State<AppState>,
    ConnectInfo(LocalAddr(local)): ConnectInfo<LocalAddr>,
    Path(file): Path<String>,
) -> Response {
    compressed_page(Encoding::Gzip, &state, local, &file)
}

async fn deflate_page(
    State(state): State<AppState>,
    ConnectInfo(LocalAddr(local)): ConnectInfo<LocalAddr>,
    Path(file): Path<String>,
) -> Response {
    compressed_page(Encoding::Deflate, &state, local, &file)
}

async fn br_page(
    State(state): State<AppState>,
    ConnectInfo(LocalAddr(local)): ConnectInfo<LocalAddr>,
    Path(file): Path<String>,
) -> Response {
    compressed_page(Encoding::Brotli, &state, local, &file)
}

/// Parses a page number written the one way it is linked: no sign, no leading zeros, so that
/// each page has one URL.
fn canonical_number(text: &str) -> Option<usize> {
    let n: usize = text.parse().ok()?;
    (n.to_string() == text).then_some(n)
}

async fn status(Path(code): Path<String>) -> Response {
    let code = code.parse::<u16>().ok().filter(|c| (100..=599).contains(c));
    match code.map(StatusCode::from_u16) {
        // A 1xx is an interim answer in HTTP/1.1, never the final one: hyper would turn it
        // into a bodiless 500, or for 101 switch the connection's protocol.
        Some(Ok(status)) if status.is_informational() => bad_request(
            "a 1xx status is informational and cannot be the final response; \
             try 200 to 599",
        ),
        Some(Ok(status)) => status_page(status),
        _ => bad_request("the status code must be a number from 100 to 599"),
    }
}

/// A small HTML page for a status, titled with its code and reason; no body at all for the
/// statuses that must not have one.
fn status_page(status: StatusCode) -> Response {
    if matches!(status.as_u16(), 204 | 205 | 304) {
        return status.into_response();
    }
    let title = match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => format!("Status {}", status.as_u16()),
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n\
         <p><a href=\"/\">Back to the index</a></p>\n</body>\n</html>\n"
    );
    (status, Html(html)).into_response()
}

fn bad_request(why: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>400 Bad Request</title>\n</head>\n<body>\n<h1>400 Bad Request</h1>\n\
         <p>{}</p>\n</body>\n</html>\n",
        escape(why)
    );
    (StatusCode::BAD_REQUEST, Html(html)).into_response()
}

async fn not_found() -> Response {
    status_page(StatusCode::NOT_FOUND)
}

/// Every page's address, one a line: the URL list the multi-page examples read
/// (`curl -s http://127.0.0.1:8080/urls.txt > urls.txt`).
async fn url_list(
    State(state): State<AppState>,
    ConnectInfo(LocalAddr(local)): ConnectInfo<LocalAddr>,
) -> Response {
    let addr = local.unwrap_or_else(|| SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    let list: String = (0..state.site.pages())
        .map(|i| format!("{}://{addr}/page/{i}.html\n", state.scheme))
        .collect();
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], list).into_response()
}

async fn plain_text() -> Response {
    let text = "This is plain text, not HTML, so it has no title.\n\
                It still holds a link for a regex to find: href=\"/page/0.html\"\n";
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

async fn latin1() -> Response {
    // 0xE9 is "é" in Latin-1; alone it is not valid UTF-8.
    let body: &'static [u8] = b"<!DOCTYPE html>\n<html>\n<head>\n<title>Caf\xE9 Latin-1</title>\n\
        </head>\n<body>\n<h1>Caf\xE9</h1>\n<p>This page is Latin-1, not UTF-8, and its \
        Content-Type names no charset. <a href=\"/page/0.html\">Page 0</a></p>\n\
        </body>\n</html>\n";
    ([(header::CONTENT_TYPE, "text/html")], body).into_response()
}

async fn no_title() -> Html<&'static str> {
    Html(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n</head>\n\
         <body>\n<h1>No title here</h1>\n<p>This page has a heading but no title element. \
         <a href=\"/page/0.html\">Page 0</a></p>\n</body>\n</html>\n",
    )
}

/// The value of `key` in the query as a number in `range`, or `default` when absent; the
/// error is the reason to give in a 400.
fn query_number(
    uri: &Uri,
    key: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, String> {
    let value = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v);
    let Some(value) = value else {
        return Ok(default);
    };
    match value.parse::<u64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(format!(
            "{key} must be a whole number from {} to {}",
            range.start(),
            range.end()
        )),
    }
}

fn html_stream_response<S>(body: S, length: Option<u64>) -> Response
where
    S: futures::Stream<Item = io::Result<Bytes>> + Send + 'static,
{
    let mut response = Body::from_stream(body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Some(length) = length {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    response
}

fn shutting_down() -> io::Error {
    io::Error::other("the site is shutting down")
}

async fn slow(State(state): State<AppState>, uri: Uri) -> Response {
    let ms = match query_number(&uri, "ms", SLOW_DEFAULT_MS, 0..=SLOW_MAX_MS) {
        Ok(ms) => ms,
        Err(why) => return bad_request(&why),
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Slow: {ms} ms</title>\n</head>\n<body>\n<h1>This body took {ms} ms</h1>\n\
         <p><a href=\"/\">Back to the index</a></p>\n</body>\n</html>\n"
    );
    let length = html.len() as u64;
    let mut stopping = state.stopping;
    let body = stream::once(async move {
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(ms)) => Ok(Bytes::from(html)),
            _ = stopping.wait_for(|stop| *stop) => Err(shutting_down()),
        }
    });
    html_stream_response(body, Some(length))
}

async fn hang(State(state): State<AppState>) -> Response {
    let start = Bytes::from_static(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
          <title>Hang</title>\n</head>\n<body>\n<h1>This body never ends</h1>\n",
    );
    let mut stopping = state.stopping;
    // The error cuts the connection, so a client sees a broken response, not a short one.
    let rest = stream::once(async move {
        tokio::select! {
            () = tokio::time::sleep(HANG_LIMIT) => {}
            _ = stopping.wait_for(|stop| *stop) => {}
        }
        Err(shutting_down())
    });
    html_stream_response(stream::once(async { Ok(start) }).chain(rest), None)
}

/// A body that never ends and never stalls: a byte every 100 ms, so a timeout on each read
/// never fires and only a deadline on the whole response stops a client.
async fn trickle(State(state): State<AppState>) -> Response {
    const DRIP: Duration = Duration::from_millis(100);
    let start = Bytes::from_static(
        b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
          <title>Trickle</title>\n</head>\n<body>\n",
    );
    let drops = HANG_LIMIT.as_millis() / DRIP.as_millis();
    let drip = stream::unfold(
        (state.stopping, 0),
        move |(mut stopping, sent)| async move {
            if sent >= drops || *stopping.borrow() {
                return None;
            }
            let stopped = tokio::select! {
                () = tokio::time::sleep(DRIP) => false,
                _ = stopping.wait_for(|stop| *stop) => true,
            };
            // The error cuts the connection, so a client sees a broken response.
            let (item, sent) = match stopped {
                false => (Ok(Bytes::from_static(b".")), sent + 1),
                true => (Err(shutting_down()), drops),
            };
            Some((item, (stopping, sent)))
        },
    );
    html_stream_response(stream::once(async { Ok(start) }).chain(drip), None)
}

async fn redirect_loop() -> Response {
    found("/redirect/loop".to_owned())
}

/// A 302 Found to `location` (axum's `Redirect::to` sends 303, not the common 302).
fn found(location: String) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
}

async fn redirect_to(Path(i): Path<String>) -> Response {
    match canonical_number(&i) {
        Some(i) => found(Site::page_path(i)),
        None => bad_request("the page number must be a whole number"),
    }
}

async fn large(State(state): State<AppState>, uri: Uri) -> Response {
    let kb = match query_number(&uri, "kb", LARGE_DEFAULT_KB, 1..=LARGE_MAX_KB) {
        Ok(kb) => kb,
        Err(why) => return bad_request(&why),
    };
    let chunked = match query_number(&uri, "chunked", 0, 0..=1) {
        Ok(chunked) => chunked == 1,
        Err(why) => return bad_request(&why),
    };
    let pages = state.site.pages;
    let chunks = stream::iter((0..kb).step_by(LARGE_CHUNK_KB as usize)).map(move |first| {
        let last = (first + LARGE_CHUNK_KB).min(kb);
        let mut chunk = Vec::with_capacity(((last - first) * 1024) as usize);
        for block in first..last {
            large_block(block, kb, pages, &mut chunk);
        }
        Ok(Bytes::from(chunk))
    });
    html_stream_response(chunks, (!chunked).then_some(kb * 1024))
}

/// Appends KiB number `block` of a `kb` KiB page: exactly 1024 bytes, a paragraph with one
/// link padded with filler text, the first also opening the document and the last closing it.
fn large_block(block: u64, kb: u64, pages: usize, out: &mut Vec<u8>) {
    const FILLER: &[u8] = b"All work and no play makes a large page. ";
    let start = out.len();
    if block == 0 {
        out.extend_from_slice(
            format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <title>Large page: {kb} KiB</title>\n</head>\n<body>\n<h1>Large page</h1>\n"
            )
            .as_bytes(),
        );
    }
    let target = match pages {
        0 => "/".to_owned(),
        n => Site::page_path((block % n as u64) as usize),
    };
    out.extend_from_slice(
        format!("<p id=\"k{block}\"><a href=\"{target}\">KiB {block}</a> ").as_bytes(),
    );
    let end: &[u8] = if block + 1 == kb {
        b"</p>\n</body>\n</html>\n"
    } else {
        b"</p>\n"
    };
    let padding = 1024 - (out.len() - start) - end.len();
    // Whole copies of the filler, then its start: byte by byte is slow in a debug build.
    for _ in 0..padding / FILLER.len() {
        out.extend_from_slice(FILLER);
    }
    out.extend_from_slice(&FILLER[..padding % FILLER.len()]);
    out.extend_from_slice(end);
}

/// A site served on 127.0.0.1 by a thread of its own; see [`spawn`] (and, with the `tls`
/// feature, `spawn_tls`). Dropping it shuts the server down and waits for that (at most about
/// [`SHUTDOWN_GRACE`]).
#[derive(Debug)]
pub struct SiteHandle {
    addr: SocketAddr,
    pages: usize,
    /// `http`, or `https` for a site served over TLS.
    scheme: &'static str,
    /// The certificate authority of a TLS site, in PEM.
    ca_pem: Option<String>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

/// Serves `site` on a free port of 127.0.0.1 from a background thread with its own tokio
/// runtime, so it works from plain `#[test]`s and from any runtime, paused or not.
///
/// # Panics
///
/// If no port can be bound or no thread or runtime started; [`try_spawn`] returns the error.
pub fn spawn(site: Site) -> SiteHandle {
    try_spawn(site).unwrap_or_else(|e| panic!("cannot start the practice site: {e}"))
}

/// [`spawn`], returning an error instead of panicking.
pub fn try_spawn(site: Site) -> io::Result<SiteHandle> {
    spawn_on_thread(site, Transport::Plain)
}

/// How a site's thread serves its connections: as they come, or through TLS.
enum Transport {
    Plain,
    /// The server's side of TLS, and the PEM of the authority that signed its certificate.
    #[cfg(feature = "tls")]
    Tls {
        acceptor: tls::Acceptor,
        ca_pem: String,
    },
}

/// Binds a free port of 127.0.0.1 and serves `site` there from a thread of its own.
fn spawn_on_thread(site: Site, transport: Transport) -> io::Result<SiteHandle> {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let pages = site.pages;
    let (scheme, ca_pem) = match &transport {
        Transport::Plain => ("http", None),
        #[cfg(feature = "tls")]
        Transport::Tls { ca_pem, .. } => ("https", Some(ca_pem.clone())),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (stop, stop_rx) = oneshot::channel::<()>();
    let (ready_tx, ready_rx) = mpsc::channel::<io::Result<()>>();
    let thread = thread::Builder::new()
        .name(format!("site-{addr}"))
        .spawn(move || {
            runtime.block_on(async move {
                // from_std needs the runtime's reactor, so it runs on the site's thread.
                let listener = match TcpListener::from_std(listener) {
                    Ok(listener) => listener,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let _ = ready_tx.send(Ok(()));
                // Dropping the handle without a send also ends the wait.
                let signal = async {
                    let _ = stop_rx.await;
                };
                let _ = match transport {
                    Transport::Plain => serve_on(listener, site, scheme, signal).await,
                    #[cfg(feature = "tls")]
                    Transport::Tls { acceptor, .. } => {
                        let listener = tls::TlsListener::new(listener, acceptor);
                        serve_on(listener, site, scheme, signal).await
                    }
                };
            });
            // Dropping the runtime here cancels any connection that outlived the grace.
        })?;
    let ready = ready_rx
        .recv()
        .unwrap_or_else(|_| Err(io::Error::other("the site's thread ended early")));
    let handle = SiteHandle {
        addr,
        pages,
        scheme,
        ca_pem,
        stop: Some(stop),
        thread: Some(thread),
    };
    ready.map(|()| handle)
}

impl SiteHandle {
    /// The address the site listens on (127.0.0.1 and a free port).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's URL with no path: `http://127.0.0.1:PORT` (`https://` over TLS).
    pub fn base_url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    /// The URL of `path` on the site; `path` starts with `/` (e.g. `/page/3.html`).
    pub fn url(&self, path: &str) -> String {
        format!("{}://{}{path}", self.scheme, self.addr)
    }

    /// For a site served over TLS, the certificate of the authority that signed its
    /// certificate, in PEM: what a client must trust (e.g. a file named by `SSL_CERT_FILE`).
    /// `None` for a plain HTTP site.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The URLs of all generated pages, in order.
    pub fn page_urls(&self) -> Vec<String> {
        (0..self.pages)
            .map(|i| self.url(&Site::page_path(i)))
            .collect()
    }

    /// A URL list file's text for the examples that read one: the URL of each path, one a
    /// line, each line ending in a newline.
    pub fn url_list<I>(&self, paths: I) -> String
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        paths
            .into_iter()
            .map(|path| self.url(path.as_ref()) + "\n")
            .collect()
    }
}

impl Drop for SiteHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
