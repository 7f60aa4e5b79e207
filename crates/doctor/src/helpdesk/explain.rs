//! Which requirement of a failed policy the sign-in did not meet, checked
//! against the entry's own facts, and what would meet it, in words a
//! help-desk person can act on. Grant controls in the log are tokens such as
//! `Block`, `Mfa`, `RequireCompliantDevice` (learn: howto-use-log-schemas;
//! the exact spelling of the device ones is unconfirmed, so both spellings
//! and the policy's own `builtInControls` are read). 53000/53001/53002 name
//! compliant device / domain-joined / approved app (troubleshoot-conditional-access).

use super::entry::{AppliedPolicy, SignInEntry};
use super::policy::Policy;
use crate::personal::{Marked, PersonalKind};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmet {
    CompliantDevice,
    DomainJoinedDevice,
    ApprovedApp,
    CompliantApp,
    Mfa,
    Block,
    Location,
    DevicePlatform,
    ClientApp,
    AuthenticationFlow,
    PasswordChange,
    TermsOfUse,
    AuthenticationStrength,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub unmet: Unmet,
    /// The requirement and the entry's fact that missed it, its IP address marked.
    pub why: Marked,
    pub fix: String,
}

/// A grant control token or builtInControls value, normalised: "RequireCompliantDevice",
/// "compliantDevice" and "CompliantDevice" all read "compliantdevice".
fn normalise(control: &str) -> String {
    let lower = control.trim().to_ascii_lowercase();
    let lower = lower.strip_prefix("require").unwrap_or(&lower).to_owned();
    match lower.as_str() {
        "approvedapp" | "approvedclientapp" => "approvedapplication".to_owned(),
        "compliantapp" | "appprotectionpolicy" => "compliantapplication".to_owned(),
        "multifactorauthentication" => "mfa".to_owned(),
        _ => lower,
    }
}

