//! What a lookup starts from: the IDs, user and time a user's packet gives
//! (read by `packet`), or that help-desk typed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LookupInput {
    /// Entra's Request ID (the error's Trace ID).
    pub request_id: Option<String>,
    pub correlation_id: Option<String>,
    /// The user's UPN.
    pub user: Option<String>,
    /// When the sign-in failed (the error's Timestamp), UTC.
    pub at: Option<DateTime<Utc>>,
    /// The authority the user signed in at; `None`: the profile's.
    pub authority: Option<String>,
    /// `Some`: also run What If with these inputs.
    pub what_if: Option<WhatIfQuery>,
}

/// What If inputs (learn: signinconditions, conditionalaccessroot-evaluate).
/// Every one may be missing: the answer names those not evaluated.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WhatIfQuery {
    /// The user's object ID; taken from the found entry when missing.
    pub user_id: Option<String>,
    /// The UPN, for display.
    pub user: Option<String>,
    /// The cloud app (resource) signed in to, by application ID; the entry's when missing.
    pub resource_app_id: Option<String>,
    /// Graph's devicePlatform: android, iOS, windows, macOS, linux, …
    pub device_platform: Option<String>,
    /// Graph's clientAppType: browser, mobileAppsAndDesktopClients, exchangeActiveSync, other.
    pub client_app_type: Option<String>,
    pub device_compliant: Option<bool>,
    pub device_trust_type: Option<String>,
    /// deviceCodeFlow or authenticationTransfer; None: neither (not evaluated).
    pub authentication_flow: Option<String>,
    pub ip_address: Option<String>,
    /// Two letters.
    pub country: Option<String>,
}

/// Trimmed, lower-case (GUIDs), `None` when empty.
fn id(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty())
}

impl LookupInput {
    pub fn request_id(&self) -> Option<String> {
        id(&self.request_id)
    }
    pub fn correlation_id(&self) -> Option<String> {
        id(&self.correlation_id)
    }
    /// UPNs are stored in lower case in the logs.
    pub fn user(&self) -> Option<String> {
        id(&self.user)
    }
}

impl LookupInput {
    /// What a packet gives to search by; `what_if` also asks for What If with its inputs.
    pub fn from_packet(reading: &super::packet::PacketReading, what_if: bool) -> Self {
        Self {
            request_id: reading.request_id.clone(),
            correlation_id: reading.correlation_id.clone(),
            user: reading.user.as_ref().map(|u| u.value().clone()),
            at: reading.timestamp,
            authority: reading.authority.clone(),
            what_if: what_if.then(|| WhatIfQuery::from_packet_reading(&reading.what_if)),
        }
    }
}

impl WhatIfQuery {
    /// From the packet reader's What If inputs (already in Graph's words).
    pub fn from_packet_reading(inputs: &super::packet::PacketWhatIf) -> Self {
        let (device_compliant, device_trust_type) = device_state(inputs.device_state.as_deref().unwrap_or_default());
        Self {
            user_id: None,
            user: inputs.user.as_ref().map(|u| u.value().clone()),
            resource_app_id: inputs.resource_app_id.clone(),
            device_platform: inputs.platform.clone(),
            client_app_type: inputs.client_app_type.clone(),
            device_compliant,
            device_trust_type,
            authentication_flow: inputs.flow.clone(),
            ip_address: inputs.ip_address.as_ref().map(|ip| ip.value().clone()),
            country: inputs.country.clone(),
        }
    }

    /// From the packet's What If inputs (device::WhatIfInputs), as far as they map to Graph's values.
    pub fn from_packet(inputs: &crate::device::WhatIfInputs) -> Self {
        let guid =
            regex_lite::Regex::new(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}").ok();
        let resource_app_id = guid
            .as_ref()
            .and_then(|re| re.find(&inputs.resource))
            .map(|m| m.as_str().to_ascii_lowercase());
        let platform = inputs.device_platform.to_ascii_lowercase();
        let device_platform = ["windows", "macos", "ios", "android", "linux"]
            .into_iter()
            .find(|p| platform.contains(p))
            .map(|p| match p {
                "macos" => "macOS".to_owned(),
                "ios" => "iOS".to_owned(),
                other => other.to_owned(),
            });
        let kind = inputs.client_app_type.to_ascii_lowercase();
        let client_app_type = if kind.contains("desktop") {
            Some("mobileAppsAndDesktopClients".to_owned())
        } else if kind.contains("browser") {
            Some("browser".to_owned())
        } else {
            None
        };
        let (device_compliant, device_trust_type) = device_state(&inputs.device_state);
        let authentication_flow = inputs
            .authentication_flow
            .as_deref()
            .filter(|f| f.to_ascii_lowercase().contains("device code"))
            .map(|_| "deviceCodeFlow".to_owned());
        Self {
            user_id: None,
            user: inputs.user.clone(),
            resource_app_id,
            device_platform,
            client_app_type,
            device_compliant,
            device_trust_type,
            authentication_flow,
            ip_address: None,
            country: None,
        }
    }
}

/// Compliance and trust type from a device state in words ("Microsoft Entra joined, compliant").
/// The trust type values follow the sign-in log's deviceDetail (AzureAD, ServerAD, Workplace);
/// What If's own spelling ("EntraID" in the docs' example) is unconfirmed.
fn device_state(text: &str) -> (Option<bool>, Option<String>) {
    let state = text.to_ascii_lowercase();
    let compliant = if state.contains("not compliant") || state.contains("noncompliant") {
        Some(false)
    } else if state.contains("compliant") {
        Some(true)
    } else {
        None
    };
    let trust = if state.contains("hybrid") {
        Some("ServerAD".to_owned())
    } else if state.contains("joined") && !state.contains("not joined") {
        Some("AzureAD".to_owned())
    } else if state.contains("registered") && !state.contains("not registered") {
        Some("Workplace".to_owned())
    } else {
        None
    };
    (compliant, trust)
}
