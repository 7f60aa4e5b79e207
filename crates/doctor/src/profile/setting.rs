//! The settings a profile has, their names in files and the environment, and
//! how each is parsed and checked.

use super::{Authority, InvalidValue};
use crate::network::proxy::ProxyChoice;
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
    HelpdeskClientId,
    HelpdeskScopes,
    HelpdeskLoginHint,
    GraphUrl,
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
    HelpdeskClientId(String),
    HelpdeskScopes(Vec<String>),
    HelpdeskLoginHint(Option<String>),
    /// `None`: derived from the authority's cloud.
    GraphUrl(Option<url::Url>),
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
            SettingValue::HelpdeskClientId(_) => SettingKey::HelpdeskClientId,
            SettingValue::HelpdeskScopes(_) => SettingKey::HelpdeskScopes,
            SettingValue::HelpdeskLoginHint(_) => SettingKey::HelpdeskLoginHint,
            SettingValue::GraphUrl(_) => SettingKey::GraphUrl,
        }
    }
}

/// The longest time bound a check may be given, so a typo cannot make a run hang for hours.
const MAX_CHECK_TIMEOUT_SECONDS: u64 = 120;
/// The longest an interactive sign-in may wait for the browser.
const MAX_SIGNIN_TIMEOUT_SECONDS: u64 = 3600;

/// Everything about one setting, in one place.
struct Setting {
    key: SettingKey,
    /// The key in the TOML config file.
    file_key: &'static str,
    /// The environment variable that overrides the files.
    env_var: &'static str,
    label: &'static str,
    help: &'static str,
    default: &'static str,
    /// Parses the trimmed text; it is never empty unless `may_be_empty`.
    parse: fn(&str) -> Result<SettingValue, InvalidValue>,
    may_be_empty: bool,
}

