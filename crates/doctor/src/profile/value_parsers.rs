//! How each setting's text is read and checked: the parsers the `SETTINGS`
//! table in `setting.rs` names, one per kind of value.

use super::{InvalidValue, ProxyChoice};
use std::time::Duration;

/// Words separated by spaces or commas.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) fn parse_client_id(text: &str) -> Result<String, InvalidValue> {
    if text.chars().any(char::is_whitespace) {
        Err(InvalidValue::ClientIdWithSpaces(text.to_owned()))
    } else {
        Ok(text.to_owned())
    }
}

/// `host` or `host:port` each, separated by spaces or commas.
pub(super) fn parse_servers(text: &str) -> Result<Vec<String>, InvalidValue> {
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

pub(super) fn parse_proxy(text: &str) -> Result<ProxyChoice, InvalidValue> {
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
pub(super) fn web_address(text: &str) -> Result<url::Url, InvalidValue> {
    let url = url::Url::parse(text).map_err(|why| InvalidValue::not_a_url(text, why))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(url),
        _ => Err(InvalidValue::NotAWebAddress(text.to_owned())),
    }
}

pub(super) fn seconds(text: &str, max: u64) -> Result<Duration, InvalidValue> {
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
pub(super) fn parse_redirect(text: &str) -> Result<String, InvalidValue> {
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
