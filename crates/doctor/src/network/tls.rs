//! The TLS step, verified by the operating system's trust store (the same
//! roots the user's browser trusts, including any a company has added).

use super::step::{NetworkFailure, Step};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, SignatureScheme};
use std::io;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

/// What the handshake agreed on, for the evidence list.
pub(super) struct TlsFacts {
    pub version: String,
    pub cipher: String,
}

/// Why TLS could not even start on this computer.
#[derive(Clone, Debug, thiserror::Error)]
pub enum TlsSetupError {
    #[error("this computer's certificate store could not be used: {0}")]
    TrustStore(rustls::Error),
    #[error("TLS could not be set up: {0}")]
    Config(rustls::Error),
}

/// The operating system's verifier, built once (it loads the trust store).
fn platform_verifier() -> Result<Arc<rustls_platform_verifier::Verifier>, TlsSetupError> {
    static VERIFIER: OnceLock<Result<Arc<rustls_platform_verifier::Verifier>, TlsSetupError>> = OnceLock::new();
    VERIFIER
        .get_or_init(|| {
            rustls_platform_verifier::Verifier::new(Arc::new(rustls::crypto::ring::default_provider()))
                .map(Arc::new)
                .map_err(TlsSetupError::TrustStore)
        })
        .clone()
}

/// The one TLS configuration of the app: ring, and the platform's verifier
/// (or `verifier`, which wraps it). The shared client uses it as it is.
pub(super) fn client_config(verifier: Option<Arc<dyn ServerCertVerifier>>) -> Result<ClientConfig, TlsSetupError> {
    let verifier: Arc<dyn ServerCertVerifier> = match verifier {
        Some(verifier) => verifier,
        None => platform_verifier()?,
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|builder| {
            builder
                .dangerous()
                .with_custom_certificate_verifier(verifier)
                .with_no_client_auth()
        })
        .map_err(TlsSetupError::Config)
}

/// A config whose verifier writes down the chain the server sent, before the
/// platform verifier judges it, so an untrusted (inspecting) chain can still be named.
fn recording_config(seen: Arc<Mutex<Vec<CertificateDer<'static>>>>) -> Result<Arc<ClientConfig>, TlsSetupError> {
    let inner = platform_verifier()?;
    client_config(Some(Arc::new(RecordingVerifier { inner, seen }))).map(Arc::new)
}

#[derive(Debug)]
struct RecordingVerifier {
    inner: Arc<rustls_platform_verifier::Verifier>,
    seen: Arc<Mutex<Vec<CertificateDer<'static>>>>,
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let chain = std::iter::once(end_entity)
            .chain(intermediates)
            .map(|c| c.clone().into_owned())
            .collect();
        *self.seen.lock().unwrap_or_else(PoisonError::into_inner) = chain;
        // The decision is the platform's alone; recording changes nothing.
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// The TLS handshake. `chain` receives the certificates the server sent,
/// whether or not they were trusted.
pub(super) async fn handshake(
    stream: TcpStream,
    host: &str,
    deadline: Instant,
    started: Instant,
    chain: &mut Vec<CertificateDer<'static>>,
) -> Result<(TlsStream<TcpStream>, TlsFacts), NetworkFailure> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let config = recording_config(seen.clone())
        .map_err(|why| NetworkFailure::new(Step::Tls, format!("TLS could not start: {why}.")))?;
    let name = ServerName::try_from(host.to_owned())
        .map_err(|e| NetworkFailure::new(Step::Tls, format!("\"{host}\" is not a valid TLS server name.")).detail(e))?;
    let connecting = TlsConnector::from(config).connect(name, stream);
    let result = tokio::time::timeout_at(deadline, connecting).await;
    *chain = std::mem::take(&mut *seen.lock().unwrap_or_else(PoisonError::into_inner));
    match result {
        Err(_) => Err(NetworkFailure::timed_out(
            Step::Tls,
            started.elapsed(),
            &format!("in the TLS handshake with {host}: connected, but the secure session never started"),
        )),
        Ok(Err(e)) => Err(classify(host, e)),
        Ok(Ok(tls)) => {
            let (_, session) = tls.get_ref();
            let facts = TlsFacts {
                version: session
                    .protocol_version()
                    .and_then(|v| v.as_str())
                    .unwrap_or("unknown")
                    .replace('_', "."),
                cipher: session
                    .negotiated_cipher_suite()
                    .and_then(|c| c.suite().as_str())
                    .unwrap_or("unknown")
                    .to_owned(),
            };
            Ok((tls, facts))
        }
    }
}

fn classify(host: &str, e: io::Error) -> NetworkFailure {
    let rustls_error = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>());
    tls_failure(host, rustls_error, &e.to_string()).detail(e)
}

/// The TLS failure in words: what the rustls error (if any) says about the
/// certificate, and what to do. `what` is the error's own text.
pub(super) fn tls_failure(host: &str, rustls_error: Option<&rustls::Error>, what: &str) -> NetworkFailure {
    let inspection = [
        "If your company inspects HTTPS traffic (TLS inspection), ask IT to exempt the Microsoft sign-in addresses (login.microsoftonline.com and friends).",
        "Try another network, such as a phone hotspot: if sign-in works there, the network in between is the cause.",
    ];
    let clock = "Check this computer's date, time and time zone: a wrong clock makes valid certificates look expired or not yet valid.";
    match rustls_error {
        Some(rustls::Error::InvalidCertificate(cert)) => {
            let (summary, fixes): (String, Vec<&str>) = match cert {
                CertificateError::UnknownIssuer => (
                    format!("TLS failed: the certificate {host} presented is not from an issuer this computer trusts. Something on the network may be intercepting HTTPS."),
                    inspection.to_vec(),
                ),
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => (
                    format!("TLS failed: the certificate {host} presented has expired, or this computer's clock is ahead."),
                    vec![clock, inspection[0]],
                ),
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => (
                    format!("TLS failed: the certificate {host} presented is not valid yet, or this computer's clock is behind."),
                    vec![clock, inspection[0]],
                ),
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => (
                    format!("TLS failed: the certificate presented is not for {host}. Something on the network may be answering in its place."),
                    inspection.to_vec(),
                ),
                CertificateError::Revoked => (
                    format!("TLS failed: the certificate {host} presented has been revoked."),
                    inspection.to_vec(),
                ),
                other => (
                    format!("TLS failed: the certificate {host} presented was rejected ({other:?})."),
                    inspection.to_vec(),
                ),
            };
            NetworkFailure::new(Step::Tls, summary).fix(fixes)
        }
        Some(other) => {
            NetworkFailure::new(Step::Tls, format!("TLS handshake with {host} failed: {other}.")).fix(inspection)
        }
        None => NetworkFailure::new(
            Step::Tls,
            format!("TLS handshake with {host} failed: the connection was closed or reset ({what})."),
        )
        .fix(inspection),
    }
}
