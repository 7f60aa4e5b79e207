//! Opening a connection step by step (DNS, connect, TLS), so a failure names
//! its step and every step is timed.

use super::proxy::{self, ProxySettings, Route};
use super::resolver::dns_failure;
use super::step::{NetworkFailure, Step};
use super::trail::Trail;
use super::{connect, tls, Resolver};
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;
use url::{Host, Url};

/// A connection, encrypted unless it goes to a loopback test server.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// Whether plain http may go beyond loopback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlainHttp {
    /// Sign-in traffic: https, or http to a loopback test server only.
    LoopbackOnly,
    /// The captive-portal test, which must be plain http (portals only
    /// intercept what they can read) and carries nothing secret.
    Allowed,
}

/// Plain http is allowed only to a loopback IP address (test servers), unless
/// `plain_http` says otherwise; anything else would expose codes and tokens
/// (RFC 6749 §3.1.2.1, §10.9).
pub(crate) fn check_scheme(url: &Url, plain_http: PlainHttp) -> Result<(), NetworkFailure> {
    // `https://a@b/` goes to b, whatever a looks like: a prefix or a glance
    // would take a for the host. RFC 9110 §4.2.4 forbids user-info in http(s)
    // addresses, so no request (and no token) goes to one.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(NetworkFailure::new(
            Step::Connect,
            format!(
                "Refused to send anything to {}: the address carries a user name before its host (user@host), which hides where a request really goes.",
                url.host_str().unwrap_or("an address")
            ),
        ));
    }
    let loopback = match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    };
    match (url.scheme(), plain_http) {
        ("https", _) | ("http", PlainHttp::Allowed) => Ok(()),
        ("http", PlainHttp::LoopbackOnly) if loopback => Ok(()),
        (_, PlainHttp::Allowed) => Err(NetworkFailure::new(
            Step::Connect,
            format!("{url} is not an http:// or https:// address."),
        )),
        (other, PlainHttp::LoopbackOnly) => Err(NetworkFailure::new(
            Step::Connect,
            format!(
                "Refused to send anything to {url}: \"{other}:\" is not https, and only https is safe for sign-in."
            ),
        )),
    }
}

/// Opens a connection to `url` step by step, writing each step into `trail`.
pub(crate) async fn open(
    url: &Url,
    resolver: &dyn Resolver,
    proxies: &ProxySettings,
    deadline: Instant,
    started: Instant,
    trail: &mut Trail,
) -> Result<Stream, NetworkFailure> {
    check_scheme(url, PlainHttp::LoopbackOnly)?;
    let port = url.port_or_known_default().unwrap_or(443);
    let host = match url.host() {
        Some(Host::Ipv6(ip)) => ip.to_string(),
        Some(host) => host.to_string(),
        None => return Err(NetworkFailure::new(Step::Dns, format!("{url} has no host name."))),
    };
    let stream = match proxies.route_for(url) {
        Route::Proxy { endpoint, source } => {
            trail.note("Proxy", format!("{endpoint}, from {source}"));
            let addresses = resolve(&endpoint.host, endpoint.port, resolver, deadline, started, trail).await?;
            let step_start = Instant::now();
            let (stream, address) = connect::connect(&addresses, deadline, started).await?;
            trail.timed(Step::Connect, step_start);
            trail.note("Connected to proxy", address.to_string());
            let step_start = Instant::now();
            let stream = proxy::connect_through(stream, &endpoint, &host, port, deadline, started).await?;
            trail.timed(Step::Proxy, step_start);
            trail.note("Tunnel", format!("the proxy opened a tunnel to {host}:{port}"));
            stream
        }
        route => {
            let note = match route {
                Route::DirectCannotFollow { why } => format!("not followed: {why}"),
                Route::Direct { why } => format!("none: {why}"),
                Route::Proxy { .. } => String::new(),
            };
            trail.note("Proxy", note);
            let addresses = resolve(&host, port, resolver, deadline, started, trail).await?;
            trail.addresses = addresses.iter().map(|a| a.ip()).collect();
            let step_start = Instant::now();
            let (stream, address) = connect::connect(&addresses, deadline, started).await?;
            trail.timed(Step::Connect, step_start);
            trail.note("Connected to", address.to_string());
            stream
        }
    };

    if url.scheme() != "https" {
        trail.note("TLS", "none: plain http to a loopback test server");
        return Ok(Stream::Plain(stream));
    }
    let step_start = Instant::now();
    let (stream, facts) = tls::handshake(stream, &host, deadline, started, &mut trail.chain).await?;
    trail.timed(Step::Tls, step_start);
    trail.note("TLS", format!("{}, {}", facts.version, facts.cipher));
    Ok(Stream::Tls(Box::new(stream)))
}

async fn resolve(
    host: &str,
    port: u16,
    resolver: &dyn Resolver,
    deadline: Instant,
    started: Instant,
    trail: &mut Trail,
) -> Result<Vec<SocketAddr>, NetworkFailure> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        trail.note("DNS", "not needed: the address is an IP address");
        return Ok(vec![SocketAddr::new(ip, port)]);
    }
    let step_start = Instant::now();
    let addresses = match tokio::time::timeout_at(deadline, resolver.resolve(host, port)).await {
        Err(_) => {
            return Err(NetworkFailure::timed_out(
                Step::Dns,
                started.elapsed(),
                &format!("looking up {host} in DNS"),
            ))
        }
        Ok(Err(e)) => return Err(dns_failure(host, Some(&e))),
        Ok(Ok(addresses)) if addresses.is_empty() => return Err(dns_failure(host, None)),
        Ok(Ok(addresses)) => addresses,
    };
    trail.timed(Step::Dns, step_start);
    let listed: Vec<String> = addresses.iter().map(|a| a.ip().to_string()).collect();
    trail.note("DNS", format!("{host} → {}", listed.join(", ")));
    Ok(addresses)
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}
