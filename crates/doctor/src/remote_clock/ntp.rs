//! Asking one SNTP server (RFC 4330 / RFC 5905 client mode) through rsntp.

use super::reply_checks::check_reply;
use super::{ClockError, NtpServer, Sample};
use crate::network::Resolver;
use chrono::Utc;
use rsntp::{Config, SntpClient};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use tokio::time::Instant;

/// A usable SNTP answer.
#[derive(Clone, Debug, PartialEq)]
pub struct NtpReading {
    pub sample: Sample,
    pub stratum: u8,
    /// The server's reference (an IP address, or a code such as "GPS").
    pub reference: String,
}

/// Resolves `server` and asks it once, all by `deadline`. Returns the
/// address asked (when DNS found one) and the reading or why there is none.
pub async fn ask_ntp_server(
    server: &NtpServer,
    resolver: &dyn Resolver,
    deadline: Instant,
) -> (Option<SocketAddr>, Result<NtpReading, ClockError>) {
    let started = Instant::now();
    let address = match resolve(server, resolver, deadline).await {
        Ok(address) => address,
        Err(error) => return (None, Err(error)),
    };
    let remaining = deadline.saturating_duration_since(Instant::now());
    if remaining.is_zero() {
        return (
            Some(address),
            Err(ClockError::no_answer(started.elapsed(), address.port())),
        );
    }
    let bind: IpAddr = match address {
        SocketAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        SocketAddr::V6(_) => Ipv6Addr::UNSPECIFIED.into(),
    };
    // rsntp connects the UDP socket (its default), so the kernel drops any
    // answer from another address or port: that shows up as "no answer".
    let client = SntpClient::with_config(
        Config::default()
            .bind_address(SocketAddr::new(bind, 0))
            .timeout(remaining),
    );
    // The exchange runs on a blocking thread, bounded by the socket's own
    // receive timeout and by this deadline. Done on tokio's sockets, a UDP
    // socket that got an ICMP "port unreachable" kept the I/O driver busy
    // under Wine (readable, yet every receive "would block"), so no timer
    // fired and the bound never came.
    let exchange = tokio::task::spawn_blocking(move || client.synchronize(address));
    let reading = match tokio::time::timeout_at(deadline, exchange).await {
        Err(_) => Err(ClockError::no_answer(remaining, address.port())),
        Ok(Err(stopped)) => Err(ClockError::Network(stopped.to_string())),
        Ok(Ok(Err(error))) => Err(ClockError::from_sntp(error, remaining, address.port())),
        Ok(Ok(Ok(result))) => {
            let (theta, delta) = (
                result.clock_offset().as_secs_f64(),
                result.round_trip_delay().as_secs_f64(),
            );
            check_reply(theta, delta, Utc::now()).map(|()| NtpReading {
                sample: Sample::from_ntp(theta, delta),
                stratum: result.stratum(),
                reference: result.reference_identifier().to_string(),
            })
        }
    };
    (Some(address), reading)
}

async fn resolve(server: &NtpServer, resolver: &dyn Resolver, deadline: Instant) -> Result<SocketAddr, ClockError> {
    if let Ok(ip) = server.host.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, server.port));
    }
    let started = Instant::now();
    let not_found = |detail: String| ClockError::NameNotFound {
        host: server.host.clone(),
        detail,
    };
    match tokio::time::timeout_at(deadline, resolver.resolve(&server.host, server.port)).await {
        Err(_) => Err(ClockError::no_answer(started.elapsed(), server.port)),
        Ok(Err(e)) => Err(not_found(e.to_string())),
        // One address is enough: UDP has no connection to fail over on.
        Ok(Ok(addresses)) => addresses
            .into_iter()
            .next()
            .ok_or_else(|| not_found("the name has no addresses".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::SystemResolver;
    use std::net::UdpSocket;
    use std::time::Duration;

    /// Seen under Wine: a server set up on another port was said to be
    /// blocked on UDP port 123.
    #[tokio::test]
    async fn silence_names_the_port_that_was_asked() {
        // Bound (so no "port unreachable" comes back) and never read.
        let silent = UdpSocket::bind("127.0.0.1:0").expect("bind");
        let port = silent.local_addr().expect("address").port();
        let server = NtpServer::parse(&format!("127.0.0.1:{port}")).expect("parses");
        let deadline = Instant::now() + Duration::from_millis(300);
        let (_, reading) = ask_ntp_server(&server, &SystemResolver, deadline).await;
        let error = reading.expect_err("nobody answers");
        assert_eq!(error.kind(), "no_answer");
        let words = error.to_string();
        assert!(words.contains(&format!("UDP port {port} may be blocked")), "{words}");
    }

    /// A closed port answers with ICMP "port unreachable", which Windows
    /// reports on the next receive as WSAECONNRESET: the answer still comes
    /// within the bound, as a refusal (seen hanging under Wine before).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_closed_port_is_answered_within_the_bound() {
        let port = {
            let closed = UdpSocket::bind("127.0.0.1:0").expect("bind");
            closed.local_addr().expect("address").port()
        };
        let server = NtpServer::parse(&format!("127.0.0.1:{port}")).expect("parses");
        let started = std::time::Instant::now();
        let deadline = Instant::now() + Duration::from_millis(500);
        let (_, reading) = ask_ntp_server(&server, &SystemResolver, deadline).await;
        assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
        let error = reading.expect_err("nobody answers");
        // Windows says WSAECONNRESET (error.rs maps it), but Wine drops the
        // ICMP answer for an unconnected socket, so there it is silence.
        let expected: &[&str] = if cfg!(windows) {
            &["port_closed", "no_answer"]
        } else {
            &["port_closed"]
        };
        assert!(expected.contains(&error.kind()), "{}: {error}", error.kind());
    }
}
