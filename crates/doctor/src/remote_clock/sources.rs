//! The remote clocks to ask: SNTP servers and an HTTPS URL whose `Date` to read.

use crate::profile::Profile;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::{IpAddr, Ipv6Addr};
use url::{Host, Url};

/// RFC 5905 §7.2: NTP's well-known UDP port.
pub const NTP_PORT: u16 = 123;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Ntp,
    HttpDate,
}

/// An SNTP server, given as `host`, `host:port`, `ip`, `ip:port` or `[ipv6]:port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NtpServer {
    pub host: String,
    pub port: u16,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("\"{0}\" is not an NTP server: give a host name or IP address, optionally followed by :port (1-65535).")]
    BadNtpServer(String),
    #[error("\"{text}\" is not a usable URL for the HTTPS Date: {why}.")]
    BadUrl { text: String, why: String },
}

impl NtpServer {
    pub fn parse(text: &str) -> Result<Self, SourceError> {
        let bad = || SourceError::BadNtpServer(text.to_owned());
        let text = text.trim();
        if let Ok(ip) = text.parse::<Ipv6Addr>() {
            return Ok(Self {
                host: ip.to_string(),
                port: NTP_PORT,
            });
        }
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (ip, after) = rest.split_once(']').ok_or_else(bad)?;
            ip.parse::<Ipv6Addr>().map_err(|_| bad())?;
            let port = match after {
                "" => None,
                other => Some(other.strip_prefix(':').ok_or_else(bad)?),
            };
            (ip, port)
        } else {
            match text.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (text, None),
            }
        };
        let port = match port {
            None => NTP_PORT,
            Some(port) => port.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(bad)?,
        };
        let host_ok = !host.is_empty()
            && (host.parse::<IpAddr>().is_ok()
                || host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'));
        if !host_ok {
            return Err(bad());
        }
        Ok(Self {
            host: host.to_owned(),
            port,
        })
    }
}

impl fmt::Display for NtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.port == NTP_PORT {
            f.write_str(&host)
        } else {
            write!(f, "{host}:{}", self.port)
        }
    }
}

/// Every remote clock one measurement asks, all at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClockSources {
    pub ntp: Vec<NtpServer>,
    /// An https URL whose response `Date` is read (plain http only for a
    /// loopback test server).
    pub http_date: Option<Url>,
}

impl ClockSources {
    /// The profile's NTP servers and the sign-in authority's own HTTPS Date
    /// (its discovery document): the clock that matters for sign-in, and
    /// one that answers where UDP port 123 is blocked.
    pub fn from_profile(profile: &Profile) -> Self {
        Self {
            // The profile checked these when it loaded them.
            ntp: profile
                .ntp_servers
                .iter()
                .filter_map(|server| NtpServer::parse(server).ok())
                .collect(),
            http_date: Some(profile.authority.discovery_url()),
        }
    }

    /// Sources named one by one (the CLI's `--ntp` and `--http-date`).
    pub fn from_names(ntp: &[String], http_date: Option<&str>) -> Result<Self, SourceError> {
        Ok(Self {
            ntp: ntp
                .iter()
                .map(|server| NtpServer::parse(server))
                .collect::<Result<_, _>>()?,
            http_date: http_date.map(parse_http_date_url).transpose()?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.ntp.is_empty() && self.http_date.is_none()
    }
}

/// https, or plain http to a loopback IP address only (test servers): the
/// same rule as every other request the app sends.
pub fn parse_http_date_url(text: &str) -> Result<Url, SourceError> {
    let bad = |why: &str| SourceError::BadUrl {
        text: text.to_owned(),
        why: why.to_owned(),
    };
    let url = Url::parse(text.trim()).map_err(|e| bad(&e.to_string()))?;
    let loopback = match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(_)) => false,
        None => return Err(bad("it has no host")),
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(bad("use an https:// address")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(text: &str) -> Option<(String, u16)> {
        NtpServer::parse(text).ok().map(|s| (s.host, s.port))
    }

    #[test]
    fn parses_every_server_form() {
        assert_eq!(server("time.windows.com"), Some(("time.windows.com".into(), 123)));
        assert_eq!(server("127.0.0.1:11123"), Some(("127.0.0.1".into(), 11123)));
        assert_eq!(server("[::1]:4123"), Some(("::1".into(), 4123)));
        assert_eq!(server("::1"), Some(("::1".into(), 123)));
        for bad in [
            "",
            "host:0",
            "host:99999",
            "host:",
            "bad host",
            "[::1",
            "[nope]:1",
            "a/b",
        ] {
            assert_eq!(server(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn shows_the_port_only_when_it_is_not_123() {
        let shown = |text: &str| NtpServer::parse(text).map(|s| s.to_string()).ok();
        assert_eq!(shown("time.apple.com:123").as_deref(), Some("time.apple.com"));
        assert_eq!(shown("[::1]:4123").as_deref(), Some("[::1]:4123"));
    }

    #[test]
    fn http_date_urls_are_https_or_loopback_http() {
        assert!(parse_http_date_url("https://login.microsoftonline.com/").is_ok());
        assert!(parse_http_date_url("http://127.0.0.1:8080/x").is_ok());
        assert!(parse_http_date_url("http://example.com/").is_err());
        assert!(parse_http_date_url("not a url").is_err());
    }

    #[test]
    fn the_profile_gives_its_servers_and_the_authority() {
        let sources = ClockSources::from_profile(&Profile::defaults());
        assert_eq!(sources.ntp.len(), 3);
        assert_eq!(
            sources.http_date.map(|u| u.to_string()).as_deref(),
            Some("https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration")
        );
    }
}
