//! An SNTP server on 127.0.0.1 that answers every request with one kind of
//! broken packet, for fault injection (RFC 5905 §7.3 packet layout).

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the server gets wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadNtpAnswer {
    /// Stratum 0 with this kiss code in the reference ID (RFC 5905 §7.4), e.g. `*b"RATE"`.
    KissOfDeath([u8; 4]),
    /// A transmit timestamp of zero (RFC 4330 §5: discard such a reply).
    ZeroTransmitTimestamp,
    /// Any stratum: 0 with an empty reference ID (unspecified), or 16 (unsynchronized).
    Stratum(u8),
    /// A mode other than 4 (server), e.g. 3 (client).
    Mode(u8),
    /// An NTP version other than 3 or 4.
    Version(u8),
    /// A packet cut to this many bytes (a whole one has 48).
    Short(usize),
    /// A good answer, but sent from another port than the one asked.
    FromOtherPort,
    /// A good answer to some other request (its originate timestamp is not ours).
    NotOurRequest,
}

pub struct BadNtpServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl BadNtpServer {
    pub fn start(answer: BadNtpAnswer) -> io::Result<Self> {
        let socket = UdpSocket::bind("127.0.0.1:0")?;
        let port = socket.local_addr()?.port();
        // Checked every 50 ms for the stop flag.
        socket.set_read_timeout(Some(Duration::from_millis(50)))?;
        let other_port = UdpSocket::bind("127.0.0.1:0")?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut request = [0u8; 512];
            while !stop_flag.load(Ordering::SeqCst) {
                let Ok((n, from)) = socket.recv_from(&mut request) else {
                    continue;
                };
                if n < 48 {
                    continue;
                }
                let reply = craft(answer, &request[..48]);
                let sender = if answer == BadNtpAnswer::FromOtherPort {
                    &other_port
                } else {
                    &socket
                };
                let _ = reply_to(sender, &reply, from);
            }
        });
        Ok(Self {
            port,
            stop,
            thread: Some(thread),
        })
    }

    /// `host:port`, as the app's settings name an NTP server.
    pub fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

fn reply_to(socket: &UdpSocket, reply: &[u8], to: SocketAddr) -> io::Result<usize> {
    socket.send_to(reply, to)
}

/// A well-formed server reply to `request`, then broken as asked.
fn craft(answer: BadNtpAnswer, request: &[u8]) -> Vec<u8> {
    let now = ntp_timestamp(SystemTime::now());
    let mut packet = vec![0u8; 48];
    packet[0] = 0b00_100_100; // LI 0, version 4, mode 4 (server)
    packet[1] = 2; // stratum 2: synchronized to a primary server
    packet[2] = 6; // poll
    packet[3] = 0xEC; // precision, about 2^-20 s
    packet[12..16].copy_from_slice(&[127, 0, 0, 1]);
    packet[16..24].copy_from_slice(&now);
    packet[24..32].copy_from_slice(&request[40..48]); // originate = the request's transmit
    packet[32..40].copy_from_slice(&now);
    packet[40..48].copy_from_slice(&now);
    match answer {
        BadNtpAnswer::KissOfDeath(code) => {
            packet[1] = 0;
            packet[12..16].copy_from_slice(&code);
        }
        BadNtpAnswer::ZeroTransmitTimestamp => packet[40..48].fill(0),
        BadNtpAnswer::Stratum(stratum) => {
            packet[1] = stratum;
            if stratum <= 1 {
                packet[12..16].fill(0);
            }
        }
        BadNtpAnswer::Mode(mode) => packet[0] = (packet[0] & !0b111) | (mode & 0b111),
        BadNtpAnswer::Version(version) => packet[0] = (packet[0] & !0b111_000) | ((version & 0b111) << 3),
        BadNtpAnswer::Short(len) => packet.truncate(len),
        BadNtpAnswer::FromOtherPort => {}
        BadNtpAnswer::NotOurRequest => packet[24..32].copy_from_slice(&now),
    }
    packet
}

/// RFC 5905 §6: seconds since 1900 and a 32-bit fraction, big-endian.
fn ntp_timestamp(at: SystemTime) -> [u8; 8] {
    const UNIX_TO_NTP: u64 = 2_208_988_800;
    let since_unix = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    let seconds = (since_unix.as_secs() + UNIX_TO_NTP) as u32;
    let fraction = ((u64::from(since_unix.subsec_nanos()) << 32) / 1_000_000_000) as u32;
    let mut bytes = [0u8; 8];
    bytes[..4].copy_from_slice(&seconds.to_be_bytes());
    bytes[4..].copy_from_slice(&fraction.to_be_bytes());
    bytes
}

impl Drop for BadNtpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
