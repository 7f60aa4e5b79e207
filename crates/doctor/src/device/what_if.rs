//! The sign-in's own facts (flow, app, resource, user) and the inputs an
//! admin types into Conditional Access › What If to see which policy
//! applied. What If matches the resource by its application, so the
//! resource is given with its app ID where it is a well-known one.

use super::collect::DeviceContext;
use super::fact::Fact;
use crate::aadsts::ErrorPage;
use crate::personal::PersonalKind;
use crate::profile::Profile;
use crate::signin::{Attempt, AttemptOutcome, Flow};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WhatIfInputs {
    /// The user (UPN). Personal: masked in presenter mode.
    pub user: Option<String>,
    /// The client app the user signed in to, by application ID.
    pub client_app_id: String,
    /// Target resource ("Cloud apps or actions").
    pub resource: String,
    /// "Client apps" condition.
    pub client_app_type: String,
    /// "Authentication flows" condition, when one applies.
    pub authentication_flow: Option<String>,
    pub device_platform: String,
    pub device_state: String,
    pub location: String,
    pub sign_in_time_utc: Option<String>,
    /// The client app's name, when a pasted error page names it.
    pub client_app_name: Option<String>,
    /// The IP address Entra saw, from a pasted error page. Personal: masked
    /// in the packet by the IP address rule.
    pub ip_address: Option<String>,
    /// Which inputs were taken from the error the user pasted rather than
    /// measured here (e.g. "device platform"): that error is the sign-in
    /// that failed, possibly on another device.
    pub from_pasted_error: Vec<String>,
}

/// The names of the inputs [`WhatIfInputs::take_from_pasted_error`] can
/// take, in the order it takes them. The packet writes only these: a packet
/// read back from a file is not trusted to hold prose.
pub const PASTED_INPUT_NAMES: [&str; 7] = [
    "client app",
    "client app name",
    "target resource",
    "device platform",
    "device state",
    "IP address",
    "sign-in time",
];

impl WhatIfInputs {
    /// The inputs taken from the pasted error, in the engine's own words;
    /// anything else in the list is dropped.
    pub fn pasted_input_names(&self) -> Vec<&'static str> {
        PASTED_INPUT_NAMES
            .into_iter()
            .filter(|name| self.from_pasted_error.iter().any(|taken| taken == name))
            .collect()
    }

    /// Takes what a pasted error names about the failed sign-in: its app,
    /// time and, from the page's Troubleshooting details, the app's name,
    /// the IP address, the device platform and state and the resource. The
    /// page is what Conditional Access evaluated, so it beats what this
    /// device measures.
    pub fn take_from_pasted_error(&mut self, app_id: Option<&str>, timestamp: Option<&str>, page: Option<&ErrorPage>) {
        let page = page.cloned().unwrap_or_default();
        let mut took = Vec::new();
        if let Some(id) = app_id {
            self.client_app_id = id.to_owned();
            took.push(PASTED_INPUT_NAMES[0]);
        }
        if let Some(name) = page.app_name {
            self.client_app_name = Some(name);
            took.push(PASTED_INPUT_NAMES[1]);
        }
        if let Some(resource) = page.resource {
            self.resource = resource;
            took.push(PASTED_INPUT_NAMES[2]);
        }
        if let Some(platform) = page.device_platform {
            self.device_platform = platform;
            took.push(PASTED_INPUT_NAMES[3]);
        }
        if let Some(state) = page.device_state {
            self.device_state = state;
            took.push(PASTED_INPUT_NAMES[4]);
        }
        if let Some(ip) = page.ip_address {
            self.ip_address = Some(ip);
            self.location =
                "The IP address the error page shows (What If takes the named location it falls in)".to_owned();
            took.push(PASTED_INPUT_NAMES[5]);
        }
        if let Some(time) = timestamp {
            self.sign_in_time_utc = Some(time.to_owned());
            took.push(PASTED_INPUT_NAMES[6]);
        }
        self.from_pasted_error = took.into_iter().map(str::to_owned).collect();
    }
}

/// Well-known resource apps that What If lists by name.
const KNOWN_RESOURCES: &[(&str, &str, &str)] = &[
    (
        "https://graph.microsoft.com",
        "Microsoft Graph",
        "00000003-0000-0000-c000-000000000000",
    ),
    (
        "https://management.azure.com",
        "Windows Azure Service Management API",
        "797f4846-ba00-4fd7-ba43-dac1f8f63013",
    ),
    (
        "https://management.core.windows.net",
        "Windows Azure Service Management API",
        "797f4846-ba00-4fd7-ba43-dac1f8f63013",
    ),
    (
        "https://outlook.office.com",
        "Office 365 Exchange Online",
        "00000002-0000-0ff1-ce00-000000000000",
    ),
    (
        "https://outlook.office365.com",
        "Office 365 Exchange Online",
        "00000002-0000-0ff1-ce00-000000000000",
    ),
    (
        "https://vault.azure.net",
        "Azure Key Vault",
        "cfa8b339-82a2-471a-a3c9-0fc0be7a4093",
    ),
];