/// Every setting, in `SettingKey` order (checked when the crate builds).
const SETTINGS: [Setting; 15] = [
    Setting {
        key: SettingKey::Authority,
        file_key: "authority",
        env_var: "SIGNIN_DOCTOR_AUTHORITY",
        label: "Sign-in authority",
        help: "Where sign-in happens: the cloud's host, then the tenant (organizations, common, a tenant ID or domain), then /v2.0.",
        default: "https://login.microsoftonline.com/organizations/v2.0",
        parse: |text| Ok(SettingValue::Authority(Authority::parse(text)?)),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::ClientId,
        file_key: "client_id",
        env_var: "SIGNIN_DOCTOR_CLIENT_ID",
        label: "Application (client) ID",
        help: "The app that signs in. The default is Microsoft Azure CLI, a public client that needs no app registration. Your organisation may give you its own.",
        // Microsoft Azure CLI: pre-consented in nearly every tenant.
        default: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        parse: |text| parse_client_id(text).map(SettingValue::ClientId),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::RedirectUri,
        file_key: "redirect_uri",
        env_var: "SIGNIN_DOCTOR_REDIRECT_URI",
        label: "Redirect URI",
        help: "Where the browser returns after sign-in: a loopback http address (localhost, 127.0.0.1 or [::1]), where this app listens. Must match the app registration; for loopback addresses the port is not compared.",
        default: "http://localhost",
        parse: |text| parse_redirect(text).map(SettingValue::RedirectUri),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::Scopes,
        file_key: "scopes",
        env_var: "SIGNIN_DOCTOR_SCOPES",
        label: "Scopes",
        help: "Permissions to ask for, separated by spaces.",
        default: "openid profile offline_access https://graph.microsoft.com/.default",
        parse: |text| Ok(SettingValue::Scopes(words(text))),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::LoginHint,
        file_key: "login_hint",
        env_var: "SIGNIN_DOCTOR_LOGIN_HINT",
        label: "Account to sign in (optional)",
        help: "Fills in the account name on the sign-in page (sent as login_hint). Leave empty to choose each time.",
        default: "",
        parse: |text| Ok(SettingValue::LoginHint((!text.is_empty()).then(|| text.to_owned()))),
        may_be_empty: true,
    },
    Setting {
        key: SettingKey::NtpServers,
        file_key: "ntp_servers",
        env_var: "SIGNIN_DOCTOR_NTP_SERVERS",
        label: "Time servers",
        help: "Network time (SNTP) servers the clock check asks, separated by spaces, as host or host:port. The sign-in service's own HTTPS Date is used as well.",
        // Microsoft's and Apple's own time services (what Windows and macOS use), and
        // Cloudflare's public anycast service, which asks no vendor registration (unlike pool.ntp.org).
        default: "time.windows.com time.apple.com time.cloudflare.com",
        parse: |text| parse_servers(text).map(SettingValue::NtpServers),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::CheckTimeout,
        file_key: "check_timeout_seconds",
        env_var: "SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS",
        label: "Time limit per check (seconds)",
        help: "How long one network check may take before it is reported as timed out (1 to 120).",
        default: "10",
        parse: |text| seconds(text, MAX_CHECK_TIMEOUT_SECONDS).map(SettingValue::CheckTimeout),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::SignInTimeout,
        file_key: "signin_timeout_seconds",
        env_var: "SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS",
        label: "Time limit for browser sign-in (seconds)",
        help: "How long the app waits for you to finish signing in in the browser (1 to 3600).",
        default: "300",
        parse: |text| seconds(text, MAX_SIGNIN_TIMEOUT_SECONDS).map(SettingValue::SignInTimeout),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::StatusFeed,
        file_key: "status_feed",
        env_var: "SIGNIN_DOCTOR_STATUS_FEED",
        label: "Service status feed (RSS)",
        help: "Microsoft's public Azure status feed, read for incidents that affect sign-in. No admin rights needed.",
        default: "https://azure.status.microsoft/en-us/status/feed/",
        parse: |text| web_address(text).map(SettingValue::StatusFeed),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::ConnectivityCheckUrl,
        file_key: "connectivity_check_url",
        env_var: "SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL",
        label: "Captive portal test address",
        help: "A plain-http address that answers \"Microsoft Connect Test\" (what Windows itself uses to spot hotel and guest Wi-Fi sign-in pages). A redirect or another answer means a captive portal.",
        // Windows' network connectivity status indicator (NCSI) probe.
        default: "http://www.msftconnecttest.com/connecttest.txt",
        parse: |text| web_address(text).map(SettingValue::ConnectivityCheckUrl),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::Proxy,
        file_key: "proxy",
        env_var: "SIGNIN_DOCTOR_PROXY",
        label: "Proxy",
        help: "\"system\" follows the proxy your browser uses (the HTTPS_PROXY and NO_PROXY variables, else the system settings); \"direct\" uses none; or give one as http://host:port (http://user:password@host:port when it asks for a password: the password is kept in the system keychain, never in the settings file).",
        default: "system",
        parse: |text| parse_proxy(text).map(SettingValue::Proxy),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::HelpdeskClientId,
        file_key: "helpdesk_client_id",
        env_var: "SIGNIN_DOCTOR_HELPDESK_CLIENT_ID",
        label: "Help-desk application (client) ID",
        help: "The app help-desk staff sign in with to read sign-in logs and Conditional Access policies. The default is Microsoft Graph Command Line Tools; an admin grants it AuditLog.Read.All, Directory.Read.All and Policy.Read.All once. Your organisation may give you its own.",
        // Microsoft Graph Command Line Tools (Graph PowerShell's own public client).
        default: "14d82eec-204b-4c2f-b7e8-296a70dab67e",
        parse: |text| parse_client_id(text).map(SettingValue::HelpdeskClientId),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::HelpdeskScopes,
        file_key: "helpdesk_scopes",
        env_var: "SIGNIN_DOCTOR_HELPDESK_SCOPES",
        label: "Help-desk scopes",
        help: "The delegated Microsoft Graph permissions the help-desk sign-in asks for, separated by spaces.",
        default: "openid profile offline_access AuditLog.Read.All Directory.Read.All Policy.Read.All",
        parse: |text| Ok(SettingValue::HelpdeskScopes(words(text))),
        may_be_empty: false,
    },
    Setting {
        key: SettingKey::HelpdeskLoginHint,
        file_key: "helpdesk_login_hint",
        env_var: "SIGNIN_DOCTOR_HELPDESK_LOGIN_HINT",
        label: "Help-desk account (optional)",
        help: "Fills in your own (help-desk) account on the sign-in page. Leave empty to choose each time.",
        default: "",
        parse: |text| Ok(SettingValue::HelpdeskLoginHint((!text.is_empty()).then(|| text.to_owned()))),
        may_be_empty: true,
    },
    Setting {
        key: SettingKey::GraphUrl,
        file_key: "graph_url",
        env_var: "SIGNIN_DOCTOR_GRAPH_URL",
        label: "Microsoft Graph address (optional)",
        help: "Where help-desk mode reads sign-in logs. Leave empty to use the Graph of the sign-in's cloud (global, US Government, China); set https://dod-graph.microsoft.us for US DoD tenants.",
        default: "",
        parse: |text| {
            if text.is_empty() {
                Ok(SettingValue::GraphUrl(None))
            } else {
                web_address(text).map(|url| SettingValue::GraphUrl(Some(url)))
            }
        },
        may_be_empty: true,
    },
];

