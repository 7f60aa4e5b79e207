use crate::accept_loop::AcceptLoop;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

/// Answers every request with the same response, for fault injection:
/// an HTTP 500, an HTML page where JSON belongs, JSON of the wrong shape.
pub struct OneShotHttpServer {
    pub port: u16,
    _serving: AcceptLoop,
}

impl OneShotHttpServer {
    pub fn start(status_line: &str, content_type: &str, body: &str) -> io::Result<Self> {
        Self::start_with(status_line, &[("Content-Type", content_type)], body, Duration::ZERO)
    }

    /// A captive portal: every request is redirected to `to`.
    pub fn redirecting_to(to: &str) -> io::Result<Self> {
        Self::start_with(
            "302 Found",
            &[("Location", to), ("Content-Type", "text/html")],
            "<html><body>Please sign in to the Wi-Fi</body></html>",
            Duration::ZERO,
        )
    }

    /// Answers with these headers and body, each answer sent after `delay`
    /// (connections are served in parallel, so a delay never adds up).
    pub fn start_with(status_line: &str, headers: &[(&str, &str)], body: &str, delay: Duration) -> io::Result<Self> {
        let head: String = headers
            .iter()
            .map(|(name, value)| format!("{name}: {value}\r\n"))
            .collect();
        let response = Arc::new(format!(
            "HTTP/1.1 {status_line}\r\n{head}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ));
        let serving = AcceptLoop::start(move |stream, _| {
            std::thread::sleep(delay);
            let _ = answer(stream, response.as_bytes());
        })?;
        Ok(Self {
            port: serving.port,
            _serving: serving,
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn answer(mut stream: TcpStream, response: &[u8]) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    // Read the request head before answering, as a real server does.
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    stream.write_all(response)?;
    stream.flush()
}
