//! Trust for https:// URLs, loaded when the first one is met.
//!
//! reqwest's own rustls setup reads the system's certificate authorities (or the files
//! `SSL_CERT_FILE` and `SSL_CERT_DIR` name) when the client is built: some 150 files, most of
//! a short run's time, even for a list of http:// URLs that never needs them. Here the same
//! verifier (rustls-platform-verifier's, as reqwest's) is built at the first certificate to
//! check, and kept for the rest of the run. Checking a handshake's signature needs only the
//! cryptography, not the authorities.
//!
//! One addition, for a self-signed certificate that is also a certificate authority's (what
//! `openssl req -x509 -newkey ...` makes): curl and Python trust it as a server's own when it
//! is in their trusted file; webpki never does (`CaUsedAsEndEntity`, rustls/webpki#205, by
//! design). Here it is trusted as curl does, and only so: byte for byte one of the
//! certificates of the file `SSL_CERT_FILE` names, within its dates, for the server's name.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::verify_server_name;
use rustls::crypto::{self, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::ParsedCertificate;
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, SignatureScheme};
use rustls_platform_verifier::Verifier;

/// The TLS settings of every client webfetch builds: ring (the root Cargo.toml says
/// why), TLS 1.2 and 1.3, and the system's authorities, loaded when first needed.
pub(crate) fn client_config() -> ClientConfig {
    let provider = Arc::new(crypto::ring::default_provider());
    let verifier = Arc::new(SystemAuthorities {
        provider: provider.clone(),
        verifier: OnceLock::new(),
        file: OnceLock::new(),
    });
    ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports TLS 1.2 and 1.3")
        // `dangerous` only names the power to replace the verifier; this one verifies
        // exactly as reqwest's default does.
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth()
}

/// rustls-platform-verifier's verifier, built on first use. If the authorities cannot be
/// loaded (none found, or no file left to open them), every https:// URL fails with why.
#[derive(Debug)]
struct SystemAuthorities {
    provider: Arc<CryptoProvider>,
    verifier: OnceLock<Result<Verifier, rustls::Error>>,
    /// The certificates of the file `SSL_CERT_FILE` names, read when first needed.
    file: OnceLock<Vec<CertificateDer<'static>>>,
}

impl SystemAuthorities {
    fn verifier(&self) -> Result<&Verifier, rustls::Error> {
        self.verifier
            .get_or_init(|| Verifier::new(self.provider.clone()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Whether `end_entity` is byte for byte one of the certificates of the file
    /// `SSL_CERT_FILE` names (none if it is unset or cannot be read).
    fn in_trusted_file(&self, end_entity: &CertificateDer<'_>) -> bool {
        let file = self.file.get_or_init(|| {
            std::env::var_os("SSL_CERT_FILE")
                .and_then(|path| CertificateDer::pem_file_iter(path).ok())
                .map(|certs| certs.filter_map(Result::ok).collect())
                .unwrap_or_default()
        });
        file.iter().any(|cert| cert.as_ref() == end_entity.as_ref())
    }
}

/// Whether webpki refused the certificate only for being a certificate authority's.
fn ca_used_as_end_entity(err: &rustls::Error) -> bool {
    matches!(
        err,
        rustls::Error::InvalidCertificate(CertificateError::Other(other))
            if matches!(other.0.downcast_ref(), Some(webpki::Error::CaUsedAsEndEntity))
    )
}

impl ServerCertVerifier for SystemAuthorities {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verified = self.verifier()?.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        match verified {
            // A certificate authority's certificate served as the server's own, trusted as
            // curl trusts it. Its dates have been checked at `now` already: webpki checks a
            // certificate's validity before its basic constraints, so an expired one fails
            // as `Expired`, never as `CaUsedAsEndEntity` (the site's tests check both).
            // Its name is checked here: webpki checks that only after the chain.
            Err(err) if ca_used_as_end_entity(&err) && self.in_trusted_file(end_entity) => {
                verify_server_name(&ParsedCertificate::try_from(end_entity)?, server_name)?;
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        crypto::verify_tls12_signature(message, cert, dss, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        crypto::verify_tls13_signature(message, cert, dss, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