// `SettingKey::setting` indexes the table by the key's number: the build fails
// if an entry is out of place.
const _: () = {
    let mut index = 0;
    while index < SETTINGS.len() {
        assert!(
            SETTINGS[index].key as usize == index,
            "SETTINGS is not in SettingKey order"
        );
        index += 1;
    }
};

impl SettingKey {
    pub const ALL: [SettingKey; 15] = {
        let mut all = [SettingKey::Authority; 15];
        let mut index = 0;
        while index < all.len() {
            all[index] = SETTINGS[index].key;
            index += 1;
        }
        all
    };

    fn setting(self) -> &'static Setting {
        &SETTINGS[self as usize]
    }

    /// The key in the TOML config file.
    pub fn file_key(self) -> &'static str {
        self.setting().file_key
    }

    pub fn from_file_key(key: &str) -> Option<SettingKey> {
        SettingKey::ALL.into_iter().find(|k| k.file_key() == key)
    }

    /// The environment variable that overrides the files.
    pub fn env_var(self) -> &'static str {
        self.setting().env_var
    }

    pub fn label(self) -> &'static str {
        self.setting().label
    }

    pub fn help(self) -> &'static str {
        self.setting().help
    }

    pub fn default_value(self) -> &'static str {
        self.setting().default
    }

    /// Parses and checks a value given as text (a file value, a variable, or a form field).
    pub fn parse(self, raw: &str) -> Result<SettingValue, InvalidValue> {
        let setting = self.setting();
        let text = raw.trim();
        if text.is_empty() && !setting.may_be_empty {
            return Err(InvalidValue::Empty);
        }
        (setting.parse)(text)
    }
}

/// Words separated by spaces or commas.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_client_id(text: &str) -> Result<String, InvalidValue> {
    if text.chars().any(char::is_whitespace) {
        Err(InvalidValue::ClientIdWithSpaces(text.to_owned()))
    } else {
        Ok(text.to_owned())
    }
}

/// `host` or `host:port` each, separated by spaces or commas.
fn parse_servers(text: &str) -> Result<Vec<String>, InvalidValue> {
    let servers = words(text);
    for server in &servers {
        let (host, port) = match server.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') => (host, Some(port)),
            _ => (server.as_str(), None),
        };
        let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
        if !host_ok || !port_ok {
            return Err(InvalidValue::NotAServer(server.clone()));
        }
    }
    if servers.is_empty() {
        return Err(InvalidValue::NoServer);
    }
    Ok(servers)
}

fn parse_proxy(text: &str) -> Result<ProxyChoice, InvalidValue> {
    match text.to_ascii_lowercase().as_str() {
        "system" => Ok(ProxyChoice::System),
        "direct" | "none" => Ok(ProxyChoice::Direct),
        _ => {
            // Shown with any password in the URL replaced: the words reach the screen and logs.
            let shown = crate::network::proxy::redacted(text);
            let url = url::Url::parse(text).map_err(|why| InvalidValue::NotAProxyChoice {
                text: shown.clone(),
                why,
            })?;
            if url.scheme() != "http" || url.host_str().is_none() {
                return Err(InvalidValue::NotAnHttpProxy(shown));
            }
            Ok(ProxyChoice::Fixed(text.to_owned()))
        }
    }
}

/// An http or https URL.
fn web_address(text: &str) -> Result<url::Url, InvalidValue> {
    let url = url::Url::parse(text).map_err(|why| InvalidValue::not_a_url(text, why))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(url),
        _ => Err(InvalidValue::NotAWebAddress(text.to_owned())),
    }
}

fn seconds(text: &str, max: u64) -> Result<Duration, InvalidValue> {
    match text.parse::<u64>() {
        Ok(secs) if (1..=max).contains(&secs) => Ok(Duration::from_secs(secs)),
        _ => Err(InvalidValue::NotSeconds {
            text: text.to_owned(),
            max,
        }),
    }
}

/// RFC 8252 §7.3: a native app's loopback redirect is an `http` URI to the
/// loopback interface (`localhost`, `127.0.0.1` or `[::1]`), which is where
/// this app listens; https and private-use schemes would need a listener it
/// does not have, and any other host would send the code off this computer.
fn parse_redirect(text: &str) -> Result<String, InvalidValue> {
    let url = url::Url::parse(text).map_err(|why| InvalidValue::not_a_url(text, why))?;
    if url.fragment().is_some() {
        // RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment.
        return Err(InvalidValue::RedirectWithFragment(text.to_owned()));
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(host) => crate::network::web_address::is_loopback_ip(&host),
        None => false,
    };
    let no_user = url.username().is_empty() && url.password().is_none();
    if url.scheme() != "http" || !loopback || !no_user {
        return Err(InvalidValue::RedirectNotLoopback(text.to_owned()));
    }
    Ok(text.to_owned())
}
