use crate::accept_loop::AcceptLoop;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A forward proxy on 127.0.0.1 that opens HTTP CONNECT tunnels and forwards
/// plain `GET http://…` requests (RFC 9112 §3.2.2), only to 127.0.0.1, and
/// writes down every `host:port` it carried traffic to, so a test can prove
/// a request went through it. With `start_with(Some(basic))`, it answers 407
/// unless the request carries that Basic `Proxy-Authorization`. With
/// `start_routing`, it reaches an address this computer cannot reach directly.
pub struct ForwardProxy {
    pub port: u16,
    tunnels: Arc<Mutex<Vec<String>>>,
    _serving: AcceptLoop,
}

impl ForwardProxy {
    pub fn start() -> io::Result<Self> {
        Self::start_with(None)
    }

    /// `basic` is the expected `Proxy-Authorization: Basic …` value.
    pub fn start_with(basic: Option<String>) -> io::Result<Self> {
        Self::start_full(basic, HashMap::new())
    }

    /// A proxy that carries traffic for `unreachable` (say a closed port, so
    /// that going direct is refused) to `upstream`: a network where only the
    /// proxy gets through.
    pub fn start_routing(unreachable: &str, upstream: &str) -> io::Result<Self> {
        Self::start_full(None, HashMap::from([(unreachable.to_owned(), upstream.to_owned())]))
    }

    fn start_full(basic: Option<String>, routes: HashMap<String, String>) -> io::Result<Self> {
        let tunnels = Arc::new(Mutex::new(Vec::new()));
        let log = tunnels.clone();
        let serving = AcceptLoop::start(move |stream, _| {
            let _ = serve(stream, &log, basic.as_deref(), &routes);
        })?;
        Ok(Self {
            port: serving.port,
            tunnels,
            _serving: serving,
        })
    }

    /// `http://127.0.0.1:PORT`, as HTTPS_PROXY takes it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every `host:port` a tunnel was opened or a request forwarded to, in order.
    pub fn tunnels(&self) -> Vec<String> {
        self.tunnels.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

fn serve(
    mut client: TcpStream,
    log: &Mutex<Vec<String>>,
    basic: Option<&str>,
    routes: &HashMap<String, String>,
) -> io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        if client.read(&mut byte)? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut words = text.split_whitespace();
    let (method, target) = (
        words.next().unwrap_or_default(),
        words.next().unwrap_or_default().to_owned(),
    );
    // CONNECT names host:port; a forwarded request names an absolute http:// URL.
    let (authority, forwarded) = match (method, target.strip_prefix("http://")) {
        ("CONNECT", _) => (target.clone(), None),
        (_, Some(rest)) => {
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            let authority = if authority.contains(':') {
                authority.to_owned()
            } else {
                format!("{authority}:80")
            };
            (authority, Some(format!("/{path}")))
        }
        _ => {
            return client
                .write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        }
    };
    if let Some(expected) = basic {
        // Field names are case-insensitive (RFC 9110 §5.1).
        let given = text.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            let value = value.trim();
            (name.eq_ignore_ascii_case("proxy-authorization")
                && value.len() > 6
                && value[..6].eq_ignore_ascii_case("basic "))
            .then(|| value[6..].trim())
        });
        if given != Some(expected) {
            return client.write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    }
    let destination = routes.get(&authority).unwrap_or(&authority);
    // Tests never send traffic beyond this machine.
    let loopback = destination.starts_with("127.0.0.1:") || destination.starts_with("localhost:");
    let upstream = if loopback {
        TcpStream::connect(destination).ok()
    } else {
        None
    };
    let Some(mut upstream) = upstream else {
        return client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    };
    if let Ok(mut tunnels) = log.lock() {
        tunnels.push(authority);
    }
    client.set_read_timeout(None)?;
    match forwarded {
        // The request goes on in origin form, without the proxy's own headers.
        Some(path) => {
            let mut lines = text.split("\r\n");
            let first = lines.next().unwrap_or_default().replacen(&target, &path, 1);
            let rest: Vec<&str> = lines
                .filter(|l| {
                    let lower = l.to_ascii_lowercase();
                    !lower.starts_with("proxy-authorization:") && !lower.starts_with("proxy-connection:")
                })
                .collect();
            upstream.write_all(format!("{first}\r\n{}", rest.join("\r\n")).as_bytes())?;
        }
        None => client.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")?,
    }
    let (mut client_read, mut upstream_write) = (client.try_clone()?, upstream.try_clone()?);
    let (mut upstream_read, mut client_write) = (upstream, client);
    let up = std::thread::spawn(move || {
        let _ = io::copy(&mut client_read, &mut upstream_write);
        let _ = upstream_write.shutdown(Shutdown::Write);
    });
    let _ = io::copy(&mut upstream_read, &mut client_write);
    let _ = client_write.shutdown(Shutdown::Write);
    let _ = up.join();
    Ok(())
}
