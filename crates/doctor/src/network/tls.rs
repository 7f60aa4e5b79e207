//! The TLS step, verified by the operating system's trust store (the same
//! roots the user's browser trusts, including any a company has added).

use super::step::{Step, StepFailure};
use rustls::pki_types::ServerName;
use rustls::{CertificateError, ClientConfig};
use rustls_platform_verifier::BuilderVerifierExt;
use std::io;
use std::sync::{Arc, OnceLock};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

/// What the handshake agreed on, for the evidence list.
pub(super) struct TlsFacts {
    pub version: String,
    pub cipher: String,
}

fn client_config() -> Result<Arc<ClientConfig>, String> {
    static CONFIG: OnceLock<Result<Arc<ClientConfig>, String>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .and_then(|builder| builder.with_platform_verifier())
                .map(|builder| Arc::new(builder.with_no_client_auth()))
                .map_err(|e| format!("this computer's certificate store could not be used: {e}"))
        })
        .clone()
}

pub(super) async fn handshake(
    stream: TcpStream,
    host: &str,
    deadline: Instant,
    started: Instant,
) -> Result<(TlsStream<TcpStream>, TlsFacts), StepFailure> {
    let config = client_config().map_err(|why| StepFailure::new(Step::Tls, format!("TLS could not start: {why}.")))?;
    let name = ServerName::try_from(host.to_owned())
        .map_err(|e| StepFailure::new(Step::Tls, format!("\"{host}\" is not a valid TLS server name.")).detail(e))?;
    let connecting = TlsConnector::from(config).connect(name, stream);
    match tokio::time::timeout_at(deadline, connecting).await {
        Err(_) => Err(StepFailure::timed_out(
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

fn classify(host: &str, e: io::Error) -> StepFailure {
    let inspection = [
        "If your company inspects HTTPS traffic (TLS inspection), ask IT to exempt the Microsoft sign-in addresses (login.microsoftonline.com and friends).",
        "Try another network, such as a phone hotspot: if sign-in works there, the network in between is the cause.",
    ];
    let clock = "Check this computer's date, time and time zone: a wrong clock makes valid certificates look expired or not yet valid.";
    let rustls_error = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>());
    let failure = match rustls_error {
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
            StepFailure::new(Step::Tls, summary).fix(fixes)
        }
        Some(other) => {
            StepFailure::new(Step::Tls, format!("TLS handshake with {host} failed: {other}.")).fix(inspection)
        }
        None => StepFailure::new(
            Step::Tls,
            format!("TLS handshake with {host} failed: the connection was closed or reset ({e})."),
        )
        .fix(inspection),
    };
    failure.detail(e)
}
