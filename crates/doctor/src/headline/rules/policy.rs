//! Conditional Access and other policy asking for more: the device facts name
//! the likely requirement, and missing error IDs are said first.

use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{ids, CheckId, Signal};
use crate::headline::cause::{headline, Cause};
use crate::headline::{Facts, Headline};

/// The policy block, if any: its code, and whether it used the device-code flow.
fn policy_block(facts: &Facts) -> Option<(u32, bool, bool)> {
    facts
        .find(|s| match s {
            Signal::PolicyBlocked {
                code,
                device_code_flow,
                has_request_id,
                has_correlation_id,
            } => Some((*code, *device_code_flow, *has_request_id && *has_correlation_id)),
            _ => None,
        })
        .map(|(found, _)| found)
}

/// When the error lacks its IDs, the headline says so first.
fn ids_first(has_ids: bool, text: String) -> String {
    if has_ids {
        text
    } else {
        format!("The error is missing its Request ID or Correlation ID, so help-desk can only search the sign-in logs by user and time. {text}")
    }
}

fn ids_step(has_ids: bool, step: &str) -> String {
    if has_ids {
        step.to_owned()
    } else {
        format!("Get the IDs from the error page's Troubleshooting details (or press Re-authenticate so the app captures them). {step}")
    }
}

fn policy_evidence(facts: &Facts, device_too: bool) -> Vec<CheckId> {
    let mut evidence = facts.raised_by(|s| matches!(s, Signal::PolicyBlocked { .. }));
    if device_too && !evidence.contains(&ids::DEVICE) {
        evidence.push(ids::DEVICE);
    }
    evidence
}

pub(super) fn device_code_blocked(facts: &Facts) -> Option<Headline> {
    let (code, device_code_flow, has_ids) = policy_block(facts)?;
    device_code_flow.then(|| {
        headline(
            Cause::DeviceCodeBlocked,
            ids_first(has_ids, format!("This way of signing in is blocked: Conditional Access refused the sign-in with a code on another device (AADSTS{code}). Signing in again the same way will not help.")),
            policy_evidence(facts, false),
            ids_step(has_ids, "Sign in in the browser on this computer instead (Re-authenticate), not with a code."),
            WhoFixes::User,
        )
    })
}

pub(super) fn device_not_known(facts: &Facts) -> Option<Headline> {
    let (code, _, has_ids) = policy_block(facts)?;
    facts.has(|s| matches!(s, Signal::DeviceUnknownToEntra)).then(|| {
        headline(
            Cause::DeviceNotKnownToEntra,
            ids_first(has_ids, format!("A registered or compliant device is required: Conditional Access refused the sign-in (AADSTS{code}), and Microsoft Entra does not know this device.")),
            policy_evidence(facts, true),
            ids_step(has_ids, "Enroll this device (Company Portal on Windows and macOS, Intune Portal on Linux), or ask help-desk which device the policy needs."),
            WhoFixes::HelpDesk,
        )
    })
}

pub(super) fn browser_without_device_signal(facts: &Facts) -> Option<Headline> {
    let (code, _, has_ids) = policy_block(facts)?;
    facts.has(|s| matches!(s, Signal::BrowserWithoutDeviceSignal)).then(|| {
        headline(
            Cause::BrowserWithoutDeviceSignal,
            ids_first(has_ids, format!("Use Edge or the sign-in broker: Conditional Access refused the sign-in (AADSTS{code}), and this browser cannot show Microsoft which device it runs on.")),
            policy_evidence(facts, true),
            ids_step(has_ids, "Sign in with Microsoft Edge (or Chrome with the Microsoft SSO extension), or through the Company Portal or Intune broker."),
            WhoFixes::User,
        )
    })
}

pub(super) fn conditional_access(facts: &Facts) -> Option<Headline> {
    let (code, _, has_ids) = policy_block(facts)?;
    Some(headline(
        Cause::ConditionalAccess,
        ids_first(has_ids, format!("A Conditional Access policy blocked this sign-in (AADSTS{code}). Signing in again will not fix it: the device, browser, network, app or policy must change.")),
        policy_evidence(facts, false),
        ids_step(has_ids, "Send help-desk the packet (Copy for help-desk): its Request ID, Correlation ID and time let them find the policy that blocked you."),
        WhoFixes::HelpDesk,
    ))
}

pub(super) fn claims_challenge(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::ClaimsChallenge);
    facts.has(pick).then(|| {
        headline(
            Cause::ClaimsChallenge,
            "A resource refused the token with a claims challenge: Conditional Access or continuous access evaluation asks for more than this sign-in gave (a stronger sign-in, a compliant device, or a new one after a change).".to_owned(),
            facts.raised_by(pick),
            "Sign in again (Re-authenticate); if the challenge comes back, send help-desk the packet so they can find the policy.",
            WhoFixes::HelpDesk,
        )
    })
}
