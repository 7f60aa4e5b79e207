//! The sign-in service's own answers: an incident, an ended session, a refusal.

use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{Signal, Status};
use crate::headline::cause::{headline, when_raised, Cause, Said};
use crate::headline::{Facts, Headline};

pub(super) fn service_incident(facts: &Facts) -> Option<Headline> {
    // Only when something failed too: an incident elsewhere is not this user's cause.
    facts.first_with(Status::Fail)?;
    let said = Said {
        cause: Cause::ServiceIncident,
        headline: "Microsoft reports an active incident that touches sign-in: the cause may be on Microsoft's side.",
        next_step: "Wait until the incident is mitigated (the Service status row names it), then try again.",
        who: WhoFixes::Admin,
    };
    when_raised(facts, |s| matches!(s, Signal::ServiceIncident), None, said)
}

pub(super) fn session_ended(facts: &Facts) -> Option<Headline> {
    let said = Said {
        cause: Cause::SessionEnded,
        headline: "Your saved sign-in has ended (it expired, was revoked, or a policy asks for a fresh sign-in). Signing in again fixes this.",
        next_step: "Press Re-authenticate.",
        who: WhoFixes::User,
    };
    when_raised(facts, |s| matches!(s, Signal::SessionEnded), None, said)
}

pub(super) fn sign_in_refused(facts: &Facts) -> Option<Headline> {
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
