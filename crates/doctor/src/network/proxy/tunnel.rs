//! The HTTP CONNECT tunnel (RFC 9110 §9.3.6): ask the proxy to open a
//! connection to the sign-in host, then speak TLS through it end to end.

use super::ProxyEndpoint;
use crate::network::step::{NetworkFailure, Step};
use base64::Engine;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

/// A proxy's answer head is a few hundred bytes; more than this is not one.
const MAX_HEAD_BYTES: usize = 16 * 1024;

pub(crate) async fn connect_through(
    mut stream: TcpStream,
    proxy: &ProxyEndpoint,
    host: &str,
    port: u16,
    deadline: Instant,
    started: Instant,
) -> Result<TcpStream, NetworkFailure> {
    let authority = authority(host, port);
    let mut request = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n");
    if let Some(credentials) = &proxy.credentials {
        let encoded = base64::engine::general_purpose::STANDARD.encode(credentials.expose());
        request.push_str(&format!("Proxy-Authorization: Basic {encoded}\r\n"));
    }
    request.push_str("\r\n");
    let exchange = async {
        stream.write_all(request.as_bytes()).await?;
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        // One byte at a time, so not a byte of the tunnelled TLS is consumed.
        while !head.ends_with(b"\r\n\r\n") && head.len() < MAX_HEAD_BYTES {
            if stream.read(&mut byte).await? == 0 {
                break;
            }
            head.push(byte[0]);
        }
        Ok::<_, std::io::Error>(head)
    };
    let head = match tokio::time::timeout_at(deadline, exchange).await {
        Err(_) => {
            return Err(NetworkFailure::timed_out(
                Step::Proxy,
                started.elapsed(),
                &format!("waiting for the proxy {proxy} to open a tunnel to {authority}"),
            ))
        }
        Ok(Err(e)) => return Err(closed(proxy, &authority).detail(e)),
        Ok(Ok(head)) => head,
    };
    judge_connect_reply(&head, proxy, &authority).map(|()| stream)
}

/// Reads the proxy's answer head to CONNECT: a 2xx opens the tunnel
/// (RFC 9110 §9.3.6), anything else is named. Pure, so the fuzz target
/// `connect_reply` can feed it anything.
pub fn judge_connect_reply(head: &[u8], proxy: &ProxyEndpoint, authority: &str) -> Result<(), NetworkFailure> {
    let text = String::from_utf8_lossy(head);
    let status_line = text.lines().next().unwrap_or_default().trim().to_owned();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok());
    let said = shown(&status_line);
    match status {
        Some(200..=299) => Ok(()),
        Some(407) => Err(wants_password(proxy)),
        Some(code) => Err(refused(proxy, authority, &format!("\"{said}\" (HTTP {code})"))),
        None => Err(NetworkFailure::new(
            Step::Proxy,
            format!("The proxy {proxy} did not answer like an HTTP proxy (it sent \"{said}\")."),
        )
        .fix(proxy_fix_steps())),
    }
}

/// The proxy's status line as the row shows it: without control characters
/// (a CR or a terminal escape would break the row's one line), and no
/// longer than a status line needs to be.
fn shown(status_line: &str) -> String {
    const MAX_SHOWN_CHARS: usize = 200;
    let mut clean: String = status_line
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_SHOWN_CHARS + 1)
        .collect();
    if clean.chars().count() > MAX_SHOWN_CHARS {
        clean = clean.chars().take(MAX_SHOWN_CHARS).collect::<String>() + "…";
    }
    clean
}

/// `host:port`, with an IPv6 address in brackets (RFC 9110 §7.2).
pub(crate) fn authority(host: &str, port: u16) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// The proxy closed the connection instead of opening the tunnel.
pub(crate) fn closed(proxy: &ProxyEndpoint, authority: &str) -> NetworkFailure {
    NetworkFailure::new(
        Step::Proxy,
        format!("The proxy {proxy} closed the connection while opening a tunnel to {authority}."),
    )
    .fix(proxy_fix_steps())
}

/// The proxy answered 407.
pub(crate) fn wants_password(proxy: &ProxyEndpoint) -> NetworkFailure {
    NetworkFailure::new(
        Step::Proxy,
        format!("The proxy {proxy} wants you to sign in to it (HTTP 407) before it lets anything through."),
    )
    .fix([
        "Open a browser and sign in to the proxy if it asks, then run the checks again.",
        "Ask IT whether this computer should be allowed through the proxy to login.microsoftonline.com without a separate proxy sign-in.",
    ])
}

/// The proxy refused the tunnel; `said` is its answer, as far as known.
pub(crate) fn refused(proxy: &ProxyEndpoint, authority: &str, said: &str) -> NetworkFailure {
    NetworkFailure::new(
        Step::Proxy,
        format!("The proxy {proxy} refused to open a tunnel to {authority}: {said}."),
    )
    .fix(proxy_fix_steps())
}

fn proxy_fix_steps() -> [&'static str; 2] {
    [
        "Ask IT to allow the Microsoft sign-in addresses (login.microsoftonline.com and friends) through the proxy.",
        "Check the proxy settings (Settings › Network › Proxy, or the HTTPS_PROXY variable); a wrong proxy address breaks every sign-in.",
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy() -> ProxyEndpoint {
        ProxyEndpoint {
            host: "proxy.example".to_owned(),
            port: 3128,
            credentials: None,
        }
    }

    #[test]
    fn a_2xx_opens_the_tunnel_and_other_answers_are_named() {
        let judge = |head: &str| judge_connect_reply(head.as_bytes(), &proxy(), "login.microsoftonline.com:443");
        assert_eq!(judge("HTTP/1.1 200 Connection established\r\n\r\n"), Ok(()));
        assert_eq!(
            judge("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"),
            Err(wants_password(&proxy()))
        );
        let refused = judge("HTTP/1.1 403 Forbidden\r\n\r\n").expect_err("refused");
        assert!(
            refused.summary.contains("\"HTTP/1.1 403 Forbidden\" (HTTP 403)"),
            "{}",
            refused.summary
        );
        let not_http = judge("SSH-2.0-OpenSSH_9.2p1\r\n").expect_err("not a proxy");
        assert!(
            not_http.summary.contains("did not answer like an HTTP proxy"),
            "{}",
            not_http.summary
        );
    }

    /// Found by the fuzz target `connect_reply`: the proxy's status line went
    /// into the row's one-line summary as sent, so a lone CR (or a terminal
    /// escape) in it broke the line, and a 16 KB line filled the row.
    #[test]
    fn the_proxys_words_are_shown_on_one_short_line() {
        let head = format!("HTTP/1.1 500 a\rb\u{1b}[31m{}\r\n\r\n", "x".repeat(10_000));
        let failure =
            judge_connect_reply(head.as_bytes(), &proxy(), "login.microsoftonline.com:443").expect_err("refused");
        assert!(!failure.summary.chars().any(char::is_control), "{:?}", failure.summary);
        assert!(
            failure.summary.contains("\"HTTP/1.1 500 ab[31mxxx"),
            "{}",
            failure.summary
        );
        assert!(
            failure.summary.chars().count() < 500,
            "{} characters",
            failure.summary.chars().count()
        );
        let garbage = format!("\u{7}{}\r\n", "y".repeat(10_000));
        let failure = judge_connect_reply(garbage.as_bytes(), &proxy(), "login.microsoftonline.com:443")
            .expect_err("not a proxy");
        assert!(!failure.summary.chars().any(char::is_control), "{:?}", failure.summary);
        assert!(
            failure.summary.chars().count() < 500,
            "{} characters",
            failure.summary.chars().count()
        );
    }
}
