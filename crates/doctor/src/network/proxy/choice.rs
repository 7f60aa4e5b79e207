//! The app's proxy setting: the profile reads it from its files and the
//! environment, and the network follows it ([`super::ProxySettings::for_choice`]).
//! It lives here, with the proxy's parsing and redaction, so the profile
//! uses the network and never the other way round.

/// Which proxy the app's requests use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxyChoice {
    /// The proxy the browser would use: the proxy environment variables, else the system settings.
    System,
    /// No proxy at all.
    Direct,
    /// This proxy, given as `http://host:port`.
    Fixed(String),
}

impl std::fmt::Display for ProxyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProxyChoice::System => f.write_str("system"),
            ProxyChoice::Direct => f.write_str("direct"),
            // The one redaction of a proxy URL: no password is ever shown.
            ProxyChoice::Fixed(url) => f.write_str(&super::redacted(url)),
        }
    }
}
