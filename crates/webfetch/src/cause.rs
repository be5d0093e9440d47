//! What went wrong with a request, in a few exact words.
//!
//! reqwest's own message is only "error sending request" or "error decoding response
//! body"; the words that matter are further down its chain of sources: the system's error
//! (connection refused, too many open files), hyper's (the reply was not HTTP), rustls's
//! (a certificate not trusted).

use std::error::Error;
use std::io;

/// The cause of a failed request, ready to print after its URL: `timed out`, `HTTP status
/// 404 Not Found`, `cannot connect: connection refused`, `cannot resolve the host name
/// example.invalid`, `the server closed the connection without a reply`...
pub fn cause(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return "timed out".to_owned();
    }
    if err.is_redirect() {
        return "too many redirects".to_owned();
    }
    if let Some(status) = err.status() {
        return format!("HTTP status {status}");
    }
    if let Some(words) = source::<io::Error>(err).and_then(crate::open_files::too_many) {
        return format!("{}: {words}", stage(err));
    }
    // The authorities are loaded at the first https:// URL (src/tls.rs): when none could
    // be, for want of files, that is the cause to give.
    if chain(err).any(|e| e.to_string().contains("No CA certificates were loaded"))
        && let Some(words) = crate::open_files::out_of_files()
    {
        return format!("cannot connect: {words}");
    }
    if err.is_connect() {
        return connect_failure(err);
    }
    if let Some(hyper) = source::<hyper::Error>(err) {
        // hyper's `is_parse_too_large` exists only with its server half built.
        if hyper.is_parse() && hyper.to_string().contains("too large") {
            return "the reply's header is too large".to_owned();
        }
        if hyper.is_parse() {
            return format!("the reply is not valid HTTP: {hyper}");
        }
        if hyper.is_incomplete_message() {
            return "the server closed the connection without a reply".to_owned();
        }
    }
    match source::<io::Error>(err).map(io::Error::kind) {
        Some(io::ErrorKind::UnexpectedEof) => {
            format!("{}: the server closed the connection too soon", stage(err))
        }
        Some(io::ErrorKind::ConnectionReset) => {
            format!("{}: the server reset the connection", stage(err))
        }
        _ => format!("{}: {}", stage(err), innermost(err)),
    }
}

/// Where the exchange broke: before the reply's head, or while its body came.
fn stage(err: &reqwest::Error) -> &'static str {
    if err.is_connect() {
        "cannot connect"
    } else if err.is_body() || err.is_decode() {
        "the body was cut short"
    } else if err.is_builder() {
        "not a URL that can be fetched"
    } else {
        "no reply"
    }
}

fn connect_failure(err: &reqwest::Error) -> String {
    let host = err
        .url()
        .and_then(|url| url.host_str())
        .unwrap_or("the host");
    // hyper-util's connector says "dns error" when the host name has no address.
    if chain(err).any(|e| e.to_string() == "dns error") {
        return format!("cannot resolve the host name {host}: {}", innermost(err));
    }
    let why = match source::<io::Error>(err) {
        Some(io) => io_words(io),
        None => innermost(err).to_string(),
    };
    match crate::client::proxy_from_env(err.url()) {
        Some(proxy) => format!("cannot connect to the proxy {proxy}: {why}"),
        None => format!("cannot connect: {why}"),
    }
}

/// An I/O error in words that read the same on every system: `connection refused`.
fn io_words(io: &io::Error) -> String {
    use io::ErrorKind::*;
    match io.kind() {
        kind @ (ConnectionRefused | ConnectionReset | ConnectionAborted | NotConnected
        | TimedOut | AddrNotAvailable | HostUnreachable | NetworkUnreachable) => kind.to_string(),
        _ => io.to_string(),
    }
}

/// The error and its sources, outermost first.
fn chain<'a>(err: &'a (dyn Error + 'static)) -> impl Iterator<Item = &'a (dyn Error + 'static)> {
    std::iter::successors(Some(err), |&e| e.source())
}

/// The first error of type `E` in the chain.
fn source<'a, E: Error + 'static>(err: &'a (dyn Error + 'static)) -> Option<&'a E> {
    chain(err).find_map(|e| e.downcast_ref::<E>())
}

/// The last of an error's sources: `invalid peer certificate: UnknownIssuer`.
pub(crate) fn innermost<'a>(err: &'a (dyn Error + 'static)) -> &'a (dyn Error + 'static) {
    chain(err).last().unwrap_or(err)
}
