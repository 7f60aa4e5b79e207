use crate::accept_loop::AcceptLoop;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A forward proxy on 127.0.0.1 that opens HTTP CONNECT tunnels, only to
/// 127.0.0.1, and writes down every tunnel it opened, so a test can prove a
/// request went through it. With `require_password`, it answers 407 unless
/// the request carries that Basic `Proxy-Authorization`.
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
        let tunnels = Arc::new(Mutex::new(Vec::new()));
        let log = tunnels.clone();
        let serving = AcceptLoop::start(move |stream, _| {
            let _ = serve(stream, &log, basic.as_deref());
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

    /// Every `host:port` a tunnel was opened to, in order.
    pub fn tunnels(&self) -> Vec<String> {
        self.tunnels.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

fn serve(mut client: TcpStream, log: &Mutex<Vec<String>>, basic: Option<&str>) -> io::Result<()> {
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
    if method != "CONNECT" {
        return client.write_all(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    if let Some(expected) = basic {
        let given = text
            .lines()
            .find_map(|l| l.strip_prefix("Proxy-Authorization: Basic "))
            .map(str::trim);
        if given != Some(expected) {
            return client.write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    }
    // Tests never send traffic beyond this machine.
    let loopback = target.starts_with("127.0.0.1:") || target.starts_with("localhost:");
    let upstream = if loopback {
        TcpStream::connect(&target).ok()
    } else {
        None
    };
    let Some(upstream) = upstream else {
        return client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    };
    if let Ok(mut tunnels) = log.lock() {
        tunnels.push(target);
    }
    client.set_read_timeout(None)?;
    client.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")?;
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
