//! Which proxy this computer's requests go through, found where the browser
//! finds it: the proxy environment variables, else the system's settings
//! (GNOME or KDE on Linux, `scutil --proxy` on macOS, WinINET or WinHTTP on
//! Windows). The app's own requests follow the same proxy through an HTTP
//! CONNECT tunnel (RFC 9110 §9.3.6).

mod bypass;
mod choice;
mod environment;
mod redact;
mod system;
mod tunnel;

pub use choice::ProxyChoice;
pub use environment::from_environment;
pub use redact::{as_given, redacted};
pub use system::{parse_gsettings, parse_kioslaverc, parse_netsh_winhttp, parse_scutil, parse_windows_registry};
#[doc(hidden)]
pub use tunnel::judge_connect_reply;
pub(crate) use tunnel::{authority, closed, connect_through, refused, wants_password};

use crate::secret::Secret;
use percent_encoding::percent_decode_str;
use std::fmt;
use url::Url;

/// A forward proxy the app can tunnel through.
#[derive(Clone)]
pub struct ProxyEndpoint {
    pub host: String,
    pub port: u16,
    /// `user:password` from the proxy URL, sent as Basic Proxy-Authorization.
    pub credentials: Option<Secret<String>>,
}

impl fmt::Display for ProxyEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The password never prints; say only that there is one.
        let auth = if self.credentials.is_some() {
            " (with a user name and password)"
        } else {
            ""
        };
        write!(f, "{}:{}{auth}", self.host, self.port)
    }
}

impl ProxyEndpoint {
    /// `http://user:password@host:port`, as the shared client takes a proxy.
    pub(crate) fn url(&self) -> Option<Url> {
        let mut url = Url::parse(&format!("http://{}", authority(&self.host, self.port))).ok()?;
        if let Some(credentials) = &self.credentials {
            let (user, password) = credentials
                .expose()
                .split_once(':')
                .unwrap_or((credentials.expose().as_str(), ""));
            // set_username and set_password percent-encode what needs it.
            url.set_username(user).ok()?;
            url.set_password(Some(password)).ok()?;
        }
        Some(url)
    }
}

impl fmt::Debug for ProxyEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// One configured proxy: either one the app can use, or one it cannot (with why).
#[derive(Clone, Debug)]
pub enum ProxyRule {
    Use(ProxyEndpoint),
    CannotUse { address: String, why: String },
}

impl ProxyRule {
    /// Reads `http://host:port`, `host:port`, or a URL the app cannot use (socks, https).
    pub fn parse(text: &str) -> Option<ProxyRule> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let with_scheme = if text.contains("://") {
            text.to_owned()
        } else {
            format!("http://{text}")
        };
        let shown = redacted(&with_scheme);
        let Ok(url) = Url::parse(&with_scheme) else {
            return Some(ProxyRule::CannotUse {
                address: shown,
                why: "it is not a valid proxy address".to_owned(),
            });
        };
        if url.scheme() != "http" {
            return Some(ProxyRule::CannotUse {
                address: shown,
                why: format!("the app speaks only to http:// proxies, not {}://", url.scheme()),
            });
        }
        let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
            return Some(ProxyRule::CannotUse {
                address: shown,
                why: "it names no host".to_owned(),
            });
        };
        let decode = |text: &str| percent_decode_str(text).decode_utf8_lossy().into_owned();
        let credentials = (!url.username().is_empty()).then(|| {
            let password = url.password().map(decode).unwrap_or_default();
            Secret::new(format!("{}:{password}", decode(url.username())))
        });
        Some(ProxyRule::Use(ProxyEndpoint {
            host: host.trim_start_matches('[').trim_end_matches(']').to_owned(),
            port: url.port_or_known_default().unwrap_or(80),
            credentials,
        }))
    }
}

impl fmt::Display for ProxyRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyRule::Use(endpoint) => write!(f, "{endpoint}"),
            ProxyRule::CannotUse { address, why } => write!(f, "{address} (the app cannot use it: {why})"),
        }
    }
}

/// How long the app waits for the keychain to hand over a proxy password.
const KEYCHAIN_BOUND: std::time::Duration = std::time::Duration::from_secs(5);

/// The app's own proxy setting, with the password Settings put in the
/// keychain when the file names a user but no password.
async fn with_saved_password(text: &str) -> (Option<ProxyRule>, String) {
    let mut rule = ProxyRule::parse(text);
    let url = Url::parse(text).ok().filter(|url| url.password().is_none());
    let account = url.as_ref().and_then(crate::store::ProxyAccount::of);
    let (Some(ProxyRule::Use(endpoint)), Some(account), Some(url)) = (&mut rule, account, url) else {
        return (rule, "the app's proxy setting".to_owned());
    };
    let source = match crate::store::proxy_password_within(KEYCHAIN_BOUND, account.clone()).await {
        Ok(Some(password)) => {
            let user = percent_decode_str(url.username()).decode_utf8_lossy();
            endpoint.credentials = Some(Secret::new(format!("{user}:{}", password.expose())));
            "the app's proxy setting, with its password from the system keychain".to_owned()
        }
        Ok(None) => format!("the app's proxy setting (no password for {account} is saved in the system keychain)"),
        Err(e) => format!("the app's proxy setting (its password could not be read from the system keychain: {e})"),
    };
    (rule, source)
}

