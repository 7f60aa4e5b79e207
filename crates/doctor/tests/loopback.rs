//! The loopback redirect listener against real sockets: the default
//! `http://localhost` redirect on both loopback addresses (RFC 8252 §7.3,
//! §8.3), and connections that dawdle, trickle or reset ahead of the real
//! redirect (each is served on its own, so none holds up the sign-in).

use doctor::signin::{LoopbackListener, Redirect};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn ipv6_loopback_available() -> bool {
    std::net::TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).is_ok()
}

/// Sends the browser's request to `ip` and returns the HTTP status.
fn get(ip: IpAddr, port: u16, target: &str) -> u16 {
    let mut stream = TcpStream::connect(SocketAddr::new(ip, port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut text = String::new();
    let _ = stream.read_to_string(&mut text);
    text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

async fn redirect_to(ip: IpAddr) {
    let listener = LoopbackListener::bind("http://localhost").await.expect("bind");
    let redirect_uri = listener.redirect_uri().to_string();
    assert!(redirect_uri.starts_with("http://localhost:"), "{redirect_uri}");
    let port = listener.port();
    let browser = tokio::task::spawn_blocking(move || get(ip, port, "/?code=c1&state=s1"));
    let redirect = listener
        .wait("s1", Duration::from_secs(10), std::future::pending())
        .await;
    assert!(matches!(redirect, Ok(Redirect::Code { .. })), "{ip}: {redirect:?}");
    assert_eq!(browser.await.expect("browser"), 200, "{ip}");
}

#[tokio::test]
async fn the_default_redirect_is_heard_on_127_0_0_1() {
    redirect_to(IpAddr::V4(Ipv4Addr::LOCALHOST)).await;
}

/// Browsers may resolve `localhost` to ::1 first; the same port must answer
/// there, or another program could (RFC 8252 §8.3).
#[tokio::test]
async fn the_default_redirect_is_heard_on_ipv6_loopback() {
    if !ipv6_loopback_available() {
        eprintln!("skipped: this machine has no IPv6 loopback");
        return;
    }
    redirect_to(IpAddr::V6(Ipv6Addr::LOCALHOST)).await;
}

#[tokio::test]
async fn idle_trickling_and_reset_connections_do_not_hold_up_the_redirect() {
    let listener = LoopbackListener::bind("http://127.0.0.1/callback").await.expect("bind");
    let port = listener.port();
    let at = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let browser = tokio::task::spawn_blocking(move || {
        // Idle: connected, never a byte.
        let idle: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(at).expect("idle")).collect();
        // Reset: connected, half a request, then an RST (linger 0).
        for _ in 0..3 {
            let reset = socket2::Socket::from(TcpStream::connect(at).expect("reset"));
            let _ = (&reset).write_all(b"GET /call");
            reset.set_linger(Some(Duration::ZERO)).expect("linger");
            drop(reset);
        }
        // Trickling: one byte at a time, slower than any browser.
        let mut trickle = TcpStream::connect(at).expect("trickle");
        let trickler = std::thread::spawn(move || {
            for byte in b"GET /callback?code=slow&state=s1 HTTP/1.1\r\n\r\n" {
                if trickle.write_all(&[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        });
        std::thread::sleep(Duration::from_millis(200));
        let started = Instant::now();
        let status = get(IpAddr::V4(Ipv4Addr::LOCALHOST), port, "/callback?code=real&state=s1");
        let took = started.elapsed();
        drop(idle);
        let _ = trickler;
        (status, took)
    });
    let started = Instant::now();
    let redirect = listener
        .wait("s1", Duration::from_secs(20), std::future::pending())
        .await;
    let waited = started.elapsed();
    match redirect {
        Ok(Redirect::Code { code, .. }) => assert_eq!(code.secret(), "real"),
        other => panic!("{other:?}"),
    }
    let (status, took) = browser.await.expect("browser");
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(2), "the real redirect took {took:?}");
    assert!(waited < Duration::from_secs(3), "the sign-in waited {waited:?}");
}

/// Issue 23 item 11: a local process that opens more idle connections than
/// the listener serves at once (16) must not push the real redirect past
/// the sign-in's time limit. The idle ones never send a byte and stay open.
#[tokio::test]
async fn idle_connections_filling_every_slot_do_not_hold_up_the_redirect() {
    let listener = LoopbackListener::bind("http://127.0.0.1/callback").await.expect("bind");
    let port = listener.port();
    let at = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let browser = tokio::task::spawn_blocking(move || {
        // Twice the slots: the first 16 hold every slot, the rest queue ahead of the browser.
        let idle: Vec<TcpStream> = (0..32).map(|_| TcpStream::connect(at).expect("idle")).collect();
        std::thread::sleep(Duration::from_millis(300));
        let started = Instant::now();
        let status = get(IpAddr::V4(Ipv4Addr::LOCALHOST), port, "/callback?code=real&state=s1");
        let took = started.elapsed();
        drop(idle);
        (status, took)
    });
    let started = Instant::now();
    let redirect = listener
        .wait("s1", Duration::from_secs(4), std::future::pending())
        .await;
    let waited = started.elapsed();
    match redirect {
        Ok(Redirect::Code { code, .. }) => assert_eq!(code.secret(), "real"),
        other => panic!("the real redirect did not get through: {other:?} after {waited:?}"),
    }
    let (status, took) = browser.await.expect("browser");
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(1), "the real redirect took {took:?}");
}
