//! The site over HTTPS (the `tls` feature): a certificate made up for the run, and a listener
//! that hands axum connections whose TLS handshake has succeeded.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::IncomingStream;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types};
use tokio_rustls::server::TlsStream;

use crate::{LocalAddr, Site, SiteHandle, Transport, spawn_on_thread};

/// The server's side of TLS: its certificate and key.
pub(crate) type Acceptor = TlsAcceptor;

/// How long a client may take over its TLS handshake before its connection is dropped.
const HANDSHAKE_LIMIT: Duration = Duration::from_secs(10);

/// Serves `site` over HTTPS on a free port of 127.0.0.1, like [`crate::spawn`]: its URLs are
/// `https://127.0.0.1:PORT/...`, and its certificate (for `127.0.0.1` and `localhost`) is
/// signed by a certificate authority made up for this site alone, whose certificate
/// [`SiteHandle::ca_pem`] returns. No client trusts it until told to: write that PEM to a file
/// and name it in `SSL_CERT_FILE`, or add it to the client's roots.
///
/// # Panics
///
/// If the certificate cannot be made, or no port bound or thread or runtime started;
/// [`try_spawn_tls`] returns the error.
pub fn spawn_tls(site: Site) -> SiteHandle {
    try_spawn_tls(site).unwrap_or_else(|e| panic!("cannot start the practice site over TLS: {e}"))
}

/// [`spawn_tls`], returning an error instead of panicking.
pub fn try_spawn_tls(site: Site) -> io::Result<SiteHandle> {
    let (acceptor, ca_pem) = identity().map_err(io::Error::other)?;
    spawn_on_thread(site, Transport::Tls { acceptor, ca_pem })
}

/// Serves `site` over HTTPS as [`spawn_tls`] does, but with the kind of certificate
/// `openssl req -x509 -newkey ...` makes: self-signed and a certificate authority's
/// (`CA:TRUE`), made up for this site alone, for `names` (`["127.0.0.1", "localhost"]` to be
/// right), and `expired` or valid from 1975 to 4096. [`SiteHandle::ca_pem`] returns that
/// certificate itself: the file curl and Python are given to trust such a server.
///
/// # Panics
///
/// If the certificate cannot be made, or no port bound or thread or runtime started.
pub fn spawn_tls_self_signed(site: Site, names: &[&str], expired: bool) -> SiteHandle {
    self_signed(names, expired)
        .map_err(io::Error::other)
        .and_then(|(acceptor, ca_pem)| spawn_on_thread(site, Transport::Tls { acceptor, ca_pem }))
        .unwrap_or_else(|e| panic!("cannot start the practice site over TLS: {e}"))
}

/// A fresh self-signed certificate authority's certificate for `names`, used as the server's
/// own: the acceptor that presents it, and the certificate in PEM.
fn self_signed(
    names: &[&str],
    expired: bool,
) -> Result<(TlsAcceptor, String), Box<dyn std::error::Error + Send + Sync>> {
    let names: Vec<String> = names.iter().map(|&name| name.to_owned()).collect();
    let mut params = CertificateParams::new(names)?;
    params
        .distinguished_name
        .push(DnType::CommonName, "asyncio-to-tokio self-signed site");
    // What openssl's default configuration adds: `basicConstraints = critical,CA:true`.
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    if expired {
        params.not_before = rcgen::date_time_ymd(2000, 1, 1);
        params.not_after = rcgen::date_time_ymd(2001, 1, 1);
    }
    let key = KeyPair::generate()?;
    let cert = params.self_signed(&key)?;
    let acceptor = acceptor(cert.der().clone(), &key)?;
    Ok((acceptor, cert.pem()))
}

/// An acceptor presenting `cert`, whose key is `key`.
fn acceptor(
    cert: pki_types::CertificateDer<'static>,
    key: &KeyPair,
) -> Result<TlsAcceptor, Box<dyn std::error::Error + Send + Sync>> {
    // The provider is named, not left to the process default: the one reqwest's rustls uses.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let key = pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)?;
    // The site speaks HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}

/// A fresh certificate authority, and a server certificate it signed for `127.0.0.1` and
/// `localhost`: the acceptor that presents it, and the authority's certificate in PEM.
fn identity() -> Result<(TlsAcceptor, String), Box<dyn std::error::Error + Send + Sync>> {
    // Each authority has a name of its own: a client that trusts another site's authority
    // must find no authority of this name (an unknown issuer), not one whose signature fails.
    static MADE: AtomicU64 = AtomicU64::new(0);
    let serial = MADE.fetch_add(1, Ordering::Relaxed);
    let name = format!(
        "asyncio-to-tokio practice site CA {}.{serial}",
        std::process::id()
    );
    let mut ca = CertificateParams::new(Vec::<String>::new())?;
    ca.distinguished_name.push(DnType::CommonName, name);
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate()?)?;

    let mut server = CertificateParams::new(["127.0.0.1".to_owned(), "localhost".to_owned()])?;
    server
        .distinguished_name
        .push(DnType::CommonName, "asyncio-to-tokio practice site");
    server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server_key = KeyPair::generate()?;
    let server_cert = server.signed_by(&server_key, &ca)?;
    Ok((acceptor(server_cert.der().clone(), &server_key)?, ca.pem()))
}

/// Accepts TCP connections, runs each one's TLS handshake on a task of its own (so a client
/// that stalls or fails its handshake holds up no other), and hands axum those that succeed.
pub(crate) struct TlsListener {
    addr: io::Result<SocketAddr>,
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    accepting: JoinHandle<()>,
}

impl TlsListener {
    pub(crate) fn new(listener: TcpListener, acceptor: TlsAcceptor) -> Self {
        let addr = listener.local_addr();
        let (tx, ready) = mpsc::channel(64);
        let accepting = tokio::spawn(async move {
            loop {
                let (tcp, peer) = match listener.accept().await {
                    Ok(accepted) => accepted,
                    // Out of file descriptors, say: wait a moment, as axum's own loop does.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                };
                let acceptor = acceptor.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    // A failed handshake (a client that does not trust the certificate sends
                    // an alert and hangs up) ends here: there is no request to answer.
                    if let Ok(Ok(tls)) =
                        tokio::time::timeout(HANDSHAKE_LIMIT, acceptor.accept(tcp)).await
                    {
                        let _ = tx.send((tls, peer)).await;
                    }
                });
            }
        });
        TlsListener {
            addr,
            ready,
            accepting,
        }
    }
}

impl Drop for TlsListener {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(accepted) => accepted,
            // The accepting task is gone only once this listener is: nothing more comes.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        match &self.addr {
            Ok(addr) => Ok(*addr),
            Err(e) => Err(io::Error::new(e.kind(), e.to_string())),
        }
    }
}

impl Connected<IncomingStream<'_, TlsListener>> for LocalAddr {
    fn connect_info(stream: IncomingStream<'_, TlsListener>) -> Self {
        LocalAddr(stream.io().get_ref().0.local_addr().ok())
    }
}
