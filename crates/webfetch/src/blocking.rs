//! The same for reqwest's blocking client (Python's `requests`), for programs without a
//! runtime.

use std::io::Read;
use std::time::{Duration, Instant};

use lessonkit::Fatal;
use reqwest::IntoUrl;
use reqwest::blocking::Client;

use crate::client::{
    CONNECT_TIMEOUT, proxy_from_env_used, refuse_declared_length, setup_failed, too_large, utf8,
};
use crate::{MAX_BODY, cause};

/// The one client of a run, like a `requests.Session`. Unlike the async [`crate::client`],
/// it takes its proxy from the environment (`https_proxy`, `no_proxy`...), as `requests`
/// does. Like `requests`, it asks for compressed bodies and decodes them (brotli too).
pub fn client(timeout: Duration) -> Result<Client, Fatal> {
    proxy_from_env_used();
    let builder = Client::builder()
        .tls_backend_preconfigured(crate::tls::client_config())
        .gzip(true)
        .deflate(true)
        .brotli(true)
        .timeout(timeout)
        .connect_timeout(timeout.min(CONNECT_TIMEOUT));
    // The client runs a tokio runtime of its own, on a thread of its own, which panics
    // where it cannot start (`ulimit -n 8`): see `lessonkit::without_panic`.
    match lessonkit::without_panic(|| builder.build()) {
        Ok(built) => built.map_err(setup_failed),
        Err(panicked) => Err(Fatal::setup(format!(
            "cannot build the HTTP client: {panicked}"
        ))),
    }
}

/// GETs `url` and returns its body as text (`requests.get(url).text`, with the status
/// checked), within `timeout` for the whole response.
///
/// The blocking client's own timeout covers each read, not the whole response: a body that
/// trickles in, a byte at a time, would never end. So the body has a deadline of its own,
/// as aiohttp's total timeout and the async client's timeout give.
pub fn get_text(client: &Client, url: impl IntoUrl, timeout: Duration) -> Result<String, String> {
    let deadline = Instant::now() + timeout;
    let response = client.get(url).send().map_err(|e| cause(&e))?;
    let mut response = response.error_for_status().map_err(|e| cause(&e))?;
    refuse_declared_length(response.content_length())?;
    let mut body = Vec::new();
    let mut chunk = [0; 8192];
    loop {
        let read = response.read(&mut chunk).map_err(|e| {
            // The reader wraps reqwest's own error (a timeout, say) in an io::Error.
            match e
                .into_inner()
                .map(|inner| inner.downcast::<reqwest::Error>())
            {
                Some(Ok(err)) => cause(&err),
                Some(Err(other)) => format!("the body was cut short: {other}"),
                None => "the body was cut short".to_owned(),
            }
        })?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
        if body.len() > MAX_BODY {
            return Err(too_large());
        }
        if Instant::now() > deadline {
            return Err("timed out".to_owned());
        }
    }
    utf8(body)
}
