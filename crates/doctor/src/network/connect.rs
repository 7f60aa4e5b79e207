//! The TCP connect step.

use super::step::{network_fix_steps, NetworkFailure, Step};
use std::io;
use std::net::SocketAddr;
use tokio::net::TcpStream;
use tokio::time::Instant;

/// Tries each address in turn until one connects or the deadline passes.
pub(super) async fn connect(
    addresses: &[SocketAddr],
    deadline: Instant,
    started: Instant,
) -> Result<(TcpStream, SocketAddr), NetworkFailure> {
    let mut last_error: Option<(SocketAddr, io::Error)> = None;
    for address in addresses {
        match tokio::time::timeout_at(deadline, TcpStream::connect(address)).await {
            Ok(Ok(stream)) => return Ok((stream, *address)),
            Ok(Err(e)) => last_error = Some((*address, e)),
            Err(_) => {
                return Err(NetworkFailure::timed_out(
                    Step::Connect,
                    started.elapsed(),
                    &format!("connecting to {address}: nothing answered (a firewall may be dropping the traffic)"),
                ))
            }
        }
    }
    Err(match last_error {
        Some((address, e)) => refused(&address, &e),
        None => NetworkFailure::new(Step::Dns, "The name resolved to no addresses.").fix(network_fix_steps()),
    })
}

/// What to say when connecting to `address` (an IP and port, or a name) failed.
pub(super) fn refused(address: &dyn std::fmt::Display, e: &io::Error) -> NetworkFailure {
    let summary = match e.kind() {
        io::ErrorKind::ConnectionRefused => {
            format!("Connection refused by {address}: nothing is listening there, or a firewall rejected it.")
        }
        io::ErrorKind::NetworkUnreachable | io::ErrorKind::HostUnreachable => {
            format!("No route to {address}: this computer has no network path there.")
        }
        io::ErrorKind::TimedOut => format!("Connecting to {address} timed out."),
        _ => format!("Could not connect to {address}: {e}."),
    };
    NetworkFailure::new(Step::Connect, summary)
        .detail(e)
        .fix(network_fix_steps())
}