pub fn explain(applied: &AppliedPolicy, definition: Option<&Policy>, entry: &SignInEntry) -> Explanation {
    let mut controls: Vec<String> = applied
        .enforced_grant_controls
        .iter()
        .flatten()
        .map(|c| normalise(c))
        .collect();
    if let Some(policy) = definition {
        controls.extend(policy.built_in_controls().iter().map(|c| normalise(c)));
        if policy
            .grant_controls
            .as_ref()
            .is_some_and(|g| g.terms_of_use.as_ref().is_some_and(|t| !t.is_empty()))
        {
            controls.push("termsofuse".to_owned());
        }
        if policy
            .grant_controls
            .as_ref()
            .is_some_and(|g| g.authentication_strength.as_ref().is_some_and(|s| !s.is_null()))
        {
            controls.push("authenticationstrength".to_owned());
        }
    }
    let has = |c: &str| controls.iter().any(|x| x == c);
    let matched = applied.conditions_matched();
    let matched_has = |c: &str| matched.iter().any(|m| m.eq_ignore_ascii_case(c));
    let app = entry.app_display_name.as_deref().unwrap_or("this app");

    if has("block") {
        if entry.device_code()
            && (matched_has("authenticationFlows") || definition.is_some_and(Policy::blocks_device_code))
        {
            return Explanation {
                unmet: Unmet::AuthenticationFlow,
                why: Marked::scan("blocks device-code sign-in; this sign-in used a code entered on another device"),
                fix: "Sign in on the device itself (Re-authenticate in Sign-in Doctor, or the app's own sign-in), not with a code shown on another device.".to_owned(),
            };
        }
        if matched_has("location") || definition.is_some_and(Policy::has_locations) {
            return Explanation {
                unmet: Unmet::Location,
                why: Marked::scan("blocks sign-ins from outside the named locations; this one came from ").then(place(entry)),
                fix: "Sign in from a trusted place (the office network or the company VPN). If the user really works from there, an admin adds the location to a trusted named location or gives the user an exception.".to_owned(),
            };
        }
        if matched_has("devicePlatform") {
            return Explanation {
                unmet: Unmet::DevicePlatform,
                why: Marked::from(format!("blocks sign-ins from this device platform ({})", facts(&entry.device_detail.as_ref().and_then(|d| d.operating_system.clone())))),
                fix: "Use a device of a platform the organisation allows (ask which), or an admin changes the policy's platforms.".to_owned(),
            };
        }
        if matched_has("clientType") || matched_has("clientApps") {
            return Explanation {
                unmet: Unmet::ClientApp,
                why: Marked::from(format!("blocks this kind of client app ({})", facts(&entry.client_app_used))),
                fix: "Use a modern client: the browser or the current Microsoft app (older mail protocols and legacy authentication are blocked).".to_owned(),
            };
        }
        return Explanation {
            unmet: Unmet::Block,
            why: Marked::from(format!("blocks access to {app} for this user in these conditions ({})", if matched.is_empty() { "no conditions logged".to_owned() } else { matched.join(", ") })),
            fix: "Nothing on the device can pass a block. If this user should have access, an admin excludes the user or app from the policy, or changes its conditions.".to_owned(),
        };
    }
    let device = entry.device_detail.clone().unwrap_or_default();
    let managed = device.is_managed == Some(true);
    let compliant = device.is_compliant == Some(true);
    let hybrid = device.trust_type.as_deref().is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("hybrid") || t.contains("domain") || t == "serverad"
    });
    let no_device_id = device.device_id.is_none();
    let code = entry.error_code();
    if (has("compliantdevice") || code == Some(53000)) && !compliant && !(has("domainjoineddevice") && hybrid) {
        let state = if no_device_id {
            "the sign-in carried no device identity (an unregistered device, or a browser that does not pass it)"
        } else if managed {
            "this device is managed but not compliant"
        } else {
            "this device is not managed"
        };
        let fix = if no_device_id {
            "Enrol the device in Intune (Company Portal app), then sign in with a browser that passes the device identity (Edge, or Chrome with the Microsoft Single Sign On extension)."
        } else if managed {
            "Open Company Portal on the device and fix what it reports as not compliant (updates, encryption, password), then sync and sign in again."
        } else {
            "Enrol the device in Intune (Company Portal app) and let it become compliant, then sign in again."
        };
        return Explanation {
            unmet: Unmet::CompliantDevice,
            why: Marked::from(format!("requires a compliant device; {state}")),
            fix: fix.to_owned(),
        };
    }
    if (has("domainjoineddevice") || code == Some(53001)) && !hybrid {
        return Explanation {
            unmet: Unmet::DomainJoinedDevice,
            why: Marked::from(format!("requires a Microsoft Entra hybrid joined device; this device is {}", facts(&device.trust_type).to_ascii_lowercase())),
            fix: "Use a company computer joined to the organisation's domain (hybrid joined), or an admin joins this one.".to_owned(),
        };
    }
    if has("approvedapplication") || code == Some(53002) {
        return Explanation {
            unmet: Unmet::ApprovedApp,
            why: Marked::from(format!("requires an approved client app; {app} through {} is not one", facts(&entry.client_app_used))),
            fix: "Use the approved Microsoft app on the phone or tablet (Outlook, Teams, Edge) with the Microsoft Authenticator or Company Portal broker installed.".to_owned(),
        };
    }
    if has("compliantapplication") {
        return Explanation {
            unmet: Unmet::CompliantApp,
            why: Marked::scan("requires an app protected by an Intune app protection policy"),
            fix: "Use the Microsoft app the organisation protects (Outlook, Teams, Edge) and sign in to it so the app protection policy applies.".to_owned(),
        };
    }
    if has("mfa") {
        return Explanation {
            unmet: Unmet::Mfa,
            why: Marked::scan("requires multifactor authentication, which this sign-in did not complete"),
            fix: "Register a second factor at https://aka.ms/mysecurityinfo (Microsoft Authenticator is easiest) and complete the prompt when signing in.".to_owned(),
        };
    }
    if has("passwordchange") {
        return Explanation {
            unmet: Unmet::PasswordChange,
            why: Marked::scan("requires a password change (the user's risk is high)"),
            fix: "Have the user change their password with MFA (self-service password reset), then sign in again."
                .to_owned(),
        };
    }
    if has("termsofuse") {
        return Explanation {
            unmet: Unmet::TermsOfUse,
            why: Marked::scan("requires accepting the organisation's terms of use"),
            fix: "Sign in interactively in a browser and accept the terms of use when asked.".to_owned(),
        };
    }
    if has("authenticationstrength") {
        return Explanation {
            unmet: Unmet::AuthenticationStrength,
            why: Marked::scan("requires a stronger sign-in method (an authentication strength)"),
            fix: "Register the method the policy asks for (for example a passkey or Microsoft Authenticator) at https://aka.ms/mysecurityinfo and use it.".to_owned(),
        };
    }
    Explanation {
        unmet: Unmet::Unknown,
        why: Marked::from(format!(
            "failed, with grant controls {}",
            if controls.is_empty() { "not logged".to_owned() } else { controls.join(", ") }
        )),
        fix: "Open the policy in the Entra admin center (Conditional Access › Policies) and compare its grant controls with the sign-in's device and app.".to_owned(),
    }
}

fn facts(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "not logged".to_owned())
}

/// "203.0.113.24 (NG)" or what is known of it; the address is marked.
fn place(entry: &SignInEntry) -> Marked {
    let ip = match &entry.ip_address {
        Some(ip) => Marked::personal(PersonalKind::IpAddress, ip.clone()),
        None => Marked::scan("an address not logged"),
    };
    let location = entry.location.clone().unwrap_or_default();
    let parts: Vec<String> = [location.city, location.country_or_region]
        .into_iter()
        .flatten()
        .collect();
    if parts.is_empty() {
        ip
    } else {
        ip.then_text(&format!(" ({})", parts.join(", ")))
    }
}
