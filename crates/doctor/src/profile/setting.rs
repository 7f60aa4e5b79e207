//! The settings a profile has, their names in files and the environment, and
//! how each is parsed and checked.

use super::Authority;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SettingKey {
    Authority,
    ClientId,
    RedirectUri,
    Scopes,
    LoginHint,
    NtpServers,
    CheckTimeout,
    SignInTimeout,
    StatusFeed,
    ConnectivityCheckUrl,
    Proxy,
}

/// A parsed, valid setting.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingValue {
    Authority(Authority),
    ClientId(String),
    RedirectUri(String),
    Scopes(Vec<String>),
    LoginHint(Option<String>),
    NtpServers(Vec<String>),
    CheckTimeout(Duration),
    SignInTimeout(Duration),
    StatusFeed(url::Url),
    ConnectivityCheckUrl(url::Url),
    Proxy(ProxyChoice),
}

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
            ProxyChoice::Fixed(url) => f.write_str(&crate::network::proxy::redacted(url)),
        }
    }
}

impl SettingValue {
    pub fn key(&self) -> SettingKey {
        match self {
            SettingValue::Authority(_) => SettingKey::Authority,
            SettingValue::ClientId(_) => SettingKey::ClientId,
            SettingValue::RedirectUri(_) => SettingKey::RedirectUri,
            SettingValue::Scopes(_) => SettingKey::Scopes,
            SettingValue::LoginHint(_) => SettingKey::LoginHint,
            SettingValue::NtpServers(_) => SettingKey::NtpServers,
            SettingValue::CheckTimeout(_) => SettingKey::CheckTimeout,
            SettingValue::SignInTimeout(_) => SettingKey::SignInTimeout,
            SettingValue::StatusFeed(_) => SettingKey::StatusFeed,
            SettingValue::ConnectivityCheckUrl(_) => SettingKey::ConnectivityCheckUrl,
            SettingValue::Proxy(_) => SettingKey::Proxy,
        }
    }
}

/// The longest time bound a check may be given, so a typo cannot make a run hang for hours.
const MAX_CHECK_TIMEOUT_SECONDS: u64 = 120;
/// The longest an interactive sign-in may wait for the browser.
const MAX_SIGNIN_TIMEOUT_SECONDS: u64 = 3600;

impl SettingKey {
    pub const ALL: [SettingKey; 11] = [
        SettingKey::Authority,
        SettingKey::ClientId,
        SettingKey::RedirectUri,
        SettingKey::Scopes,
        SettingKey::LoginHint,
        SettingKey::NtpServers,
        SettingKey::CheckTimeout,
        SettingKey::SignInTimeout,
        SettingKey::StatusFeed,
        SettingKey::ConnectivityCheckUrl,
        SettingKey::Proxy,
    ];

