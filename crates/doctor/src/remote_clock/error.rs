//! Why a remote clock gave no usable time, in words a help-desk person can
//! read, with a stable name (`kind`) for scripts and tests.

use rsntp::{KissCode, ProtocolError, SynchronizationError};
use std::io;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ClockError {
    #[error("DNS failed: could not find {host} ({detail}).")]
    NameNotFound { host: String, detail: String },
    /// `port` is the one asked, which a server's setting may make other than 123.
    #[error(
        "No answer within {waited_seconds:.1} s: UDP port {port} may be blocked on this network, or the server is down."
    )]
    NoAnswer { waited_seconds: f64, port: u16 },
    /// The HTTPS `Date` source: connected (or not) but no answer by the bound; not a UDP matter.
    #[error("Timed out after {waited_seconds:.1} s: the server sent no answer (a proxy or firewall may be holding the request).")]
    HttpNoAnswer { waited_seconds: f64 },
    #[error("The port is closed: nothing is listening there (this computer was told \"port unreachable\").")]
    PortClosed,
    #[error("Could not send the request: {0}.")]
    Network(String),
    /// RFC 5905 §7.4: the server refuses service and the client must stop asking it.
    #[error("The server refused to give the time (kiss-o'-death {code}: {meaning}).")]
    KissOfDeath { code: &'static str, meaning: &'static str },
    /// RFC 5905 §7.3: stratum 0 means "unspecified or invalid"; with no known kiss code it is no answer at all.
    #[error("The server answered with stratum 0 (unspecified) and no known kiss code, so its time cannot be used.")]
    UnspecifiedStratum,
    /// Stratum 16 or leap indicator 3 (RFC 5905 §7.3).
    #[error("The server says its own clock is not synchronized (stratum 16 or alarm), so its time cannot be trusted.")]
    NotSynchronized,
    /// RFC 4330 §5: a reply whose transmit timestamp is zero must be discarded.
    #[error("The answer has no transmit time (a zero timestamp), so it says nothing about the time.")]
    ZeroTransmitTimestamp,
    #[error("The answer is not a server reply (wrong NTP mode).")]
    WrongMode,
    #[error("The answer is too short to be an NTP packet (fewer than 48 bytes).")]
    ShortPacket,
    #[error("The answer uses an NTP version this app does not read (only versions 3 and 4).")]
    BadVersion,
    /// RFC 5905 §8: the originate timestamp must echo our transmit timestamp.
    #[error("The answer does not belong to the question sent (its originate time is not ours): stale, duplicated or forged.")]
    NotOurRequest,
    #[error("The answer is malformed ({0}).")]
    Malformed(String),
    #[error("{0}")]
    HttpFailed(String),
    #[error("The answer has no Date header.")]
    NoDateHeader,
    #[error("The Date header \"{0}\" is not an HTTP date (RFC 9110 §5.6.7).")]
    BadDateHeader(String),
    /// RFC 9111 §5.1: `Age` means a cache answered, and `Date` is when the
    /// origin made the response, not now.
    #[error("A cache answered (Age: {age}), so its Date is not the current time.")]
    CachedResponse { age: String },
}

impl ClockError {
    /// A stable, snake_case name for scripts and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            ClockError::NameNotFound { .. } => "dns_failed",
            ClockError::NoAnswer { .. } | ClockError::HttpNoAnswer { .. } => "no_answer",
            ClockError::PortClosed => "port_closed",
            ClockError::Network(_) => "network_error",
            ClockError::KissOfDeath { .. } => "kiss_of_death",
            ClockError::UnspecifiedStratum => "stratum_0",
            ClockError::NotSynchronized => "not_synchronized",
            ClockError::ZeroTransmitTimestamp => "zero_transmit_timestamp",
            ClockError::WrongMode => "wrong_mode",
            ClockError::ShortPacket => "short_packet",
            ClockError::BadVersion => "bad_version",
            ClockError::NotOurRequest => "not_our_request",
            ClockError::Malformed(_) => "malformed_packet",
            ClockError::HttpFailed(_) => "http_failed",
            ClockError::NoDateHeader => "no_date_header",
            ClockError::BadDateHeader(_) => "bad_date_header",
            ClockError::CachedResponse { .. } => "cached_response",
        }
    }

    /// No SNTP answer on UDP `port` within `waited`.
    pub(super) fn no_answer(waited: Duration, port: u16) -> Self {
        ClockError::NoAnswer {
            waited_seconds: waited.as_secs_f64(),
            port,
        }
    }

    pub(super) fn http_no_answer(waited: Duration) -> Self {
        ClockError::HttpNoAnswer {
            waited_seconds: waited.as_secs_f64(),
        }
    }

    /// rsntp's error, after waiting up to `waited` for the answer on UDP `port`.
    pub(super) fn from_sntp(error: SynchronizationError, waited: Duration, port: u16) -> Self {
        match error {
            SynchronizationError::IOError(e) => Self::from_io(&e, waited, port),
            SynchronizationError::ProtocolError(e) => Self::from_protocol(e),
        }
    }

    pub(super) fn from_io(error: &io::Error, waited: Duration, port: u16) -> Self {
        match error.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Self::no_answer(waited, port),
            // A connected UDP socket reports the ICMP "port unreachable" as
            // refused on Unix, and as WSAECONNRESET on Windows.
            io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionReset => ClockError::PortClosed,
            _ => ClockError::Network(error.to_string()),
        }
    }

    fn from_protocol(error: ProtocolError) -> Self {
        match error {
            ProtocolError::PacketIsTooShort => ClockError::ShortPacket,
            ProtocolError::InvalidPacketVersion => ClockError::BadVersion,
            ProtocolError::InvalidMode => ClockError::WrongMode,
            ProtocolError::InvalidOriginateTimestamp => ClockError::NotOurRequest,
            ProtocolError::InvalidTransmitTimestamp => ClockError::ZeroTransmitTimestamp,
            ProtocolError::ServerNotSynchronized => ClockError::NotSynchronized,
            ProtocolError::KissODeath(KissCode::Unknown) => ClockError::UnspecifiedStratum,
            ProtocolError::KissODeath(code) => {
                let (code, meaning) = kiss_code_words(code);
                ClockError::KissOfDeath { code, meaning }
            }
            ProtocolError::InvalidLeapIndicator => ClockError::Malformed("invalid leap indicator".to_owned()),
            ProtocolError::InvalidReferenceIdentifier => {
                ClockError::Malformed("invalid reference identifier".to_owned())
            }
        }
    }
}

