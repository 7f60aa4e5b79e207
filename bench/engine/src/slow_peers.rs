//! Peers made slow on purpose, in front of (or instead of) the real ones.
//! Both stop when dropped.

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// A UDP relay on 127.0.0.1 that holds every request for `delay` before
/// passing it to `upstream`, then passes the answer straight back: an NTP
/// server one second away.
pub struct DelayedUdpRelay {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl DelayedUdpRelay {
    pub fn start(upstream: SocketAddr, delay: Duration) -> io::Result<Self> {
        let socket = UdpSocket::bind("127.0.0.1:0")?;
        let port = socket.local_addr()?.port();
        // Wakes the loop now and then to see the stop flag.
        socket.set_read_timeout(Some(Duration::from_millis(100)))?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 1500];
            while !stop_flag.load(Ordering::SeqCst) {
                let Ok((n, client)) = socket.recv_from(&mut buf) else {
                    continue;
                };
                let request = buf[..n].to_vec();
                let Ok(reply_socket) = socket.try_clone() else { continue };
                std::thread::spawn(move || {
                    std::thread::sleep(delay);
                    if let Ok(answer) = ask(upstream, &request) {
                        let _ = reply_socket.send_to(&answer, client);
                    }
                });
            }
        });
        Ok(Self {
            port,
            stop,
            thread: Some(thread),
        })
    }

    pub fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

fn ask(upstream: SocketAddr, request: &[u8]) -> io::Result<Vec<u8>> {
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    socket.set_read_timeout(Some(Duration::from_secs(2)))?;
    socket.send_to(request, upstream)?;
    let mut buf = [0u8; 1500];
    let (n, _) = socket.recv_from(&mut buf)?;
    Ok(buf[..n].to_vec())
}

impl Drop for DelayedUdpRelay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A UDP port that takes every request and never answers: a hung NTP server.
/// (A closed port would answer at once with ICMP "port unreachable".)
pub struct SilentUdpServer {
    pub port: u16,
    _socket: UdpSocket,
}

impl SilentUdpServer {
    pub fn start() -> io::Result<Self> {
        let socket = UdpSocket::bind("127.0.0.1:0")?;
        Ok(Self {
            port: socket.local_addr()?.port(),
            _socket: socket,
        })
    }

    pub fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}