/// The proxy settings in effect, and where they came from.
#[derive(Clone, Debug, Default)]
pub struct ProxySettings {
    /// For https:// addresses.
    pub https: Option<ProxyRule>,
    /// For http:// addresses.
    pub http: Option<ProxyRule>,
    /// Hosts reached directly (NO_PROXY, "ignore hosts", "bypass list").
    pub bypass: Vec<String>,
    /// A proxy auto-configuration script (PAC) or WPAD, if one is set.
    pub pac_url: Option<String>,
    /// Where these settings were read, in words ("environment variable HTTPS_PROXY").
    pub source: String,
}

/// How one request goes out.
#[derive(Clone, Debug)]
pub enum Route {
    Direct {
        why: String,
    },
    Proxy {
        endpoint: ProxyEndpoint,
        source: String,
    },
    /// A proxy is set that the app cannot follow; the request goes direct.
    DirectCannotFollow {
        why: String,
    },
}

impl ProxySettings {
    /// No proxy at all (what the tests use unless they test proxies).
    pub fn none() -> Self {
        Self {
            source: "no proxy settings found".to_owned(),
            ..Self::default()
        }
    }

    /// The proxy for this process: the environment first (as curl, Git and
    /// most command-line tools do, and Chromium when no desktop settings
    /// exist), else the system settings.
    pub async fn detect() -> Self {
        let env = |name: &str| std::env::var(name).ok();
        match from_environment(&env) {
            Some(settings) => settings,
            None => system::detect().await,
        }
    }

    /// What the profile's proxy setting asks for.
    pub async fn for_choice(choice: &ProxyChoice) -> Self {
        match choice {
            ProxyChoice::System => Self::detect().await,
            ProxyChoice::Direct => Self {
                source: "the app's proxy setting (direct)".to_owned(),
                ..Self::default()
            },
            ProxyChoice::Fixed(url) => {
                let (rule, source) = with_saved_password(url).await;
                Self {
                    https: rule.clone(),
                    http: rule,
                    source,
                    ..Self::default()
                }
            }
        }
    }

    pub fn is_configured(&self) -> bool {
        self.https.is_some() || self.http.is_some() || self.pac_url.is_some()
    }

    /// The route a request to `url` takes.
    pub fn route_for(&self, url: &Url) -> Route {
        let host = url
            .host_str()
            .unwrap_or_default()
            .trim_start_matches('[')
            .trim_end_matches(']');
        let rule = if url.scheme() == "https" {
            &self.https
        } else {
            &self.http
        };
        if let Some(entry) = bypass::matching_entry(&self.bypass, host, url.port_or_known_default()) {
            if rule.is_some() {
                return Route::Direct {
                    why: format!("{host} is in the proxy bypass list (\"{entry}\")"),
                };
            }
        }
        match rule {
            Some(ProxyRule::Use(endpoint)) => Route::Proxy {
                endpoint: endpoint.clone(),
                source: self.source.clone(),
            },
            Some(ProxyRule::CannotUse { address, why }) => Route::DirectCannotFollow {
                why: format!("the proxy {address} from {} cannot be used: {why}", self.source),
            },
            None => match &self.pac_url {
                Some(pac) => Route::DirectCannotFollow {
                    why: format!(
                        "a proxy auto-configuration script is set ({pac}); the app cannot run PAC scripts, so it goes direct where the browser may use a proxy"
                    ),
                },
                None => Route::Direct {
                    why: "no proxy is set".to_owned(),
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_proxy_addresses_and_names_the_ones_it_cannot_use() {
        match ProxyRule::parse("proxy.corp:3128") {
            Some(ProxyRule::Use(p)) => assert_eq!((p.host.as_str(), p.port), ("proxy.corp", 3128)),
            other => panic!("{other:?}"),
        }
        match ProxyRule::parse("http://alice:p%40ss@10.0.0.1:8080/") {
            Some(ProxyRule::Use(p)) => {
                assert_eq!(p.credentials.as_ref().map(|c| c.expose().as_str()), Some("alice:p@ss"));
                assert_eq!(p.to_string(), "10.0.0.1:8080 (with a user name and password)");
            }
            other => panic!("{other:?}"),
        }
        let socks = ProxyRule::parse("socks5://bob:hunter2@127.0.0.1:1080").expect("a rule");
        let shown = socks.to_string();
        assert!(shown.contains("socks5://"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(ProxyRule::parse("  ").is_none());
    }

    #[test]
    fn bypass_and_pac_change_the_route() {
        let settings = ProxySettings {
            https: ProxyRule::parse("http://proxy:8080"),
            http: None,
            bypass: vec![".microsoftonline.com".to_owned()],
            pac_url: None,
            source: "test".to_owned(),
        };
        let login = Url::parse("https://login.microsoftonline.com/x").expect("url");
        assert!(matches!(settings.route_for(&login), Route::Direct { .. }));
        let other = Url::parse("https://example.org/").expect("url");
        assert!(matches!(settings.route_for(&other), Route::Proxy { .. }));
        let plain = Url::parse("http://example.org/").expect("url");
        assert!(matches!(settings.route_for(&plain), Route::Direct { .. }));

        let pac = ProxySettings {
            pac_url: Some("http://wpad/wpad.dat".to_owned()),
            ..ProxySettings::none()
        };
        match pac.route_for(&login) {
            Route::DirectCannotFollow { why } => assert!(why.contains("cannot run PAC"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}
