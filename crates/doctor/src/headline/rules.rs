//! The rules, in the order they are tried. Each reads signals only and is
//! tested on its own in `tests.rs`.

use super::{Facts, Headline};
use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{ids, CheckId, Signal, Status};
use serde::{Deserialize, Serialize};

/// The cause a headline names (`check --json`'s `diagnosis.cause`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    TlsInspectionUntrusted,
    CaptivePortal,
    ProxyInTheWay,
    ServiceUnreachable,
    ClockOff,
    CertificateOutOfDate,
    DeviceCodeBlocked,
    DeviceNotKnownToEntra,
    BrowserWithoutDeviceSignal,
    ConditionalAccess,
    ClaimsChallenge,
    ServiceIncident,
    SessionEnded,
    SignInRefused,
    TlsInspectionTrusted,
    CheckFailed,
    CheckWarned,
    NotSignedInYet,
    NothingFound,
}

pub struct Rule {
    /// What the rule is about, for tests and readers.
    pub name: &'static str,
    pub cause: Cause,
    pub applies: fn(&Facts) -> Option<Headline>,
}

/// A clock off by this much breaks tokens and certificates (Entra allows
/// about 5 minutes of skew).
const MINUTES_OFF: i64 = 5 * 60;

pub static RULES: [Rule; 18] = [
    // The network path comes before everything that needs the network;
    // TLS inspection before the "untrusted issuer" it causes.
    rule(
        "TLS inspection this computer does not trust",
        Cause::TlsInspectionUntrusted,
        tls_inspection_untrusted,
    ),
    rule("a captive portal", Cause::CaptivePortal, captive_portal),
    rule("a proxy in the way", Cause::ProxyInTheWay, proxy_in_the_way),
    // A clock off by minutes comes before the certificate-date failure it causes.
    rule(
        "a clock off by minutes that breaks TLS",
        Cause::ClockOff,
        clock_off_breaking_tls,
    ),
    rule(
        "a certificate out of date",
        Cause::CertificateOutOfDate,
        certificate_out_of_date,
    ),
    rule(
        "the sign-in service unreachable",
        Cause::ServiceUnreachable,
        service_unreachable,
    ),
    // ...and before token verdicts.
    rule("a clock off by minutes", Cause::ClockOff, clock_off),
    // Conditional Access, with the device facts naming the likely requirement.
    rule(
        "a device-code sign-in blocked",
        Cause::DeviceCodeBlocked,
        device_code_blocked,
    ),
    rule(
        "a policy block on a device Entra does not know",
        Cause::DeviceNotKnownToEntra,
        device_not_known,
    ),
    rule(
        "a policy block in a browser without the device signal",
        Cause::BrowserWithoutDeviceSignal,
        browser_without_device_signal,
    ),
    rule(
        "a Conditional Access block",
        Cause::ConditionalAccess,
        conditional_access,
    ),
    rule(
        "a claims challenge from a resource",
        Cause::ClaimsChallenge,
        claims_challenge,
    ),
    rule("a Microsoft incident", Cause::ServiceIncident, service_incident),
    // "Sign in again" only where that truly fixes it: never for a policy block.
    rule("an ended session", Cause::SessionEnded, session_ended),
    rule("another refusal", Cause::SignInRefused, sign_in_refused),
    rule(
        "TLS inspection this computer trusts",
        Cause::TlsInspectionTrusted,
        tls_inspection_trusted,
    ),
    rule("a failed row", Cause::CheckFailed, check_failed),
    rule("a warning", Cause::CheckWarned, check_warned),
];

const fn rule(name: &'static str, cause: Cause, applies: fn(&Facts) -> Option<Headline>) -> Rule {
    Rule { name, cause, applies }
}

fn headline(
    cause: Cause,
    text: String,
    evidence: Vec<CheckId>,
    next_step: impl Into<String>,
    who: WhoFixes,
) -> Headline {
    Headline {
        cause,
        headline: text,
        evidence,
        next_step: next_step.into(),
        who_acts: who,
        who_acts_words: who.words().to_owned(),
    }
}

/// The evidence list: the checks that raised it, and `also` when it failed too.
fn with_failed(mut evidence: Vec<CheckId>, also: CheckId, facts: &Facts) -> Vec<CheckId> {
    if facts.result(&also).is_some_and(|r| r.status == Status::Fail) && !evidence.contains(&also) {
        evidence.push(also);
    }
    evidence
}

