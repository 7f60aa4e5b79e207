//! An HTTP server on 127.0.0.1 whose `Date` header runs ahead of (or behind)
//! this computer's clock, for the clock check's HTTPS-Date fallback.

use crate::accept_loop::AcceptLoop;
use chrono::{TimeDelta, Utc};
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Answers any request with a small JSON body and a `Date` shifted by a
/// chosen number of seconds (fractions allowed: the header itself has whole
/// seconds, as every HTTP server's does).
pub struct ShiftedHttpServer {
    pub port: u16,
    _serving: AcceptLoop,
}

impl ShiftedHttpServer {
    /// `shift_seconds` > 0: the server's clock is ahead of this computer's.
    pub fn start(shift_seconds: f64) -> io::Result<Self> {
        Self::start_with(shift_seconds, None)
    }

    /// Like [`start`](Self::start), but every answer carries `Age: age_seconds`,
    /// as a cache's copy does (its `Date` is then older than the answer).
    pub fn start_cached(shift_seconds: f64, age_seconds: u32) -> io::Result<Self> {
        Self::start_with(shift_seconds, Some(age_seconds))
    }

    fn start_with(shift_seconds: f64, age_seconds: Option<u32>) -> io::Result<Self> {
        let shift = TimeDelta::microseconds((shift_seconds * 1e6).round() as i64);
        let serving = AcceptLoop::start(move |stream, _| {
            let _ = answer(stream, shift, age_seconds);
        })?;
        Ok(Self {
            port: serving.port,
            _serving: serving,
        })
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/.well-known/openid-configuration", self.port)
    }
}

fn answer(mut stream: TcpStream, shift: TimeDelta, age_seconds: Option<u32>) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    // The clock is read after the request arrived, as a real server does.
    // RFC 9110 §5.6.7: IMF-fixdate, always in GMT.
    let date = (Utc::now() + shift).format("%a, %d %b %Y %H:%M:%S GMT");
    let age = age_seconds.map(|a| format!("Age: {a}\r\n")).unwrap_or_default();
    let body = r#"{"issuer":"http://127.0.0.1/shifted-clock"}"#;
    let response = format!(
        "HTTP/1.1 200 OK\r\nDate: {date}\r\n{age}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes())?;
    stream.flush()
}
