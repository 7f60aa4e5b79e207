//! Reads `dsregcmd /status` (Windows): how Microsoft Entra sees this device.
//!
//! The output is sections framed by `| Section name |` boxes, each holding
//! `Name : value` lines right-aligned on the colon. Names repeat between
//! sections (e.g. "Correlation ID"), so values are kept per section.
//! Field meanings: Microsoft's "Troubleshoot devices by using the dsregcmd
//! command" article.

use serde::Serialize;
use std::collections::BTreeMap;

/// The fields Conditional Access cares about. `None` when the output did
/// not have the field (older Windows builds omit some).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DsregStatus {
    pub azure_ad_joined: Option<bool>,
    pub enterprise_joined: Option<bool>,
    pub domain_joined: Option<bool>,
    pub domain_name: Option<String>,
    pub workplace_joined: Option<bool>,
    pub device_id: Option<String>,
    pub device_auth_status: Option<String>,
    pub tenant_id: Option<String>,
    pub tenant_name: Option<String>,
    pub azure_ad_prt: Option<bool>,
    pub azure_ad_prt_update_time: Option<String>,
    pub azure_ad_prt_expiry_time: Option<String>,
    /// "Client Time" in Diagnostic Data: the device clock as dsregcmd saw it.
    pub client_time: Option<String>,
    /// The last failed attempt to get a Primary Refresh Token, if recorded.
    pub prt_error: Option<PrtError>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PrtError {
    pub attempt_time: Option<String>,
    pub server_error_code: Option<String>,
    pub server_error_description: Option<String>,
    pub correlation_id: Option<String>,
}

impl DsregStatus {
    /// How the device is joined, in the words the Entra admin center uses.
    pub fn join_type(&self) -> &'static str {
        match (self.azure_ad_joined, self.domain_joined, self.workplace_joined) {
            (Some(true), Some(true), _) => "Microsoft Entra hybrid joined",
            (Some(true), _, _) => "Microsoft Entra joined",
            (_, _, Some(true)) => "Microsoft Entra registered",
            (Some(false), Some(true), _) => "Domain joined only (not known to Microsoft Entra)",
            (Some(false), _, _) => "Not joined or registered",
            _ => "Unknown",
        }
    }
}

/// Values by section name, then field name.
fn sections(text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('|') && trimmed.ends_with('|') && trimmed.len() > 1 {
            current = trimmed.trim_matches('|').trim().to_owned();
            continue;
        }
        if let Some((name, value)) = trimmed.split_once(" : ") {
            all.entry(current.clone())
                .or_default()
                .insert(name.trim().to_owned(), value.trim().to_owned());
        } else if let Some(name) = trimmed.strip_suffix(" :") {
            // "Name :" with an empty value.
            all.entry(current.clone())
                .or_default()
                .insert(name.trim().to_owned(), String::new());
        }
    }
    all
}

fn yes_no(value: Option<&String>) -> Option<bool> {
    match value.map(|v| v.trim().to_ascii_uppercase()).as_deref() {
        Some("YES") => Some(true),
        Some("NO") => Some(false),
        _ => None,
    }
}

fn text(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

pub fn parse(output: &str) -> Option<DsregStatus> {
    let all = sections(output);
    if all.is_empty() {
        return None;
    }
    // A field from a named section, or from anywhere when the box is missing.
    let field = |section: &str, name: &str| -> Option<&String> {
        all.get(section)
            .and_then(|s| s.get(name))
            .or_else(|| all.values().find_map(|s| s.get(name)))
    };
    let diagnostic = all.get("Diagnostic Data");
    let diag = |name: &str| diagnostic.and_then(|s| s.get(name));
    let prt_error = match diag("AcquirePrtDiagnostics").map(|v| v.trim().eq_ignore_ascii_case("PRESENT")) {
        Some(true) => Some(PrtError {
            attempt_time: text(diag("Previous Prt Attempt")),
            server_error_code: text(diag("Server Error Code")),
            server_error_description: text(diag("Server Error Description")),
            correlation_id: text(diag("Correlation ID")).map(|id| id.to_ascii_lowercase()),
        }),
        _ => None,
    };
    let status = DsregStatus {
        azure_ad_joined: yes_no(field("Device State", "AzureAdJoined")),
        enterprise_joined: yes_no(field("Device State", "EnterpriseJoined")),
        domain_joined: yes_no(field("Device State", "DomainJoined")),
        domain_name: text(field("Device State", "DomainName")),
        workplace_joined: yes_no(field("User State", "WorkplaceJoined")),
        device_id: text(field("Device Details", "DeviceId")).map(|id| id.to_ascii_lowercase()),
        device_auth_status: text(field("Device Details", "DeviceAuthStatus")),
        tenant_id: text(field("Tenant Details", "TenantId")).map(|id| id.to_ascii_lowercase()),
        tenant_name: text(field("Tenant Details", "TenantName")),
        azure_ad_prt: yes_no(field("SSO State", "AzureAdPrt")),
        azure_ad_prt_update_time: text(field("SSO State", "AzureAdPrtUpdateTime")),
        azure_ad_prt_expiry_time: text(field("SSO State", "AzureAdPrtExpiryTime")),
        client_time: text(diag("Client Time")),
        prt_error,
    };
    // Output with none of the fields we know is not dsregcmd's.
    if status.azure_ad_joined.is_none() && status.domain_joined.is_none() && status.workplace_joined.is_none() {
        return None;
    }
    Some(status)
}
