//! areq.py's fetch, as aiohttp does it (`session.request`, `raise_for_status()`,
//! `resp.text()`), with its failures sorted as areq.py's two `except` clauses sort them and
//! said in words: [`FetchError::Http`] for what aiohttp reports as a `ClientError` (an error
//! status, a URL it will not fetch, a connection that failed, a redirect loop, a body cut
//! short), [`FetchError::Other`] for the rest (a timeout, a body too large or that cannot be
//! decoded). The limits of a fetch are options of the program (`--timeout`, `--max-bytes`),
//! and the words name them.

use std::time::Duration;

use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Response, Url};

/// Redirects followed before giving up, as aiohttp does (and reqwest, by default).
pub const MAX_REDIRECTS: usize = 10;

/// Why a page could not be fetched, sorted like areq.py's two `except` clauses.
#[derive(Debug, PartialEq)]
pub enum FetchError {
    /// What aiohttp reports as a `ClientError`, with the HTTP status if there was one.
    Http { status: Option<u16>, cause: String },
    /// Anything else: a timeout (a plain `TimeoutError` in current aiohttp), a body that
    /// cannot be decoded, a body over the size limit.
    Other { cause: String },
}

impl FetchError {
    fn http(cause: impl Into<String>) -> Self {
        FetchError::Http {
            status: None,
            cause: cause.into(),
        }
    }

    fn other(cause: impl Into<String>) -> Self {
        FetchError::Other {
            cause: cause.into(),
        }
    }
}

/// What a fetch may take: `--timeout` for the whole response, `--max-bytes` of body.
pub struct Limits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

/// The URL as listed, if it is one to fetch: `http://` or `https://` (aiohttp's
/// `InvalidURL` otherwise, a `ClientError`).
pub fn parse_url(url: &str) -> Result<Url, FetchError> {
    if url.is_empty() {
        return Err(FetchError::http("invalid URL: the line is empty"));
    }
    let parsed = Url::parse(url).map_err(|e| FetchError::http(format!("invalid URL: {e}")))?;
    match parsed.scheme() {
        "http" | "https" => Ok(parsed),
        other => Err(FetchError::http(format!(
            "invalid URL: the scheme {other}: is not http or https"
        ))),
    }
}

/// GETs `url` (`session.request(method="GET", url=url)`) and returns the response once its
/// status is known to be good: any status of 400 or more is an error (`raise_for_status()`),
/// with the status's reason as its cause.
pub async fn get(client: &Client, url: &Url, limits: &Limits) -> Result<Response, FetchError> {
    let response = (client.get(url.clone()).send().await).map_err(|e| request_error(e, limits))?;
    let status = response.status();
    if status.as_u16() >= 400 {
        return Err(FetchError::Http {
            status: Some(status.as_u16()),
            cause: (status.canonical_reason().unwrap_or("unknown status")).to_owned(),
        });
    }
    Ok(response)
}

/// The body as text (`await resp.text()`), read a chunk at a time, so that a page over the
/// limit is refused without being held in memory whole, and decoded by the charset the
/// server names, else UTF-8, strictly: bytes that are not valid in it are an error, not
/// replaced. Latin-1 and ASCII are decoded too; a page in another charset is read as UTF-8,
/// and fails if it is not.
pub async fn text(mut response: Response, limits: &Limits) -> Result<String, FetchError> {
    let too_large = || {
        FetchError::other(format!(
            "the body is larger than {} bytes (--max-bytes)",
            limits.max_bytes
        ))
    };
    if (response.content_length()).is_some_and(|n| n > limits.max_bytes) {
        return Err(too_large());
    }
    let charset = (response.headers().get(CONTENT_TYPE))
        .and_then(|value| value.to_str().ok())
        .and_then(charset);
    let mut body = Vec::new();
    while let Some(chunk) = (response.chunk().await).map_err(|e| request_error(e, limits))? {
        if (body.len() + chunk.len()) as u64 > limits.max_bytes {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    decode(body, charset.as_deref()).map_err(FetchError::other)
}

/// Sorts a reqwest error into areq.py's two kinds, with its cause in words
/// ([`crate::cause`]: `cannot connect: connection refused`, `cannot resolve the host name
/// ...`, `the body was cut short: the server reset the connection`...).
fn request_error(e: reqwest::Error, limits: &Limits) -> FetchError {
    if e.is_timeout() && !e.is_connect() {
        let secs = limits.timeout.as_secs_f64();
        FetchError::other(format!("timed out after {secs} s (--timeout)"))
    } else if e.is_redirect() {
        FetchError::http(format!("too many redirects (more than {MAX_REDIRECTS})"))
    } else {
        FetchError::http(crate::cause(&e))
    }
}

/// The `charset` parameter of a Content-Type header, in lower case.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    })
}

/// The body in the charset named, strictly.
fn decode(body: Vec<u8>, charset: Option<&str>) -> Result<String, String> {
    match charset {
        Some("iso-8859-1" | "latin-1" | "latin1" | "l1") => {
            return Ok(body.iter().map(|&b| char::from(b)).collect());
        }
        Some("us-ascii" | "ascii") => {
            return match body.iter().position(|b| !b.is_ascii()) {
                None => String::from_utf8(body).map_err(|e| e.to_string()),
                Some(at) => Err(format!("the body is not valid ASCII: byte {at}")),
            };
        }
        _ => {}
    }
    String::from_utf8(body).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        match charset {
            None | Some("utf-8" | "utf8") => {
                format!("the body is not valid UTF-8: invalid byte at offset {at}")
            }
            Some(other) => format!(
                "the body is in charset {other}, which this program does not decode, \
                 and is not valid UTF-8 (invalid byte at offset {at})"
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_decode_strictly() {
        assert_eq!(decode(b"caf\xc3\xa9".to_vec(), None).unwrap(), "café");
        let err = decode(b"Caf\xe9".to_vec(), None).unwrap_err();
        assert_eq!(err, "the body is not valid UTF-8: invalid byte at offset 3");
        assert_eq!(
            decode(b"Caf\xe9".to_vec(), Some("iso-8859-1")).unwrap(),
            "Café"
        );
        assert!(decode(b"Caf\xe9".to_vec(), Some("us-ascii")).is_err());
        assert!(decode(b"Caf\xe9".to_vec(), Some("koi8-r")).is_err());
    }

    #[test]
    fn the_charset_comes_from_the_content_type() {
        assert_eq!(
            charset("text/html; charset=UTF-8").as_deref(),
            Some("utf-8")
        );
        assert_eq!(
            charset("text/html;Charset=\"ISO-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(charset("text/html"), None);
    }

    #[test]
    fn only_http_and_https_urls_are_fetched() {
        let message = |url| match parse_url(url).unwrap_err() {
            FetchError::Http { cause, .. } => cause,
            FetchError::Other { cause } => panic!("not an aiohttp error: {cause}"),
        };
        assert_eq!(message(""), "invalid URL: the line is empty");
        assert_eq!(
            message("not a url"),
            "invalid URL: relative URL without a base"
        );
        assert_eq!(
            message("ftp://example.com/"),
            "invalid URL: the scheme ftp: is not http or https"
        );
        assert!(parse_url("http://127.0.0.1:8080/page/1.html").is_ok());
        assert!(parse_url("https://127.0.0.1:8443/page/1.html").is_ok());
    }
}
