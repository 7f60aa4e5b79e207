//! The sign-in authority: the issuer URL whose discovery document the app reads.

use crate::network::web_address::is_loopback_ip;
use std::fmt;
use std::net::IpAddr;
use url::{Host, Url};

const MICROSOFT_GLOBAL: &str = "https://login.microsoftonline.com/organizations/v2.0";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority(Url);

/// Why a text is not a sign-in authority.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AuthorityError {
    #[error("\"{text}\" is not a URL ({why})")]
    NotUrl { text: String, why: url::ParseError },
    #[error("\"{0}\" has a ?query or #fragment; an authority is just the issuer URL")]
    QueryOrFragment(String),
    #[error("\"{0}\" has no host name")]
    NoHost(String),
    #[error("\"{0}\" uses plain http; only https is allowed (plain http only for 127.0.0.1 test servers)")]
    PlainHttp(String),
    #[error("\"{text}\" uses \"{scheme}:\"; an authority must be an https URL")]
    NotHttps { text: String, scheme: String },
}

impl Authority {
    /// Microsoft's global cloud, for work and school accounts.
    pub fn microsoft_global() -> Self {
        match Url::parse(MICROSOFT_GLOBAL) {
            Ok(url) => Self(url),
            Err(_) => unreachable!("the built-in authority is a valid URL"),
        }
    }

    /// Accepts an https URL, or plain http only for a loopback IP address
    /// (test servers). Sign-in over plain http anywhere else would expose
    /// codes and tokens (RFC 6749 §3.1.2.1, RFC 9700 §2.6).
    pub fn parse(text: &str) -> Result<Self, AuthorityError> {
        let mut url = Url::parse(text.trim()).map_err(|why| AuthorityError::NotUrl {
            text: text.to_owned(),
            why,
        })?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(AuthorityError::QueryOrFragment(text.to_owned()));
        }
        let host = url.host().ok_or_else(|| AuthorityError::NoHost(text.to_owned()))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback_ip(&host) => {}
            "http" => return Err(AuthorityError::PlainHttp(text.to_owned())),
            other => {
                return Err(AuthorityError::NotHttps {
                    text: text.to_owned(),
                    scheme: other.to_owned(),
                })
            }
        }
        // OIDC Discovery §4: the well-known path is appended after removing a trailing "/".
        let trimmed = url.path().trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
        Ok(Self(url))
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    pub fn host(&self) -> String {
        match self.0.host() {
            Some(Host::Ipv6(ip)) => ip.to_string(),
            Some(host) => host.to_string(),
            None => String::new(),
        }
    }

    /// The host as an IP address, when it is one (then no DNS lookup is needed).
    pub fn ip(&self) -> Option<IpAddr> {
        match self.0.host() {
            Some(Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            _ => None,
        }
    }

    pub fn port(&self) -> u16 {
        self.0.port_or_known_default().unwrap_or(443)
    }

    pub fn uses_tls(&self) -> bool {
        self.0.scheme() == "https"
    }

    /// OIDC Discovery 1.0 §4: `{issuer}/.well-known/openid-configuration`.
    pub fn discovery_url(&self) -> Url {
        let mut url = self.0.clone();
        let path = format!(
            "{}/.well-known/openid-configuration",
            self.0.path().trim_end_matches('/')
        );
        url.set_path(&path);
        url
    }
}

impl fmt::Display for Authority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str().trim_end_matches('/'))
    }
}
