//! The rules, in the order they are tried. Each reads signals only and is
//! tested on its own in `tests.rs`; the files here group them by what they
//! are about.

mod clock;
mod fallback;
mod network;
mod policy;
mod sign_in;

use super::cause::Cause;
use super::{Facts, Headline};
use clock::{clock_off, clock_off_breaking_tls};
pub(super) use fallback::nothing_found;
use fallback::{check_failed, check_warned};
use network::{
    captive_portal, certificate_out_of_date, proxy_in_the_way, service_unreachable, tls_inspection_trusted,
    tls_inspection_untrusted,
};
use policy::{
    browser_without_device_signal, claims_challenge, conditional_access, device_code_blocked, device_not_known,
};
use sign_in::{service_incident, session_ended, sign_in_refused};

pub struct Rule {
    /// What the rule is about, for tests and readers.
    pub name: &'static str,
    pub cause: Cause,
    pub applies: fn(&Facts) -> Option<Headline>,
}

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