fn tls_inspection_untrusted(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::TlsInspected { trusted: false });
    facts.has(pick).then(|| {
        headline(
            Cause::TlsInspectionUntrusted,
            "Your network inspects TLS, and this computer does not trust the inspecting certificate, so the app cannot reach Microsoft sign-in safely.".to_owned(),
            with_failed(facts.raised_by(pick), ids::REACHABILITY, facts),
            "Ask IT for a TLS-inspection exemption for the Microsoft sign-in endpoints, or try another network such as a phone hotspot.",
            WhoFixes::HelpDesk,
        )
    })
}

fn captive_portal(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::CaptivePortal);
    facts.has(pick).then(|| {
        headline(
            Cause::CaptivePortal,
            "A captive portal (a hotel, airport or guest Wi-Fi sign-in page) is in the way, so sign-in cannot reach Microsoft.".to_owned(),
            with_failed(facts.raised_by(pick), ids::REACHABILITY, facts),
            "Open a browser, go to any http:// website, accept the network's page, then run the checks again.",
            WhoFixes::User,
        )
    })
}

fn proxy_in_the_way(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::ProxyInTheWay);
    facts.has(pick).then(|| {
        headline(
            Cause::ProxyInTheWay,
            "The proxy between this computer and Microsoft refused the connection, so sign-in cannot get through."
                .to_owned(),
            with_failed(facts.raised_by(pick), ids::REACHABILITY, facts),
            "Check the proxy in Settings (address, user name and password), or ask IT which proxy to use.",
            WhoFixes::HelpDesk,
        )
    })
}

fn service_unreachable(facts: &Facts) -> Option<Headline> {
    let ((step, timed_out), _) = facts.find(|s| match s {
        Signal::ServiceUnreachable { step, timed_out } => Some((step.clone(), *timed_out)),
        _ => None,
    })?;
    let text = if timed_out {
        format!("The Microsoft sign-in service did not answer in time (it hung at the {step} step), so nothing else could be checked.")
    } else {
        format!("This computer cannot reach the Microsoft sign-in service (it failed at the {step} step), so nothing else could be checked.")
    };
    Some(headline(
        Cause::ServiceUnreachable,
        text,
        facts.raised_by(|s| matches!(s, Signal::ServiceUnreachable { .. })),
        "Check this computer's network connection, then run the checks again; the Sign-in service row says what failed.",
        WhoFixes::User,
    ))
}

/// The clock, when TLS fails on a certificate's dates or at the TLS step.
fn clock_off_breaking_tls(facts: &Facts) -> Option<Headline> {
    let tls_failed = facts.has(|s| match s {
        Signal::CertificateOutOfDate => true,
        Signal::ServiceUnreachable { step, .. } => step == "TLS",
        _ => false,
    });
    if tls_failed {
        clock_off(facts)
    } else {
        None
    }
}

fn clock_off(facts: &Facts) -> Option<Headline> {
    // A policy block does not come from the clock: the service judged the sign-in itself.
    if facts.has(|s| matches!(s, Signal::PolicyBlocked { .. })) {
        return None;
    }
    let (seconds, _) = facts.find(|s| match s {
        Signal::ClockOff { seconds } if seconds.unsigned_abs() >= MINUTES_OFF.unsigned_abs() => Some(*seconds),
        _ => None,
    })?;
    // To the nearest minute, as the Clock row words it ("6 min 59 s" is 7 minutes).
    let minutes = seconds.unsigned_abs().saturating_add(30) / 60;
    let (way, seen) = if seconds > 0 {
        ("ahead", "not yet valid")
    } else {
        ("behind", "already expired")
    };
    let mut evidence = facts.raised_by(|s| matches!(s, Signal::ClockOff { .. }));
    for also in [ids::TOKEN, ids::SIGNIN, ids::NETWORK_PATH, ids::REACHABILITY] {
        evidence = with_failed(evidence, also, facts);
    }
    Some(headline(
        Cause::ClockOff,
        format!("This computer's clock is {minutes} minutes {way}, so tokens and certificates look {seen} to it and to Microsoft."),
        evidence,
        "Turn on automatic date and time (and check the time zone), then sign in again.",
        WhoFixes::User,
    ))
}

fn certificate_out_of_date(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::CertificateOutOfDate);
    facts.has(pick).then(|| {
        headline(
            Cause::CertificateOutOfDate,
            "The sign-in host's certificate looks out of date although this computer's clock looks right: something on the network may be presenting an old certificate.".to_owned(),
            with_failed(facts.raised_by(pick), ids::REACHABILITY, facts),
            "Try another network such as a phone hotspot, and tell IT what the Network path row shows.",
            WhoFixes::HelpDesk,
        )
    })
}

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

