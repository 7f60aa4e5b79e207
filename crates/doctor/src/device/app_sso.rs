//! Reads `app-sso platform -s` (macOS 13+): whether Platform SSO, through
//! Microsoft's Enterprise SSO plug-in (Company Portal), has registered this
//! Mac with Microsoft Entra.
//!
//! The output is headed blocks ("Device Configuration:", "User
//! Configuration:", "SSO Tokens:") of `key = value;` lines (plist style,
//! macOS 13) or `"key" : value,` lines (JSON style, macOS 14 and later). A
//! block that is only `(null)` means nothing is configured.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlatformSsoStatus {
    /// The SSO extension in charge, e.g. com.microsoft.CompanyPortalMac.ssoextension.
    pub extension_identifier: Option<String>,
    /// The device is registered with the identity provider.
    pub registration_completed: Option<bool>,
    /// How the user signs in: password, Secure Enclave key, smart card.
    pub login_type: Option<String>,
    /// The user's Platform SSO state, e.g. POUserStateNormal.
    pub user_state: Option<String>,
    /// Whether the block "SSO Tokens" says the tokens are current.
    pub tokens_expired: Option<bool>,
    pub device_configured: bool,
    pub user_configured: bool,
}

impl PlatformSsoStatus {
    pub fn is_microsoft(&self) -> bool {
        self.extension_identifier
            .as_deref()
            .is_some_and(|id| id.starts_with("com.microsoft."))
    }
}

/// Values by block heading, then key.
fn blocks(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        // A heading starts at the left margin and ends with a colon.
        if !line.starts_with([' ', '\t']) && trimmed.ends_with(':') && !trimmed.contains(['=', '"']) {
            current = trimmed.trim_end_matches(':').trim().to_owned();
            all.entry(current.clone()).or_default();
            continue;
        }
        if trimmed == "(null)" {
            all.entry(current.clone())
                .or_default()
                .insert("(null)".to_owned(), String::new());
            continue;
        }
        let pair = trimmed
            .split_once(" = ")
            .or_else(|| trimmed.split_once(" : "))
            .or_else(|| trimmed.split_once("\":"));
        if let Some((key, value)) = pair {
            let key = key.trim().trim_matches('"').to_owned();
            let value = value
                .trim()
                .trim_end_matches([';', ','])
                .trim()
                .trim_matches('"')
                .to_owned();
            if !key.is_empty() {
                all.entry(current.clone()).or_default().insert(key, value);
            }
        }
    }
    all
}

fn flag(value: Option<&String>) -> Option<bool> {
    match value.map(|v| v.to_ascii_lowercase()).as_deref() {
        Some("1" | "true" | "yes") => Some(true),
        Some("0" | "false" | "no") => Some(false),
        _ => None,
    }
}

/// "POLoginTypeUserSecureEnclaveKey (2)" → "POLoginTypeUserSecureEnclaveKey".
fn enum_name(value: Option<&String>) -> Option<String> {
    let value = value?;
    let name = value.split_whitespace().next()?;
    Some(name.to_owned())
}

pub fn parse(output: &str) -> Option<PlatformSsoStatus> {
    let all = blocks(output);
    let configured = |name: &str| {
        all.get(name)
            .is_some_and(|b| !b.is_empty() && !b.contains_key("(null)"))
    };
    if !all.contains_key("Device Configuration") && !all.contains_key("Configuration") {
        return None;
    }
    let device = all.get("Device Configuration");
    let user = all.get("User Configuration");
    let any = |key: &str| all.values().find_map(|b| b.get(key));
    // The token block lists times, each followed by "(Expired)" or "(Not Expired)".
    let tokens_expired = match output.split_once("SSO Tokens") {
        Some((_, tokens)) if tokens.contains("(Not Expired)") => Some(false),
        Some((_, tokens)) if tokens.contains("(Expired)") => Some(true),
        _ => None,
    };
    Some(PlatformSsoStatus {
        extension_identifier: device
            .and_then(|b| b.get("extensionIdentifier"))
            .or_else(|| any("extensionIdentifier"))
            .cloned(),
        registration_completed: device.and_then(|b| flag(b.get("registrationCompleted"))),
        login_type: user
            .and_then(|b| enum_name(b.get("loginType")))
            .or_else(|| enum_name(any("loginType"))),
        user_state: user.and_then(|b| enum_name(b.get("state"))),
        tokens_expired,
        device_configured: configured("Device Configuration"),
        user_configured: configured("User Configuration"),
    })
}