    /// The key in the TOML config file.
    pub fn file_key(self) -> &'static str {
        match self {
            SettingKey::Authority => "authority",
            SettingKey::ClientId => "client_id",
            SettingKey::RedirectUri => "redirect_uri",
            SettingKey::Scopes => "scopes",
            SettingKey::LoginHint => "login_hint",
            SettingKey::NtpServers => "ntp_servers",
            SettingKey::CheckTimeout => "check_timeout_seconds",
            SettingKey::SignInTimeout => "signin_timeout_seconds",
            SettingKey::StatusFeed => "status_feed",
            SettingKey::ConnectivityCheckUrl => "connectivity_check_url",
            SettingKey::Proxy => "proxy",
        }
    }

    pub fn from_file_key(key: &str) -> Option<SettingKey> {
        SettingKey::ALL.into_iter().find(|k| k.file_key() == key)
    }

    /// The environment variable that overrides the files.
    pub fn env_var(self) -> &'static str {
        match self {
            SettingKey::Authority => "SIGNIN_DOCTOR_AUTHORITY",
            SettingKey::ClientId => "SIGNIN_DOCTOR_CLIENT_ID",
            SettingKey::RedirectUri => "SIGNIN_DOCTOR_REDIRECT_URI",
            SettingKey::Scopes => "SIGNIN_DOCTOR_SCOPES",
            SettingKey::LoginHint => "SIGNIN_DOCTOR_LOGIN_HINT",
            SettingKey::NtpServers => "SIGNIN_DOCTOR_NTP_SERVERS",
            SettingKey::CheckTimeout => "SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS",
            SettingKey::SignInTimeout => "SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS",
            SettingKey::StatusFeed => "SIGNIN_DOCTOR_STATUS_FEED",
            SettingKey::ConnectivityCheckUrl => "SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL",
            SettingKey::Proxy => "SIGNIN_DOCTOR_PROXY",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SettingKey::Authority => "Sign-in authority",
            SettingKey::ClientId => "Application (client) ID",
            SettingKey::RedirectUri => "Redirect URI",
            SettingKey::Scopes => "Scopes",
            SettingKey::LoginHint => "Account to sign in (optional)",
            SettingKey::NtpServers => "Time servers",
            SettingKey::CheckTimeout => "Time limit per check (seconds)",
            SettingKey::SignInTimeout => "Time limit for browser sign-in (seconds)",
            SettingKey::StatusFeed => "Service status feed (RSS)",
            SettingKey::ConnectivityCheckUrl => "Captive portal test address",
            SettingKey::Proxy => "Proxy",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            SettingKey::Authority => "Where sign-in happens: the cloud's host, then the tenant (organizations, common, a tenant ID or domain), then /v2.0.",
            SettingKey::ClientId => "The app that signs in. The default is Microsoft Azure CLI, a public client that needs no app registration. Your organisation may give you its own.",
            SettingKey::RedirectUri => "Where the browser returns after sign-in. Must match the app registration; for loopback addresses the port is not compared.",
            SettingKey::Scopes => "Permissions to ask for, separated by spaces.",
            SettingKey::LoginHint => "Fills in the account name on the sign-in page (sent as login_hint). Leave empty to choose each time.",
            SettingKey::NtpServers => "Network time (SNTP) servers the clock check asks, separated by spaces, as host or host:port. The sign-in service's own HTTPS Date is used as well.",
            SettingKey::CheckTimeout => "How long one network check may take before it is reported as timed out (1 to 120).",
            SettingKey::SignInTimeout => "How long the app waits for you to finish signing in in the browser (1 to 3600).",
            SettingKey::StatusFeed => "Microsoft's public Azure status feed, read for incidents that affect sign-in. No admin rights needed.",
            SettingKey::Proxy => "\"system\" follows the proxy your browser uses (the HTTPS_PROXY and NO_PROXY variables, else the system settings); \"direct\" uses none; or give one as http://host:port.",
            SettingKey::ConnectivityCheckUrl => "A plain-http address that answers \"Microsoft Connect Test\" (what Windows itself uses to spot hotel and guest Wi-Fi sign-in pages). A redirect or another answer means a captive portal.",
        }
    }

    pub fn default_value(self) -> &'static str {
        match self {
            SettingKey::Authority => "https://login.microsoftonline.com/organizations/v2.0",
            // Microsoft Azure CLI: pre-consented in nearly every tenant.
            SettingKey::ClientId => "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
            SettingKey::RedirectUri => "http://localhost",
            SettingKey::Scopes => "openid profile offline_access https://graph.microsoft.com/.default",
            SettingKey::LoginHint => "",
            // Microsoft's and Apple's own time services (what Windows and macOS use), and
            // Cloudflare's public anycast service, which asks no vendor registration (unlike pool.ntp.org).
            SettingKey::NtpServers => "time.windows.com time.apple.com time.cloudflare.com",
            SettingKey::CheckTimeout => "10",
            SettingKey::SignInTimeout => "300",
            SettingKey::StatusFeed => "https://azure.status.microsoft/en-us/status/feed/",
            // Windows' network connectivity status indicator (NCSI) probe.
            SettingKey::ConnectivityCheckUrl => "http://www.msftconnecttest.com/connecttest.txt",
            SettingKey::Proxy => "system",
        }
    }

    /// Parses and checks a value given as text (a file value, a variable, or a form field).
    pub fn parse(self, raw: &str) -> Result<SettingValue, String> {
        let text = raw.trim();
        if self == SettingKey::LoginHint {
            return Ok(SettingValue::LoginHint((!text.is_empty()).then(|| text.to_owned())));
        }
        if text.is_empty() {
            return Err("is empty".to_owned());
        }
        match self {
            SettingKey::Authority => Authority::parse(text).map(SettingValue::Authority),
            SettingKey::ClientId => {
                if text.chars().any(char::is_whitespace) {
                    Err(format!(
                        "\"{text}\" contains spaces; an application ID is one word, usually a GUID"
                    ))
                } else {
                    Ok(SettingValue::ClientId(text.to_owned()))
                }
            }
            SettingKey::RedirectUri => parse_redirect(text).map(SettingValue::RedirectUri),
            SettingKey::NtpServers => parse_servers(text).map(SettingValue::NtpServers),
            SettingKey::Scopes => Ok(SettingValue::Scopes(
                text.split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
            )),
            SettingKey::CheckTimeout => seconds(text, MAX_CHECK_TIMEOUT_SECONDS).map(SettingValue::CheckTimeout),
            SettingKey::SignInTimeout => seconds(text, MAX_SIGNIN_TIMEOUT_SECONDS).map(SettingValue::SignInTimeout),
            SettingKey::StatusFeed => web_address(text).map(SettingValue::StatusFeed),
            SettingKey::ConnectivityCheckUrl => web_address(text).map(SettingValue::ConnectivityCheckUrl),
            SettingKey::Proxy => parse_proxy(text).map(SettingValue::Proxy),
            SettingKey::LoginHint => Ok(SettingValue::LoginHint(Some(text.to_owned()))),
        }
    }
}