/// The four-letter code (RFC 5905 §7.4, Figure 13) and what it means for the user.
fn kiss_code_words(code: KissCode) -> (&'static str, &'static str) {
    match code {
        KissCode::RateExceeded => ("RATE", "asked too often; wait a few minutes before checking again"),
        // rsntp reads both DENY and RSTR as "access denied".
        KissCode::AccessDenied => ("DENY/RSTR", "this computer is not allowed to use that server"),
        KissCode::AssociationBelongsToAnycastServer => ("ACST", "anycast association"),
        KissCode::AssociationBelongsToBroadcastServer => ("BCST", "broadcast association"),
        KissCode::AssociationBelongsToManycastServer => ("MCST", "manycast association"),
        KissCode::ServerAuthenticationFailed => ("AUTH", "server authentication failed"),
        KissCode::AutokeySequenceFailed => ("AUTO", "autokey sequence failed"),
        KissCode::CryptographicAuthenticationFailed => ("CRYP", "cryptographic authentication failed"),
        KissCode::LostPeer => ("DROP", "lost peer"),
        KissCode::AssociationNotYetSynchronized => ("INIT", "the server is not synchronized yet"),
        KissCode::NoKeyFound => ("NKEY", "no trusted key"),
        KissCode::TinkeringWithAssociation => ("RMOT", "remote tinkering"),
        KissCode::StepChange => ("STEP", "the server's clock just stepped"),
        KissCode::Unknown => ("unknown", "unknown code"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_rsntp_errors_to_named_verdicts() {
        let cases = [
            (ProtocolError::PacketIsTooShort, "short_packet"),
            (ProtocolError::InvalidPacketVersion, "bad_version"),
            (ProtocolError::InvalidMode, "wrong_mode"),
            (ProtocolError::InvalidOriginateTimestamp, "not_our_request"),
            (ProtocolError::InvalidTransmitTimestamp, "zero_transmit_timestamp"),
            (ProtocolError::ServerNotSynchronized, "not_synchronized"),
            (ProtocolError::KissODeath(KissCode::Unknown), "stratum_0"),
            (ProtocolError::KissODeath(KissCode::RateExceeded), "kiss_of_death"),
            (ProtocolError::InvalidReferenceIdentifier, "malformed_packet"),
        ];
        for (error, kind) in cases {
            let mapped = ClockError::from_sntp(error.into(), Duration::from_secs(2), 123);
            assert_eq!(mapped.kind(), kind, "{error:?}");
        }
        let rate = ClockError::from_sntp(
            ProtocolError::KissODeath(KissCode::RateExceeded).into(),
            Duration::ZERO,
            123,
        );
        assert!(rate.to_string().contains("kiss-o'-death RATE"), "{rate}");
    }

    #[test]
    fn maps_socket_errors() {
        let timed_out = io::Error::new(io::ErrorKind::TimedOut, "Timeout while waiting for server reply");
        let error = ClockError::from_sntp(timed_out.into(), Duration::from_millis(2500), 4123);
        assert_eq!(
            error.to_string(),
            "No answer within 2.5 s: UDP port 4123 may be blocked on this network, or the server is down."
        );
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(
            ClockError::from_sntp(refused.into(), Duration::ZERO, 123),
            ClockError::PortClosed
        );
        // Windows' word for the same ICMP answer.
        let reset = io::Error::from(io::ErrorKind::ConnectionReset);
        assert_eq!(
            ClockError::from_sntp(reset.into(), Duration::ZERO, 123),
            ClockError::PortClosed
        );
    }
}
