use crate::accept_loop::AcceptLoop;
use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, KeyPair, SanType};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// A TLS server whose certificate comes from a CA made on the spot, as a
/// TLS-inspecting middlebox re-signs traffic. Nothing on this machine trusts
/// that CA, so clients see an untrusted chain they can still read.
pub struct InspectingTlsServer {
    pub port: u16,
    /// The CA's common name, as the app should name it.
    pub issuer: String,
    _serving: AcceptLoop,
}

impl InspectingTlsServer {
    /// A certificate for 127.0.0.1 valid from last year to next year.
    pub fn start(issuer: &str) -> io::Result<Self> {
        Self::start_valid(issuer, (2025, 2035))
    }

    /// A certificate for 127.0.0.1 valid from 1 January of `years.0` to 1 January of `years.1`.
    pub fn start_valid(issuer: &str, years: (i32, i32)) -> io::Result<Self> {
        let (chain, key) = make_chain(issuer, years).map_err(io::Error::other)?;
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(io::Error::other)?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .map_err(io::Error::other)?;
        let config = Arc::new(config);
        let serving = AcceptLoop::start(move |stream, _| {
            let _ = serve(stream, config.clone());
        })?;
        Ok(Self {
            port: serving.port,
            issuer: issuer.to_owned(),
            _serving: serving,
        })
    }

    pub fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }
}

fn make_chain(
    issuer: &str,
    years: (i32, i32),
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), rcgen::Error> {
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::new(Vec::new())?;
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, issuer);
    name.push(DnType::OrganizationName, "Test Network Security");
    ca.distinguished_name = name;
    let ca_cert = ca.self_signed(&ca_key)?;
    let ca_issuer = rcgen::Issuer::new(ca, ca_key);
    let leaf_key = KeyPair::generate()?;
    let mut leaf = CertificateParams::new(Vec::new())?;
    leaf.subject_alt_names = vec![SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST))];
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, "127.0.0.1");
    leaf.distinguished_name = name;
    leaf.not_before = rcgen::date_time_ymd(years.0, 1, 1);
    leaf.not_after = rcgen::date_time_ymd(years.1, 1, 1);
    let leaf_cert = leaf.signed_by(&leaf_key, &ca_issuer)?;
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    Ok((vec![leaf_cert.der().clone(), ca_cert.der().clone()], key))
}

fn serve(stream: TcpStream, config: Arc<rustls::ServerConfig>) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let connection = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(connection, stream);
    let mut buf = [0u8; 4096];
    // The client usually gives up on the untrusted chain; if not, answer.
    let _ = tls.read(&mut buf)?;
    tls.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    )?;
    tls.flush()
}