/// `host` or `host:port` each, separated by spaces or commas.
fn parse_servers(text: &str) -> Result<Vec<String>, String> {
    let servers: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    for server in &servers {
        let (host, port) = match server.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') => (host, Some(port)),
            _ => (server.as_str(), None),
        };
        let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
        if !host_ok || !port_ok {
            return Err(format!("\"{server}\" is not a host name or host:port"));
        }
    }
    if servers.is_empty() {
        return Err("names no server".to_owned());
    }
    Ok(servers)
}

fn parse_proxy(text: &str) -> Result<ProxyChoice, String> {
    match text.to_ascii_lowercase().as_str() {
        "system" => Ok(ProxyChoice::System),
        "direct" | "none" => Ok(ProxyChoice::Direct),
        _ => {
            let shown = crate::network::proxy::redacted(text);
            let url =
                url::Url::parse(text).map_err(|e| format!("\"{shown}\" is not system, direct or a proxy URL ({e})"))?;
            if url.scheme() != "http" || url.host_str().is_none() {
                return Err(format!("\"{shown}\" is not an http://host:port proxy address"));
            }
            Ok(ProxyChoice::Fixed(text.to_owned()))
        }
    }
}

/// An http or https URL.
fn web_address(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| format!("\"{text}\" is not a URL ({e})"))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(url),
        _ => Err(format!("\"{text}\" is not an http:// or https:// address")),
    }
}

fn seconds(text: &str, max: u64) -> Result<Duration, String> {
    match text.parse::<u64>() {
        Ok(secs) if (1..=max).contains(&secs) => Ok(Duration::from_secs(secs)),
        _ => Err(format!("\"{text}\" is not a whole number of seconds from 1 to {max}")),
    }
}

/// RFC 8252 §7.3: a native app's redirect is a loopback URI with the `http`
/// scheme, or an https or private-use scheme URI.
fn parse_redirect(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text).map_err(|e| format!("\"{text}\" is not a URL ({e})"))?;
    if url.fragment().is_some() {
        // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment.
        return Err(format!("\"{text}\" has a #fragment, which a redirect URI may not have"));
    }
    Ok(text.to_owned())
}
