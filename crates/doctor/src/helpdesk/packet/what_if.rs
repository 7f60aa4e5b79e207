//! The packet's What If inputs in Graph's words: the packet's own words
//! ("Windows 11", "Mobile apps and desktop clients") normalised to the values
//! Graph's `signInConditions` takes.

use super::check::{guid, is_unknown, plain};
use super::Raw;
use crate::personal::{Personal, PersonalKind};
use serde::Serialize;
use std::net::IpAddr;

/// The packet's What If inputs, in Graph's words where Graph has a value
/// for them (`signInConditions`), each absent when the packet lacks it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PacketWhatIf {
    /// The user's sign-in name; None when the packet has none or masked it.
    pub user: Option<Personal>,
    /// The client app signed in to, by application ID (lower case).
    pub app_id: Option<String>,
    /// The target resource as the packet wrote it.
    pub resource: Option<String>,
    /// The resource's application ID, when the packet named one.
    pub resource_app_id: Option<String>,
    /// Graph's `devicePlatform`: windows, macOS, linux, iOS, android.
    pub platform: Option<String>,
    /// Graph's `clientAppType`: browser, mobileAppsAndDesktopClients, exchangeActiveSync, other.
    pub client_app_type: Option<String>,
    /// The device's join or registration state, as the packet wrote it.
    pub device_state: Option<String>,
    /// Graph's `authenticationFlow.transferMethod`: none, deviceCodeFlow, authenticationTransfer.
    pub flow: Option<String>,
    pub ip_address: Option<Personal>,
    /// Two-letter country code.
    pub country: Option<String>,
    /// The inputs above the packet lacks, in words ("IP address"): What If does not evaluate them.
    pub not_in_packet: Vec<&'static str>,
}

fn platform(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let value = if lower.contains("windows") {
        "windows"
    } else if lower.contains("mac") {
        "macOS"
    } else if lower.contains("ios") || lower.contains("iphone") || lower.contains("ipad") {
        "iOS"
    } else if lower.contains("android") {
        "android"
    } else if lower.contains("linux") {
        "linux"
    } else {
        return None;
    };
    Some(value.to_owned())
}

fn client_app_type(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let value = if lower.contains("mobile apps and desktop") {
        "mobileAppsAndDesktopClients"
    } else if lower.starts_with("browser") {
        "browser"
    } else if lower.contains("activesync") {
        "exchangeActiveSync"
    } else if lower.contains("other") {
        "other"
    } else {
        return None;
    };
    Some(value.to_owned())
}

/// Graph's transferMethod from the packet's flow words or its attempt's flow.
fn transfer_method(authentication_flow: Option<&str>, flow: Option<&str>) -> Option<String> {
    let words = |text: &str| {
        let lower = text.to_ascii_lowercase();
        if lower.contains("device code") || lower == "device_code" {
            Some("deviceCodeFlow")
        } else if lower.contains("authentication transfer") {
            Some("authenticationTransfer")
        } else if lower.starts_with("browser sign-in") || lower == "authorization_code" {
            Some("none")
        } else {
            None
        }
    };
    authentication_flow
        .and_then(words)
        .or_else(|| flow.and_then(words))
        .map(str::to_owned)
}

/// An IP address and a two-letter country in "203.0.113.24 (NG)"-like text.
fn location(text: &str) -> (Option<String>, Option<String>) {
    let mut ip = None;
    let mut country = None;
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | '/')) {
        let word = word.trim_end_matches(['.', ':']);
        if ip.is_none() && word.parse::<IpAddr>().is_ok() {
            ip = Some(word.to_owned());
        } else if country.is_none() && word.len() == 2 && word.chars().all(|c| c.is_ascii_uppercase()) {
            country = Some(word.to_owned());
        }
    }
    (ip, country)
}

/// The resource's application ID: "Microsoft Graph (00000003-…), https://…".
fn resource_app_id(text: &str) -> Option<String> {
    let (_, after) = text.split_once('(')?;
    let (inside, _) = after.split_once(')')?;
    guid(inside)
}

/// The What If inputs from what the packet said; `user` is the packet's user, already checked.
pub(super) fn from_raw(raw: &Raw, user: Option<Personal>) -> PacketWhatIf {
    let known = |text: &Option<String>| plain(text.as_deref()).filter(|t| !is_unknown(t));
    let (ip_address, country) = known(&raw.location).map(|l| location(&l)).unwrap_or_default();
    // An address the user's error page named; a masked one (presenter mode) is no address.
    let ip_address = ip_address.or_else(|| known(&raw.what_if_ip).filter(|ip| ip.trim().parse::<IpAddr>().is_ok()));
    let resource = known(&raw.resource);
    let mut what_if = PacketWhatIf {
        user,
        app_id: raw.what_if_app.as_deref().or(raw.client_id.as_deref()).and_then(guid),
        resource_app_id: resource.as_deref().and_then(resource_app_id),
        resource,
        platform: known(&raw.platform).as_deref().and_then(platform),
        client_app_type: known(&raw.client_app_type).as_deref().and_then(client_app_type),
        device_state: known(&raw.device_state),
        flow: transfer_method(raw.authentication_flow.as_deref(), raw.flow.as_deref()),
        ip_address: ip_address.map(|ip| Personal::new(PersonalKind::IpAddress, ip)),
        country,
        not_in_packet: Vec::new(),
    };
    what_if.not_in_packet = [
        ("user", what_if.user.is_none()),
        ("application", what_if.app_id.is_none()),
        ("device platform", what_if.platform.is_none()),
        ("client app type", what_if.client_app_type.is_none()),
        ("device state", what_if.device_state.is_none()),
        ("authentication flow", what_if.flow.is_none()),
        ("IP address", what_if.ip_address.is_none()),
        ("country", what_if.country.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, missing)| missing.then_some(name))
    .collect();
    what_if
}
