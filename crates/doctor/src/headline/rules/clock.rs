//! This computer's clock, off by minutes: it breaks tokens and certificates.

use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{ids, Signal};
use crate::headline::cause::{headline, with_failed, Cause};
use crate::headline::{Facts, Headline};
use crate::network::Step;

/// A clock off by this much breaks tokens and certificates (Entra allows
/// about 5 minutes of skew).
const MINUTES_OFF: i64 = 5 * 60;

/// The clock, when TLS fails on a certificate's dates or at the TLS step.
pub(super) fn clock_off_breaking_tls(facts: &Facts) -> Option<Headline> {
    let tls_failed = facts.has(|s| match s {
        Signal::CertificateOutOfDate => true,
        Signal::ServiceUnreachable { step, .. } => *step == Step::Tls,
        _ => false,
    });
    if tls_failed {
        clock_off(facts)
    } else {
        None
    }
}

pub(super) fn clock_off(facts: &Facts) -> Option<Headline> {
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
