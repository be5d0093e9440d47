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
    if let Some(words) = source::<io::Error>(err).and_then(lessonkit::too_many) {
        return format!("{}: {words}", stage(err));
    }
    // The authorities are loaded at the first https:// URL (src/tls.rs): when none could
    // be, for want of files, that is the cause to give.
    if chain(err).any(|e| e.to_string().contains("No CA certificates were loaded"))
        && let Some(words) = lessonkit::out_of_files()
    {
        return format!("cannot connect: {words}");
    }
    if let Some(words) = tls_error(err).and_then(certificate_words) {
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

/// The TLS error in the chain: its own link, or inside an I/O error (in one, or in one in
/// another, as tokio-rustls and reqwest pass it on), whose `source` skips what it wraps.
fn tls_error(err: &reqwest::Error) -> Option<&rustls::Error> {
    chain(err).find_map(|mut e| {
        loop {
            if let Some(tls) = e.downcast_ref::<rustls::Error>() {
                return Some(tls);
            }
            e = e.downcast_ref::<io::Error>()?.get_ref()?;
        }
    })
}

/// A refused server certificate in words, saying what to do where something can be done;
/// `None` for other TLS errors. rustls's own words for these are its variants' names
/// (`invalid peer certificate: UnknownIssuer`, `...: Other(OtherError(CaUsedAsEndEntity))`).
fn certificate_words(err: &rustls::Error) -> Option<String> {
    use rustls::CertificateError::*;
    const IT: &str = "the server's certificate";
    const UNTRUSTED: &str = "the server's certificate is not trusted";
    const TO_TRUST: &str = "(to trust it, name its file in SSL_CERT_FILE)";
    let rustls::Error::InvalidCertificate(cert) = err else {
        return None;
    };
    let words = match cert {
        UnknownIssuer => {
            format!("{UNTRUSTED}: no authority this machine trusts signed it {TO_TRUST}")
        }
        Expired | ExpiredContext { .. } => format!(
            "{IT} has expired (if this machine's clock is right, only the server can renew it)"
        ),
        NotValidYet | NotValidYetContext { .. } => {
            format!("{IT} is not valid yet (check this machine's clock)")
        }
        NotValidForNameContext { expected, .. } => format!(
            "{IT} is not for the name {} (use a name it is for)",
            expected.to_str()
        ),
        NotValidForName => format!("{IT} is not for this name (use a name it is for)"),
        BadSignature => format!("{IT}'s signature does not match (it may have been tampered with)"),
        Revoked => format!("{IT} has been revoked by its authority"),
        BadEncoding => format!("{IT} is malformed"),
        InvalidPurpose | InvalidPurposeContext { .. } => {
            format!("{IT} is not for use by a web server")
        }
        Other(other) => match other.0.downcast_ref::<webpki::Error>() {
            // A certificate authority's own certificate, served as the server's: trusted
            // only when it is in the file SSL_CERT_FILE names (src/tls.rs), and it is not.
            Some(webpki::Error::CaUsedAsEndEntity) => format!(
                "{UNTRUSTED}: it is a certificate authority's own, and not the one in the \
                 trusted file {TO_TRUST}"
            ),
            _ => format!("{IT} was refused: it breaks the rules for a web server's certificate"),
        },
        _ => format!("{IT} could not be checked"),
    };
    Some(words)
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

/// The last of an error's sources: `connection refused`.
pub(crate) fn innermost<'a>(err: &'a (dyn Error + 'static)) -> &'a (dyn Error + 'static) {
    chain(err).last().unwrap_or(err)
}