fn device_code_blocked(facts: &Facts) -> Option<Headline> {
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

fn device_not_known(facts: &Facts) -> Option<Headline> {
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

fn browser_without_device_signal(facts: &Facts) -> Option<Headline> {
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

fn conditional_access(facts: &Facts) -> Option<Headline> {
    let (code, _, has_ids) = policy_block(facts)?;
    Some(headline(
        Cause::ConditionalAccess,
        ids_first(has_ids, format!("A Conditional Access policy blocked this sign-in (AADSTS{code}). Signing in again will not fix it: the device, browser, network, app or policy must change.")),
        policy_evidence(facts, false),
        ids_step(has_ids, "Send help-desk the packet (Copy for help-desk): its Request ID, Correlation ID and time let them find the policy that blocked you."),
        WhoFixes::HelpDesk,
    ))
}

fn claims_challenge(facts: &Facts) -> Option<Headline> {
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

fn service_incident(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::ServiceIncident);
    // Only when something failed too: an incident elsewhere is not this user's cause.
    (facts.has(pick) && facts.first_with(Status::Fail).is_some()).then(|| {
        headline(
            Cause::ServiceIncident,
            "Microsoft reports an active incident that touches sign-in: the cause may be on Microsoft's side."
                .to_owned(),
            facts.raised_by(pick),
            "Wait until the incident is mitigated (the Service status row names it), then try again.",
            WhoFixes::Admin,
        )
    })
}

fn session_ended(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::SessionEnded);
    facts.has(pick).then(|| {
        headline(
            Cause::SessionEnded,
            "Your saved sign-in has ended (it expired, was revoked, or a policy asks for a fresh sign-in). Signing in again fixes this.".to_owned(),
            facts.raised_by(pick),
            "Press Re-authenticate.",
            WhoFixes::User,
        )
    })
}

fn sign_in_refused(facts: &Facts) -> Option<Headline> {
    let (code, _) = facts.find(|s| match s {
        Signal::SignInRefused { code } => Some(*code),
        _ => None,
    })?;
    let info = code.and_then(crate::aadsts::knowledge::lookup);
    let code_text = code.map(|c| format!(" (AADSTS{c})")).unwrap_or_default();
    let who = info.map_or(WhoFixes::HelpDesk, |i| i.who_fixes);
    Some(headline(
        Cause::SignInRefused,
        format!(
            "The sign-in service refused the sign-in{code_text}. Who can fix it: {}.",
            who.words()
        ),
        facts.raised_by(|s| matches!(s, Signal::SignInRefused { .. })),
        "Follow the steps in the Sign-in row; if they do not help, send help-desk the packet (Copy for help-desk).",
        who,
    ))
}

fn tls_inspection_trusted(facts: &Facts) -> Option<Headline> {
    let pick = |s: &Signal| matches!(s, Signal::TlsInspected { trusted: true });
    facts.has(pick).then(|| {
        headline(
            Cause::TlsInspectionTrusted,
            "Your network inspects TLS. This computer trusts it, so sign-in may work, but inspection can break sign-in in some apps.".to_owned(),
            facts.raised_by(pick),
            "If sign-in fails in an app, ask IT for a TLS-inspection exemption for the Microsoft sign-in endpoints.",
            WhoFixes::HelpDesk,
        )
    })
}

/// A failed row no rule above names: its title only (the summary may name a person).
fn check_failed(facts: &Facts) -> Option<Headline> {
    let failed = facts.first_with(Status::Fail)?;
    Some(headline(
        Cause::CheckFailed,
        format!(
            "The {} check failed; its row says what it found and what to do.",
            failed.title
        ),
        vec![failed.id.clone()],
        "Follow the steps in that row, then run the checks again.",
        WhoFixes::User,
    ))
}

fn check_warned(facts: &Facts) -> Option<Headline> {
    let warned = facts.first_with(Status::Warn)?;
    Some(headline(
        Cause::CheckWarned,
        format!("Nothing blocks sign-in, but the {} check has a warning.", warned.title),
        vec![warned.id.clone()],
        "Read that row; sign in with Re-authenticate to test a real sign-in.",
        WhoFixes::User,
    ))
}

/// No rule applied.
pub(super) fn nothing_found(facts: &Facts) -> Headline {
    if facts.result(&ids::SIGNIN).is_some_and(|r| r.status == Status::Skipped) {
        return headline(
            Cause::NotSignedInYet,
            "No problem found so far. A real sign-in has not been tried yet.".to_owned(),
            Vec::new(),
            "Press Re-authenticate to sign in and capture any error.",
            WhoFixes::User,
        );
    }
    headline(
        Cause::NothingFound,
        "No problem found: sign-in works from this computer.".to_owned(),
        Vec::new(),
        "If an app still fails, paste its error into Explain an error.",
        WhoFixes::User,
    )
}
