//! The settings a profile has, their names in files and the environment, and
//! how each is parsed and checked.

use super::value_parsers::{parse_client_id, parse_proxy, parse_redirect, parse_servers, seconds, web_address, words};
use super::{Authority, InvalidValue, Profile};
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

/// A parsed, valid setting value, by its kind: several settings share a kind
/// (the table below says which setting is which).
#[derive(Clone, Debug, PartialEq)]
pub enum SettingValue {
    Authority(Authority),
    Text(String),
    /// Words separated by spaces or commas (scopes, time servers).
    Words(Vec<String>),
    /// Text that may be left empty.
    OptionalText(Option<String>),
    Seconds(Duration),
    Address(url::Url),
    /// An address that may be left empty.
    OptionalAddress(Option<url::Url>),
    Proxy(ProxyChoice),
}

impl SettingValue {
    /// The value as the Settings form and the profile show it.
    pub fn text(&self) -> String {
        match self {
            SettingValue::Authority(authority) => authority.to_string(),
            SettingValue::Text(text) => text.clone(),
            SettingValue::Words(words) => words.join(" "),
            SettingValue::OptionalText(text) => text.clone().unwrap_or_default(),
            SettingValue::Seconds(duration) => duration.as_secs().to_string(),
            SettingValue::Address(url) => url.to_string(),
            SettingValue::OptionalAddress(url) => url.as_ref().map(ToString::to_string).unwrap_or_default(),
            SettingValue::Proxy(choice) => choice.to_string(),
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
    /// The profile's field that holds it, read and written (`write` is
    /// handed what `parse` gave, so the kinds match: a test checks each row).
    read: fn(&Profile) -> SettingValue,
    write: fn(&mut Profile, SettingValue),
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
        read: |profile| SettingValue::Authority(profile.authority.clone()),
        write: |profile, value| {
            if let SettingValue::Authority(value) = value {
                profile.authority = value;
            }
        },
    },
    Setting {
        key: SettingKey::ClientId,
        file_key: "client_id",
        env_var: "SIGNIN_DOCTOR_CLIENT_ID",
        label: "Application (client) ID",
        help: "The app that signs in. The default is Microsoft Azure CLI, a public client that needs no app registration. Your organisation may give you its own.",
        // Microsoft Azure CLI: pre-consented in nearly every tenant.
        default: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        parse: |text| parse_client_id(text).map(SettingValue::Text),
        may_be_empty: false,
        read: |profile| SettingValue::Text(profile.client_id.clone()),
        write: |profile, value| {
            if let SettingValue::Text(value) = value {
                profile.client_id = value;
            }
        },
    },
    Setting {
        key: SettingKey::RedirectUri,
        file_key: "redirect_uri",
        env_var: "SIGNIN_DOCTOR_REDIRECT_URI",
        label: "Redirect URI",
        help: "Where the browser returns after sign-in: a loopback http address (localhost, 127.0.0.1 or [::1]), where this app listens. Must match the app registration; for loopback addresses the port is not compared.",
        default: "http://localhost",
        parse: |text| parse_redirect(text).map(SettingValue::Text),
        may_be_empty: false,
        read: |profile| SettingValue::Text(profile.redirect_uri.clone()),
        write: |profile, value| {
            if let SettingValue::Text(value) = value {
                profile.redirect_uri = value;
            }
        },
    },
    Setting {
        key: SettingKey::Scopes,
        file_key: "scopes",
        env_var: "SIGNIN_DOCTOR_SCOPES",
        label: "Scopes",
        help: "Permissions to ask for, separated by spaces.",
        default: "openid profile offline_access https://graph.microsoft.com/.default",
        parse: |text| Ok(SettingValue::Words(words(text))),
        may_be_empty: false,
        read: |profile| SettingValue::Words(profile.scopes.clone()),
        write: |profile, value| {
            if let SettingValue::Words(value) = value {
                profile.scopes = value;
            }
        },
    },
    Setting {
        key: SettingKey::LoginHint,
        file_key: "login_hint",
        env_var: "SIGNIN_DOCTOR_LOGIN_HINT",
        label: "Account to sign in (optional)",
        help: "Fills in the account name on the sign-in page (sent as login_hint). Leave empty to choose each time.",
        default: "",
        parse: |text| Ok(SettingValue::OptionalText((!text.is_empty()).then(|| text.to_owned()))),
        may_be_empty: true,
        read: |profile| SettingValue::OptionalText(profile.login_hint.clone()),
        write: |profile, value| {
            if let SettingValue::OptionalText(value) = value {
                profile.login_hint = value;
            }
        },
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
        parse: |text| parse_servers(text).map(SettingValue::Words),
        may_be_empty: false,
        read: |profile| SettingValue::Words(profile.ntp_servers.clone()),
        write: |profile, value| {
            if let SettingValue::Words(value) = value {
                profile.ntp_servers = value;
            }
        },
    },
    Setting {
        key: SettingKey::CheckTimeout,
        file_key: "check_timeout_seconds",
        env_var: "SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS",
        label: "Time limit per check (seconds)",
        help: "How long one network check may take before it is reported as timed out (1 to 120).",
        default: "10",
        parse: |text| seconds(text, MAX_CHECK_TIMEOUT_SECONDS).map(SettingValue::Seconds),
        may_be_empty: false,
        read: |profile| SettingValue::Seconds(profile.check_timeout),
        write: |profile, value| {
            if let SettingValue::Seconds(value) = value {
                profile.check_timeout = value;
            }
        },
    },
    Setting {
        key: SettingKey::SignInTimeout,
        file_key: "signin_timeout_seconds",
        env_var: "SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS",
        label: "Time limit for browser sign-in (seconds)",
        help: "How long the app waits for you to finish signing in in the browser (1 to 3600).",
        default: "300",
        parse: |text| seconds(text, MAX_SIGNIN_TIMEOUT_SECONDS).map(SettingValue::Seconds),
        may_be_empty: false,
        read: |profile| SettingValue::Seconds(profile.signin_timeout),
        write: |profile, value| {
            if let SettingValue::Seconds(value) = value {
                profile.signin_timeout = value;
            }
        },
    },
    Setting {
        key: SettingKey::StatusFeed,
        file_key: "status_feed",
        env_var: "SIGNIN_DOCTOR_STATUS_FEED",
        label: "Service status feed (RSS)",
        help: "Microsoft's public Azure status feed, read for incidents that affect sign-in. No admin rights needed.",
        default: "https://azure.status.microsoft/en-us/status/feed/",
        parse: |text| web_address(text).map(SettingValue::Address),
        may_be_empty: false,
        read: |profile| SettingValue::Address(profile.status_feed.clone()),
        write: |profile, value| {
            if let SettingValue::Address(value) = value {
                profile.status_feed = value;
            }
        },
    },
    Setting {
        key: SettingKey::ConnectivityCheckUrl,
        file_key: "connectivity_check_url",
        env_var: "SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL",
        label: "Captive portal test address",
        help: "A plain-http address that answers \"Microsoft Connect Test\" (what Windows itself uses to spot hotel and guest Wi-Fi sign-in pages). A redirect or another answer means a captive portal.",
        // Windows' network connectivity status indicator (NCSI) probe.
        default: "http://www.msftconnecttest.com/connecttest.txt",
        parse: |text| web_address(text).map(SettingValue::Address),
        may_be_empty: false,
        read: |profile| SettingValue::Address(profile.connectivity_check_url.clone()),
        write: |profile, value| {
            if let SettingValue::Address(value) = value {
                profile.connectivity_check_url = value;
            }
        },
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
        read: |profile| SettingValue::Proxy(profile.proxy.clone()),
        write: |profile, value| {
            if let SettingValue::Proxy(value) = value {
                profile.proxy = value;
            }
        },
    },
    Setting {
        key: SettingKey::HelpdeskClientId,
        file_key: "helpdesk_client_id",
        env_var: "SIGNIN_DOCTOR_HELPDESK_CLIENT_ID",
        label: "Help-desk application (client) ID",
        help: "The app help-desk staff sign in with to read sign-in logs and Conditional Access policies. The default is Microsoft Graph Command Line Tools; an admin grants it AuditLog.Read.All, Directory.Read.All and Policy.Read.All once. Your organisation may give you its own.",
        // Microsoft Graph Command Line Tools (Graph PowerShell's own public client).
        default: "14d82eec-204b-4c2f-b7e8-296a70dab67e",
        parse: |text| parse_client_id(text).map(SettingValue::Text),
        may_be_empty: false,
        read: |profile| SettingValue::Text(profile.helpdesk_client_id.clone()),
        write: |profile, value| {
            if let SettingValue::Text(value) = value {
                profile.helpdesk_client_id = value;
            }
        },
    },
    Setting {
        key: SettingKey::HelpdeskScopes,
        file_key: "helpdesk_scopes",
        env_var: "SIGNIN_DOCTOR_HELPDESK_SCOPES",
        label: "Help-desk scopes",
        help: "The delegated Microsoft Graph permissions the help-desk sign-in asks for, separated by spaces.",
        default: "openid profile offline_access AuditLog.Read.All Directory.Read.All Policy.Read.All",
        parse: |text| Ok(SettingValue::Words(words(text))),
        may_be_empty: false,
        read: |profile| SettingValue::Words(profile.helpdesk_scopes.clone()),
        write: |profile, value| {
            if let SettingValue::Words(value) = value {
                profile.helpdesk_scopes = value;
            }
        },
    },
    Setting {
        key: SettingKey::HelpdeskLoginHint,
        file_key: "helpdesk_login_hint",
        env_var: "SIGNIN_DOCTOR_HELPDESK_LOGIN_HINT",
        label: "Help-desk account (optional)",
        help: "Fills in your own (help-desk) account on the sign-in page. Leave empty to choose each time.",
        default: "",
        parse: |text| Ok(SettingValue::OptionalText((!text.is_empty()).then(|| text.to_owned()))),
        may_be_empty: true,
        read: |profile| SettingValue::OptionalText(profile.helpdesk_login_hint.clone()),
        write: |profile, value| {
            if let SettingValue::OptionalText(value) = value {
                profile.helpdesk_login_hint = value;
            }
        },
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
                Ok(SettingValue::OptionalAddress(None))
            } else {
                web_address(text).map(|url| SettingValue::OptionalAddress(Some(url)))
            }
        },
        may_be_empty: true,
        read: |profile| SettingValue::OptionalAddress(profile.graph_url.clone()),
        write: |profile, value| {
            if let SettingValue::OptionalAddress(value) = value {
                profile.graph_url = value;
            }
        },
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

    /// The value in effect in `profile`.
    pub fn read(self, profile: &Profile) -> SettingValue {
        (self.setting().read)(profile)
    }

    /// Puts a value this key's `parse` gave into `profile`.
    pub(super) fn write(self, profile: &mut Profile, value: SettingValue) {
        (self.setting().write)(profile, value);
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
