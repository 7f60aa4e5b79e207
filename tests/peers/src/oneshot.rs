use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Answers every request with the same response, for fault injection:
/// an HTTP 500, an HTML page where JSON belongs, JSON of the wrong shape.
pub struct OneShotHttpServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
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
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let head: String = headers
            .iter()
            .map(|(name, value)| format!("{name}: {value}\r\n"))
            .collect();
        let response = Arc::new(format!(
            "HTTP/1.1 {status_line}\r\n{head}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ));
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop_flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let response = response.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(delay);
                        let _ = answer(stream, response.as_bytes());
                    });
                }
            }
        });
        Ok(Self {
            port,
            stop,
            thread: Some(thread),
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

impl Drop for OneShotHttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
