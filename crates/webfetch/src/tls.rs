//! Trust for https:// URLs, loaded when the first one is met.
//!
//! reqwest's own rustls setup reads the system's certificate authorities (or the files
//! `SSL_CERT_FILE` and `SSL_CERT_DIR` name) when the client is built: some 150 files, most of
//! a short run's time, even for a list of http:// URLs that never needs them. Here the same
//! verifier (rustls-platform-verifier's, as reqwest's) is built at the first certificate to
//! check, and kept for the rest of the run. Checking a handshake's signature needs only the
//! cryptography, not the authorities.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{self, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use rustls_platform_verifier::Verifier;

/// The TLS settings of every client webfetch builds: ring (the root Cargo.toml says
/// why), TLS 1.2 and 1.3, and the system's authorities, loaded when first needed.
pub(crate) fn client_config() -> ClientConfig {
    let provider = Arc::new(crypto::ring::default_provider());
    let verifier = Arc::new(SystemAuthorities {
        provider: provider.clone(),
        verifier: OnceLock::new(),
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
}

impl SystemAuthorities {
    fn verifier(&self) -> Result<&Verifier, rustls::Error> {
        self.verifier
            .get_or_init(|| Verifier::new(self.provider.clone()))
            .as_ref()
            .map_err(Clone::clone)
    }
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
        self.verifier()?.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
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
