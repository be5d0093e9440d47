//! The site as its clients see it: over real HTTP, with reqwest (and once with a bare socket);
//! over HTTPS in `tls`.

// One test program for the site, not two: one build and one run of it, whose tests run side
// by side. (In a folder of its own, so that Cargo does not take it for a test program too.)
#[path = "site/tls.rs"]
mod tls;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use futures::StreamExt;
use regex_lite::Regex;
use site::{SPECIAL_PATHS, Site};

/// The regex of the `areq` example, as the link finders use it.
fn hrefs(html: &str) -> Vec<String> {
    let re = Regex::new(r#"href="(.*?)""#).unwrap();
    re.captures_iter(html).map(|c| c[1].to_owned()).collect()
}

/// A client for http:// URLs: it trusts no certificate authority, so building it reads none
/// (reading the system's takes a debug build 10 ms, for each of the dozens of clients here).
fn http_client() -> reqwest::ClientBuilder {
    reqwest::Client::builder().tls_certs_only([])
}

/// `reqwest::get`, with an [`http_client`].
async fn fetch(url: impl reqwest::IntoUrl) -> reqwest::Result<reqwest::Response> {
    http_client().build()?.get(url).send().await
}

fn title(html: &str) -> Option<&str> {
    let start = html.find("<title>")? + "<title>".len();
    let end = html[start..].find("</title>")?;
    Some(&html[start..start + end])
}

async fn get(url: &str) -> (reqwest::StatusCode, String) {
    let response = fetch(url).await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_index_lists_every_page_and_special_path() {
    tls_ready();
    let site = site::spawn(Site::new(20));
    for path in ["/", "/index.html"] {
        let (status, html) = get(&site.url(path)).await;
        assert_eq!(status, 200);
        assert_eq!(title(&html), Some("Practice site: 20 pages"));
        let links = hrefs(&html);
        let pages: Vec<String> = (0..20).map(|i| format!("/page/{i}.html")).collect();
        let specials: Vec<String> = SPECIAL_PATHS.iter().map(|s| s.path.to_owned()).collect();
        assert_eq!(links, [specials, pages].concat());
        for special in SPECIAL_PATHS {
            assert!(
                html.contains(special.title),
                "{} is not described",
                special.path
            );
        }
    }
}

#[tokio::test]
async fn urls_txt_lists_every_page_s_address() {
    tls_ready();
    let site = site::spawn(Site::new(3));
    let (status, list) = get(&site.url("/urls.txt")).await;
    assert_eq!(status, 200);
    let expected: String = (0..3)
        .map(|i| format!("{}\n", site.url(&format!("/page/{i}.html"))))
        .collect();
    assert_eq!(list, expected);
}

#[tokio::test]
async fn a_page_has_its_title_and_every_kind_of_link() {
    tls_ready();
    let site = site::spawn(Site::new(20));
    let response = fetch(site.url("/page/3.html")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let html = response.text().await.unwrap();
    assert_eq!(title(&html), Some("Page 3"));
    assert!((1000..2000).contains(&html.len()), "{} bytes", html.len());
    let port = site.addr().port();
    let absolute = format!("http://127.0.0.1:{port}/page/14.html");
    let expected = [
        "/",
        &absolute,
        "/page/7.html",
        "4.html",
        "../page/2.html",
        "#section",
        "/page/0.html",
        "/page/0.html",
        "/missing/3.html",
        "mailto:page3@example.com",
        "/page/13.html",
    ];
    let found = hrefs(&html);
    assert_eq!(found, expected);
    assert_eq!(
        Site::new(20).page_hrefs(3, site.addr()).unwrap(),
        expected,
        "page_hrefs agrees with the page"
    );
    assert!(html.contains(r#"data-href="/page/13.html""#));
    // The links the regex must miss are there all the same.
    assert!(html.contains(r#"HREF="/page/6.html""#));
    assert!(html.contains("href='/page/19.html'"));
    assert!(html.contains("href=\"/page/12\n.html\""));
    assert!(html.contains(r#"id="section""#));
}

#[tokio::test]
async fn every_page_exists_and_nothing_else_does() {
    tls_ready();
    let site = site::spawn(Site::new(5));
    for i in 0..5 {
        let (status, html) = get(&site.url(&format!("/page/{i}.html"))).await;
        assert_eq!(status, 200);
        assert_eq!(title(&html), Some(format!("Page {i}").as_str()));
        assert_eq!(
            Site::new(5).page_hrefs(i, site.addr()).unwrap(),
            hrefs(&html)
        );
    }
    for path in [
        "/page/5.html",
        "/page/05.html",
        "/page/+1.html",
        "/page/1",
        "/page/x.html",
        "/missing/3.html",
        "/nothing/here",
    ] {
        let (status, html) = get(&site.url(path)).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(title(&html), Some("404 Not Found"), "{path}");
    }
}

#[tokio::test]
async fn status_paths_answer_with_that_status() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    for (code, title_text) in [
        (404, "404 Not Found"),
        (500, "500 Internal Server Error"),
        (418, "418 I'm a teapot"),
        (200, "200 OK"),
        (599, "Status 599"),
    ] {
        let (status, html) = get(&site.url(&format!("/status/{code}"))).await;
        assert_eq!(status.as_u16(), code);
        assert_eq!(title(&html), Some(title_text));
    }
    let (status, html) = get(&site.url("/status/204")).await;
    assert_eq!((status.as_u16(), html.as_str()), (204, ""));
    for bad in ["99", "100", "101", "199", "600", "abc", "-1", "70000"] {
        let (status, _) = get(&site.url(&format!("/status/{bad}"))).await;
        assert_eq!(status, 400, "/status/{bad}");
    }
}

#[tokio::test]
async fn plain_text_has_a_link_and_no_title() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    let response = fetch(site.url("/text/plain.txt")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    assert_eq!(hrefs(&text), ["/page/0.html"]);
    assert_eq!(title(&text), None);
    assert!(!text.contains('<'));
}

#[tokio::test]
async fn latin1_is_not_utf8_and_names_no_charset() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    let response = fetch(site.url("/latin1.html")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/html");
    let bytes = response.bytes().await.unwrap();
    assert!(String::from_utf8(bytes.to_vec()).is_err());
    assert!(bytes.windows(8).any(|w| w == b"Caf\xE9 Lat"));
    let lossy = String::from_utf8_lossy(&bytes);
    assert_eq!(title(&lossy), Some("Caf\u{FFFD} Latin-1"));
}

#[tokio::test]
async fn notitle_is_html_without_a_title() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    let (status, html) = get(&site.url("/notitle.html")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html") && html.contains("</html>"));
    assert!(!html.contains("<title"));
    assert_eq!(hrefs(&html), ["/page/0.html"]);
}

#[tokio::test]
async fn slow_sends_headers_at_once_and_the_body_after_ms() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    let start = Instant::now();
    let response = fetch(site.url("/slow?ms=400")).await.unwrap();
    let headers_after = start.elapsed();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let body_after = start.elapsed();
    assert!(
        headers_after < Duration::from_millis(400),
        "{headers_after:?}"
    );
    assert!(body_after >= Duration::from_millis(400), "{body_after:?}");
    assert_eq!(title(&html), Some("Slow: 400 ms"));
    for bad in ["ms=x", "ms=-1", "ms=300001"] {
        let (status, _) = get(&site.url(&format!("/slow?{bad}"))).await;
        assert_eq!(status, 400, "{bad}");
    }
}

#[tokio::test]
async fn hang_outlasts_a_client_timeout_and_not_the_server() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    let client = http_client()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let start = Instant::now();
    let response = client.get(site.url("/hang")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let error = response.text().await.unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(start.elapsed() >= Duration::from_millis(300));

    // A client with no timeout holds a /hang open; dropping the site must still be prompt,
    // and must cut that response rather than complete it.
    let url = site.url("/hang");
    let (has_first, first) = tokio::sync::oneshot::channel();
    let reader = tokio::spawn(async move {
        let mut response = fetch(url).await.unwrap();
        let first = response.chunk().await.unwrap().unwrap();
        assert!(first.starts_with(b"<!DOCTYPE html>"));
        has_first.send(()).unwrap();
        response.chunk().await.is_err()
    });
    // Once the reader has its first chunk, the response is open when the site goes.
    first
        .await
        .expect("the reader gets the first chunk of /hang");
    let start = Instant::now();
    drop(site);
    let shutdown = start.elapsed();
    assert!(shutdown < Duration::from_millis(800), "{shutdown:?}");
    assert!(reader.await.unwrap(), "the body ends in an error");
}

#[tokio::test]
async fn a_redirect_loop_is_reqwests_redirect_error() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    let error = fetch(site.url("/redirect/loop")).await.unwrap_err();
    assert!(error.is_redirect(), "{error:?}");

    let no_follow = http_client()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = no_follow
        .get(site.url("/redirect/loop"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/redirect/loop");
}

/// `/gzip/...`, `/deflate/...` and `/br/...` are compressed even for a client that does not
/// ask (a reqwest client with its decoders off sends no `Accept-Encoding`): it gets the
/// encoded bytes, which decode to the plain page. A client that decodes, as reqwest with its
/// `gzip`, `deflate` and `brotli` features does (every example's), gets the plain page.
#[tokio::test]
async fn compressed_pages_are_compressed_even_unasked() {
    use std::io::Read as _;
    tls_ready();
    let site = site::spawn(Site::new(5));
    let (_, plain) = get(&site.url("/page/2.html")).await;
    let raw = http_client()
        .no_gzip()
        .no_deflate()
        .no_brotli()
        .build()
        .unwrap();
    for encoding in ["gzip", "deflate", "br"] {
        let url = site.url(&format!("/{encoding}/page/2.html"));
        let response = raw.get(&url).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let headers = response.headers();
        assert_eq!(headers[reqwest::header::CONTENT_ENCODING], encoding);
        assert_eq!(
            headers[reqwest::header::CONTENT_TYPE],
            "text/html; charset=utf-8"
        );
        let body = response.bytes().await.unwrap();
        assert!(body.len() < plain.len(), "{encoding}: {} bytes", body.len());
        let mut decoded = String::new();
        match encoding {
            "gzip" => {
                assert_eq!(body[..2], [0x1f, 0x8b], "the gzip magic number");
                flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut decoded)
            }
            // HTTP's deflate is the zlib format: its first byte names the deflate method.
            "deflate" => {
                assert_eq!(body[0] & 0x0f, 8, "zlib's method: deflate");
                flate2::read::ZlibDecoder::new(&body[..]).read_to_string(&mut decoded)
            }
            _ => brotli::Decompressor::new(&body[..], 4096).read_to_string(&mut decoded),
        }
        .unwrap();
        assert_eq!(decoded, plain, "{encoding}");

        let response = fetch(&url).await.unwrap();
        assert_eq!(response.status(), 200);
        // reqwest drops the headers of the encoded body it decoded.
        assert!(response.headers().get("content-encoding").is_none());
        assert_eq!(response.content_length(), None);
        assert_eq!(response.text().await.unwrap(), plain, "{encoding}");

        let (status, _) = get(&site.url(&format!("/{encoding}/page/5.html"))).await;
        assert_eq!(status, 404);
    }
}

#[tokio::test]
async fn redirect_to_leads_to_the_page() {
    tls_ready();
    let site = site::spawn(Site::new(10));
    let response = fetch(site.url("/redirect/to/7")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.url().as_str(), site.url("/page/7.html"));
    assert_eq!(title(&response.text().await.unwrap()), Some("Page 7"));
    let (status, _) = get(&site.url("/redirect/to/seven")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn large_is_exactly_kb_kib_of_html() {
    tls_ready();
    let site = site::spawn(Site::new(10));
    let response = fetch(site.url("/large?kb=100")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.content_length(), Some(100 * 1024));
    let html = response.text().await.unwrap();
    assert_eq!(html.len(), 100 * 1024);
    assert_eq!(title(&html), Some("Large page: 100 KiB"));
    assert!(html.ends_with("</body>\n</html>\n"));
    let links = hrefs(&html);
    assert_eq!(links.len(), 100);
    assert_eq!(links[13], "/page/3.html");

    let response = fetch(site.url("/large")).await.unwrap();
    assert_eq!(response.content_length(), Some(8 << 20));
    let body = response.bytes().await.unwrap();
    assert_eq!(body.len(), 8 << 20);

    let tiny = fetch(site.url("/large?kb=1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(tiny.len(), 1024);
    assert_eq!(title(&tiny), Some("Large page: 1 KiB"));
    for bad in ["kb=0", "kb=big", "kb=1048577"] {
        let (status, _) = get(&site.url(&format!("/large?{bad}"))).await;
        assert_eq!(status, 400, "{bad}");
    }
}

#[tokio::test]
async fn three_hundred_pages_are_served_a_hundred_at_a_time() {
    tls_ready();
    let site = site::spawn(Site::new(300));
    let client = http_client().build().unwrap();
    let urls = site.page_urls();
    assert_eq!(urls.len(), 300);
    let fetched: Vec<(usize, String)> = futures::stream::iter(urls.into_iter().enumerate())
        .map(|(i, url)| {
            let client = client.clone();
            async move {
                let html = client.get(url).send().await.unwrap().text().await.unwrap();
                (i, html)
            }
        })
        .buffer_unordered(100)
        .collect()
        .await;
    assert_eq!(fetched.len(), 300);
    for (i, html) in fetched {
        assert_eq!(title(&html), Some(format!("Page {i}").as_str()));
    }
}

/// Not a test: the time to fetch all 1,000 pages 50 at a time. Run it with
/// `cargo test --release -- --ignored --nocapture`.
#[tokio::test]
#[ignore = "a measurement, not a test"]
async fn time_a_thousand_pages_fifty_at_a_time() {
    tls_ready();
    let site = site::spawn(Site::new(1000));
    let client = http_client().build().unwrap();
    for round in 0..3 {
        let start = Instant::now();
        let bytes: usize = futures::stream::iter(site.page_urls())
            .map(|url| {
                let client = client.clone();
                async move {
                    client
                        .get(url)
                        .send()
                        .await
                        .unwrap()
                        .bytes()
                        .await
                        .unwrap()
                        .len()
                }
            })
            .buffer_unordered(50)
            .fold(0, |sum, len| async move { sum + len })
            .await;
        println!(
            "round {round}: 1000 pages, {bytes} bytes, 50 at a time: {:?}",
            start.elapsed()
        );
    }
}

#[test]
fn spawn_works_from_a_plain_test_without_a_runtime() {
    tls_ready();
    let site = site::spawn(Site::new(3));
    let mut stream = std::net::TcpStream::connect(site.addr()).unwrap();
    write!(
        stream,
        "GET /page/2.html HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        site.addr()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.contains("<title>Page 2</title>"));
    assert!(response.contains(&format!(r#"href="http://{}/page/"#, site.addr())));
}

#[tokio::test(start_paused = true)]
async fn spawn_works_from_a_paused_runtime() {
    tls_ready();
    let site = site::spawn(Site::new(3));
    let (status, html) = get(&site.url("/slow?ms=50")).await;
    assert_eq!(status, 200);
    assert_eq!(title(&html), Some("Slow: 50 ms"));
}

#[tokio::test]
async fn serve_runs_on_the_callers_runtime() {
    tls_ready();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(site::serve_with_shutdown(
        listener,
        Site::new(2),
        async move {
            let _ = stopped.await;
        },
    ));
    let (status, html) = get(&format!("http://{addr}/page/1.html")).await;
    assert_eq!(status, 200);
    assert_eq!(title(&html), Some("Page 1"));
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[test]
fn url_list_is_one_url_a_line() {
    tls_ready();
    let site = site::spawn(Site::new(2));
    let base = site.base_url();
    assert_eq!(base, format!("http://{}", site.addr()));
    assert_eq!(
        site.url_list(["/page/0.html", "/status/404"]),
        format!("{base}/page/0.html\n{base}/status/404\n")
    );
    assert_eq!(
        site.page_urls(),
        [format!("{base}/page/0.html"), format!("{base}/page/1.html")]
    );
    assert_eq!(site.url_list(Vec::<String>::new()), "");
}

#[test]
fn a_site_of_no_pages_still_serves_its_index_and_large_page() {
    tls_ready();
    let site = site::spawn(Site::new(0));
    assert!(Site::new(0).page_hrefs(0, site.addr()).is_none());
    assert_eq!(Site::new(usize::MAX).pages(), Site::MAX_PAGES);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (status, html) = get(&site.url("/")).await;
        assert_eq!(status, 200);
        assert_eq!(title(&html), Some("Practice site: 0 pages"));
        let (status, html) = get(&site.url("/large?kb=3")).await;
        assert_eq!(status, 200);
        assert_eq!(hrefs(&html), ["/", "/", "/"]);
        let (status, _) = get(&site.url("/page/0.html")).await;
        assert_eq!(status, 404);
    });
}

/// rustls, reqwest's TLS, needs its cryptography chosen once per process.
fn tls_ready() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