/// The resource the scopes ask for. Bare scopes ("User.Read") mean Microsoft
/// Graph; OpenID scopes alone name no resource.
pub fn resource(scopes: &[String]) -> String {
    let url_scope = scopes.iter().find(|s| s.contains("://"));
    let resource = match url_scope {
        Some(scope) => {
            let after = scope.find("://").map_or(0, |i| i + 3);
            let end = scope[after..].find('/').map_or(scope.len(), |i| after + i);
            scope[..end].to_owned()
        }
        None if scopes
            .iter()
            .any(|s| !matches!(s.as_str(), "openid" | "profile" | "email" | "offline_access")) =>
        {
            "https://graph.microsoft.com".to_owned()
        }
        None => return "None (sign-in only: openid, profile)".to_owned(),
    };
    match KNOWN_RESOURCES.iter().find(|(url, _, _)| *url == resource) {
        Some((_, name, id)) => format!("{name} ({id}), {resource}"),
        None => resource,
    }
}

fn user(profile: &Profile, attempt: Option<&Attempt>) -> Option<String> {
    let from_attempt = attempt.and_then(|a| match &a.outcome {
        AttemptOutcome::SignedIn { account, .. } => account.username.clone(),
        _ => None,
    });
    from_attempt.or_else(|| profile.login_hint.clone())
}

fn flow_words(attempt: Option<&Attempt>) -> String {
    match attempt.map(|a| a.flow) {
        Some(Flow::AuthorizationCode) => "Browser sign-in (authorization code with PKCE, system browser)".to_owned(),
        Some(Flow::DeviceCode) => {
            "Device code (sign in on another device): can never pass policies that require a compliant or joined device"
                .to_owned()
        }
        None => "No sign-in through the app yet".to_owned(),
    }
}

/// Facts about the sign-in itself, for the packet and the device row.
pub fn sign_in_facts(profile: &Profile, attempt: Option<&Attempt>) -> Vec<Fact> {
    let mut facts = vec![
        Fact::measured("sign_in_flow", "Sign-in flow used", flow_words(attempt)),
        Fact::measured("client_app_id", "Client app ID", profile.client_id.clone()),
        Fact::measured("resource", "Resource", resource(&profile.scopes)),
    ];
    match user(profile, attempt) {
        Some(upn) => facts.push(Fact::measured("user", "User (UPN)", upn).personal(PersonalKind::Upn)),
        None => facts.push(Fact::could_not_measure(
            "user",
            "User (UPN)",
            "not known until a sign-in succeeds or a login hint is set",
        )),
    }
    facts
}

pub fn what_if(device: &DeviceContext, profile: &Profile, attempt: Option<&Attempt>) -> WhatIfInputs {
    let device_code = attempt.is_some_and(|a| a.flow == Flow::DeviceCode);
    let time = attempt.map(|a| match &a.outcome {
        AttemptOutcome::Refused { error } => error
            .timestamp_utc
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_else(|| a.started_at.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        _ => a.started_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    });
    WhatIfInputs {
        user: user(profile, attempt),
        client_app_id: profile.client_id.clone(),
        resource: resource(&profile.scopes),
        // A desktop app signing in through the system browser is logged as
        // "Mobile apps and desktop clients", not "Browser".
        client_app_type: "Mobile apps and desktop clients".to_owned(),
        authentication_flow: device_code.then(|| "Device code flow".to_owned()),
        device_platform: device.platform.clone(),
        device_state: device.device_state(),
        location: "Not measured here: use the IP address shown in the sign-in log entry".to_owned(),
        sign_in_time_utc: time,
        client_app_name: None,
        ip_address: None,
        from_pasted_error: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::resource;

    fn scopes(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn the_resource_is_read_from_the_scopes() {
        assert_eq!(
            resource(&scopes(
                "openid profile offline_access https://graph.microsoft.com/.default"
            )),
            "Microsoft Graph (00000003-0000-0000-c000-000000000000), https://graph.microsoft.com"
        );
        assert_eq!(
            resource(&scopes("openid User.Read")),
            "Microsoft Graph (00000003-0000-0000-c000-000000000000), https://graph.microsoft.com"
        );
        assert_eq!(
            resource(&scopes("openid profile")),
            "None (sign-in only: openid, profile)"
        );
        assert_eq!(resource(&scopes("api://contoso-api/access")), "api://contoso-api");
    }
}
