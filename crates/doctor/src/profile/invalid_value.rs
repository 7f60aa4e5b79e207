//! Why a setting's value was refused. The words follow the setting's name or
//! variable ("SIGNIN_DOCTOR_CHECK_TIMEOUT \"0\" is not a whole number…").

use super::AuthorityError;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidValue {
    #[error("is empty")]
    Empty,
    #[error("\"{0}\" contains spaces; an application ID is one word, usually a GUID")]
    ClientIdWithSpaces(String),
    #[error(transparent)]
    Authority(#[from] AuthorityError),
    #[error("\"{0}\" is not a host name or host:port")]
    NotAServer(String),
    #[error("names no server")]
    NoServer,
    #[error("\"{text}\" is not system, direct or a proxy URL ({why})")]
    NotAProxyChoice { text: String, why: url::ParseError },
    #[error("\"{0}\" is not an http://host:port proxy address")]
    NotAnHttpProxy(String),
    #[error("\"{text}\" is not a URL ({why})")]
    NotAUrl { text: String, why: url::ParseError },
    #[error("\"{0}\" is not an http:// or https:// address")]
    NotAWebAddress(String),
    #[error("\"{text}\" is not a whole number of seconds from 1 to {max}")]
    NotSeconds { text: String, max: u64 },
    /// RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment.
    #[error("\"{0}\" has a #fragment, which a redirect URI may not have")]
    RedirectWithFragment(String),
    /// RFC 8252 §7.3: the app's listener is on loopback, so is its redirect.
    #[error("\"{0}\" is not a loopback address: the redirect must be http://localhost, http://127.0.0.1 or http://[::1] (with an optional port and path), where this app listens (RFC 8252 §7.3)")]
    RedirectNotLoopback(String),
    /// A config file lists something other than text.
    #[error("should list text values, not {0}")]
    NotTextList(&'static str),
    #[error("should be text, not {0}")]
    NotText(&'static str),
}

impl InvalidValue {
    pub(super) fn not_a_url(text: &str, why: url::ParseError) -> Self {
        Self::NotAUrl {
            text: text.to_owned(),
            why,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::profile::SettingKey;

    /// The words the file, the environment and the Settings form show after a setting's name.
    #[test]
    fn refused_values_say_why() {
        let cases = [
            (SettingKey::ClientId, " ", "is empty"),
            (
                SettingKey::ClientId,
                "a b",
                "\"a b\" contains spaces; an application ID is one word, usually a GUID",
            ),
            (
                SettingKey::Authority,
                "http://10.0.0.1",
                "\"http://10.0.0.1\" uses plain http; only https is allowed (plain http only for 127.0.0.1 test servers)",
            ),
            (SettingKey::NtpServers, "bad_host", "\"bad_host\" is not a host name or host:port"),
            (SettingKey::NtpServers, ",", "names no server"),
            (
                SettingKey::Proxy,
                "socks5://h:1",
                "\"socks5://h:1\" is not an http://host:port proxy address",
            ),
            (
                SettingKey::StatusFeed,
                "ftp://h/",
                "\"ftp://h/\" is not an http:// or https:// address",
            ),
            (
                SettingKey::CheckTimeout,
                "0",
                "\"0\" is not a whole number of seconds from 1 to 120",
            ),
            (
                SettingKey::RedirectUri,
                "http://localhost/#x",
                "\"http://localhost/#x\" has a #fragment, which a redirect URI may not have",
            ),
        ];
        for (key, raw, words) in cases {
            assert_eq!(
                key.parse(raw).err().map(|e| e.to_string()).as_deref(),
                Some(words),
                "{key:?} {raw:?}"
            );
        }
    }
}
