//! Conditional Access and other policy asking for more: the device facts name
//! the likely requirement, and missing error IDs are said first.

use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{ids, Signal};
use crate::headline::cause::{headline, when_raised, Cause, Said};
use crate::headline::{Facts, Headline};

/// A policy block the checks saw: its code, whether it came through the
/// device-code flow, and whether the error carried both its IDs.
struct PolicyBlock {
    code: u32,
    device_code_flow: bool,
    has_ids: bool,
}

fn policy_block(facts: &Facts) -> Option<PolicyBlock> {
    facts
        .find(|s| match s {
            Signal::PolicyBlocked {
                code,
                device_code_flow,
                has_request_id,
                has_correlation_id,
            } => Some(PolicyBlock {
                code: *code,
                device_code_flow: *device_code_flow,
                has_ids: *has_request_id && *has_correlation_id,
            }),
            _ => None,
        })
        .map(|(found, _)| found)
}

impl PolicyBlock {
    /// The headline for this block. When the error lacks its IDs, it says
    /// so first and the next step says how to get them; `device_too` adds
    /// the Device row to the evidence.
    fn headline(
        &self,
        facts: &Facts,
        cause: Cause,
        text: String,
        step: &str,
        who: WhoFixes,
        device_too: bool,
    ) -> Headline {
        let (text, step) = if self.has_ids {
            (text, step.to_owned())
        } else {
            (
                format!("The error is missing its Request ID or Correlation ID, so help-desk can only search the sign-in logs by user and time. {text}"),
                format!("Get the IDs from the error page's Troubleshooting details (or press Re-authenticate so the app captures them). {step}"),
            )
        };
        let mut evidence = facts.raised_by(|s| matches!(s, Signal::PolicyBlocked { .. }));
        if device_too && !evidence.contains(&ids::DEVICE) {
            evidence.push(ids::DEVICE);
        }
        headline(cause, text, evidence, step, who)
    }
}

pub(super) fn device_code_blocked(facts: &Facts) -> Option<Headline> {
    let block = policy_block(facts)?;
    block.device_code_flow.then(|| {
        block.headline(
            facts,
            Cause::DeviceCodeBlocked,
            format!("This way of signing in is blocked: Conditional Access refused the sign-in with a code on another device (AADSTS{}). Signing in again the same way will not help.", block.code),
            "Sign in in the browser on this computer instead (Re-authenticate), not with a code.",
            WhoFixes::User,
            false,
        )
    })
}

pub(super) fn device_not_known(facts: &Facts) -> Option<Headline> {
    let block = policy_block(facts)?;
    facts.has(|s| matches!(s, Signal::DeviceUnknownToEntra)).then(|| {
        block.headline(
            facts,
            Cause::DeviceNotKnownToEntra,
            format!("A registered or compliant device is required: Conditional Access refused the sign-in (AADSTS{}), and Microsoft Entra does not know this device.", block.code),
            "Enroll this device (Company Portal on Windows and macOS, Intune Portal on Linux), or ask help-desk which device the policy needs.",
            WhoFixes::HelpDesk,
            true,
        )
    })
}

pub(super) fn browser_without_device_signal(facts: &Facts) -> Option<Headline> {
    let block = policy_block(facts)?;
    facts.has(|s| matches!(s, Signal::BrowserWithoutDeviceSignal)).then(|| {
        block.headline(
            facts,
            Cause::BrowserWithoutDeviceSignal,
            format!("Use Edge or the sign-in broker: Conditional Access refused the sign-in (AADSTS{}), and this browser cannot show Microsoft which device it runs on.", block.code),
            "Sign in with Microsoft Edge (or Chrome with the Microsoft SSO extension), or through the Company Portal or Intune broker.",
            WhoFixes::User,
            true,
        )
    })
}

pub(super) fn conditional_access(facts: &Facts) -> Option<Headline> {
    let block = policy_block(facts)?;
    Some(block.headline(
        facts,
        Cause::ConditionalAccess,
        format!("A Conditional Access policy blocked this sign-in (AADSTS{}). Signing in again will not fix it: the device, browser, network, app or policy must change.", block.code),
        "Send help-desk the packet (Copy for help-desk): its Request ID, Correlation ID and time let them find the policy that blocked you.",
        WhoFixes::HelpDesk,
        false,
    ))
}

pub(super) fn claims_challenge(facts: &Facts) -> Option<Headline> {
    let said = Said {
        cause: Cause::ClaimsChallenge,
        headline: "A resource refused the token with a claims challenge: Conditional Access or continuous access evaluation asks for more than this sign-in gave (a stronger sign-in, a compliant device, or a new one after a change).",
        next_step: "Sign in again (Re-authenticate); if the challenge comes back, send help-desk the packet so they can find the policy.",
        who: WhoFixes::HelpDesk,
    };
    when_raised(facts, |s| matches!(s, Signal::ClaimsChallenge), None, said)
}
