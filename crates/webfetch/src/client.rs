//! The client of a run and a page's text.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::{Client, IntoUrl, Response};

use lessonkit::Fatal;

use crate::cause;

/// The largest body read; a bigger one is refused, not loaded into memory. For a compressed
/// body (gzip, deflate, brotli: the client asks for them and decodes them, as aiohttp and
/// requests do) this is its decoded size, so a small body that inflates past it is refused too.
pub const MAX_BODY: usize = 16 << 20;

/// The longest wait for a connection to open (or the whole timeout, if that is shorter).
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The one client of a run, like aiohttp's `ClientSession`: one pool of connections, kept
/// open and reused by every request. `timeout` covers each whole request, from connecting
/// to the last byte of the body.
///
/// Like aiohttp, it ignores proxy settings in the environment. https:// URLs are checked
/// against the system's certificate authorities, or those of the file `SSL_CERT_FILE`
/// names, as curl and Python do, read at the first https:// URL (src/tls.rs): if none can
/// be, each https:// request fails with why.
pub fn client(timeout: Duration) -> Result<Client, Fatal> {
    client_builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(CONNECT_TIMEOUT))
        .build()
        .map_err(setup_failed)
}

/// [`client`]'s settings but its timeout: TLS ready, no proxy from the environment,
/// compressed bodies asked for and decoded, and a connect timeout of 5 s. `.build()` it, with
/// [`setup_failed`] for its error.
pub fn client_builder() -> reqwest::ClientBuilder {
    Client::builder()
        .tls_backend_preconfigured(crate::tls::client_config())
        // `Accept-Encoding: gzip, deflate, br`, and the body decoded, as aiohttp (with brotli
        // installed) does: servers then compress (the workspace's Cargo.toml, on reqwest).
        .gzip(true)
        .deflate(true)
        .brotli(true)
        .connect_timeout(CONNECT_TIMEOUT)
        .no_proxy()
}

/// Why a client could not be built: `cannot build the HTTP client: ...`, exit code 1.
pub fn setup_failed(e: reqwest::Error) -> Fatal {
    let innermost = crate::cause::innermost(&e);
    let why = innermost
        .downcast_ref::<std::io::Error>()
        .and_then(lessonkit::too_many)
        .or_else(lessonkit::out_of_files)
        .unwrap_or_else(|| innermost.to_string());
    Fatal::setup(format!("cannot build the HTTP client: {why}"))
}

/// GETs `url` and returns its body as text (aiohttp's `await response.text()`). An error
/// status (400 or more), a body over [`MAX_BODY`], or one that is not UTF-8 is an error,
/// in words ready to print after the URL.
pub async fn get_text(client: &Client, url: impl IntoUrl) -> Result<String, String> {
    let response = client.get(url).send().await.map_err(|e| cause(&e))?;
    let response = response.error_for_status().map_err(|e| cause(&e))?;
    text(response).await
}

/// The body of a response as text, awaited a chunk at a time, whatever its status: over
/// [`MAX_BODY`], or not UTF-8, it is an error in words.
pub async fn text(mut response: Response) -> Result<String, String> {
    refuse_declared_length(response.content_length())?;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| cause(&e))? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    utf8(body)
}

/// A length said up front over [`MAX_BODY`] is refused before any of the body is read.
///
/// `length` is the response's `content_length()`: for a body the client decodes, `None`.
/// The `Content-Length` of a compressed body is its compressed size, which says nothing sure
/// of the decoded size: reqwest drops that header as it decodes, and the decoded bytes are
/// counted as they come instead. A body in an encoding the client does not decode (zstd) is
/// read as it was sent, so its `Content-Length` is the size read.
pub(crate) fn refuse_declared_length(length: Option<u64>) -> Result<(), String> {
    match length {
        Some(n) if n > MAX_BODY as u64 => Err(too_large()),
        _ => Ok(()),
    }
}

pub(crate) fn too_large() -> String {
    format!("the body is larger than {} MiB", MAX_BODY >> 20)
}

pub(crate) fn utf8(body: Vec<u8>) -> Result<String, String> {
    String::from_utf8(body).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("the body is not valid UTF-8 (at byte {at})")
    })
}

/// Whether this program's client takes its proxy from the environment, as Python's
/// `requests` does (the blocking client); aiohttp's does not.
static PROXY_FROM_ENV: AtomicBool = AtomicBool::new(false);

#[cfg_attr(not(feature = "blocking"), allow(dead_code))]
pub(crate) fn proxy_from_env_used() {
    PROXY_FROM_ENV.store(true, Ordering::Relaxed);
}

/// The proxy a request to `url` went through, if the client takes its proxy from the
/// environment: `http_proxy` (or `HTTP_PROXY`) for http://, `https_proxy` for https://,
/// `all_proxy` for both, unless `no_proxy` names the host.
pub(crate) fn proxy_from_env(url: Option<&reqwest::Url>) -> Option<String> {
    if !PROXY_FROM_ENV.load(Ordering::Relaxed) {
        return None;
    }
    let url = url?;
    let var = |name: &str| {
        std::env::var(name.to_ascii_lowercase())
            .or_else(|_| std::env::var(name))
            .ok()
            .filter(|value| !value.is_empty())
    };
    let host = url.host_str().unwrap_or_default();
    let bypassed = var("NO_PROXY").is_some_and(|list| {
        list.split(',').map(str::trim).any(|entry| {
            let entry = entry.trim_start_matches('.');
            entry == "*" || host == entry || host.ends_with(&format!(".{entry}"))
        })
    });
    if bypassed {
        return None;
    }
    let scheme = if url.scheme() == "https" {
        "HTTPS_PROXY"
    } else {
        "HTTP_PROXY"
    };
    var(scheme).or_else(|| var("ALL_PROXY"))
}

/// An http:// or https:// URL, for a URL argument: anything else is refused before any
/// request (clap's error, exit code 2).
pub fn http_url(text: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(text).map_err(|e| format!("not a URL: {e}"))?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        _ => Err("not an http:// or https:// URL".to_owned()),
    }
}
