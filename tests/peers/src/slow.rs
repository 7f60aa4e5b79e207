use crate::accept_loop::AcceptLoop;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Reads the request, then sends an HTTP answer one byte a second: the
/// server that is "up" but never finishes within any sensible bound.
pub struct TricklingServer {
    pub port: u16,
    _serving: AcceptLoop,
}

impl TricklingServer {
    pub fn start() -> io::Result<Self> {
        let serving = AcceptLoop::start(|stream, stop| {
            let _ = trickle(stream, stop);
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

fn trickle(mut stream: TcpStream, stop: &AtomicBool) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut buf = [0u8; 4096];
    let _ = stream.read(&mut buf)?;
    let body = "{\"issuer\":\"slow\"}";
    let answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    for byte in answer.bytes() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        stream.write_all(&[byte])?;
        std::thread::sleep(Duration::from_secs(1));
    }
    Ok(())
}
