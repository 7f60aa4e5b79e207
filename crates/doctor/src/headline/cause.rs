//! What a headline names and how one is put together: the causes, and the
//! two helpers every rule in `rules/` builds its headline with.

use super::{Facts, Headline};
use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{CheckId, Signal, Status};
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

pub(super) fn headline(
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
pub(super) fn with_failed(mut evidence: Vec<CheckId>, also: CheckId, facts: &Facts) -> Vec<CheckId> {
    if facts.result(&also).is_some_and(|r| r.status == Status::Fail) && !evidence.contains(&also) {
        evidence.push(also);
    }
    evidence
}

/// What a rule decided by one kind of signal says.
pub(super) struct Said {
    pub cause: Cause,
    pub headline: &'static str,
    pub next_step: &'static str,
    pub who: WhoFixes,
}

/// The headline of a rule decided by one kind of signal: the checks that
/// raised it are the evidence, with `also` when that check failed too.
pub(super) fn when_raised(
    facts: &Facts,
    pick: impl Fn(&Signal) -> bool,
    also: Option<CheckId>,
    said: Said,
) -> Option<Headline> {
    facts.has(&pick).then(|| {
        let raised = facts.raised_by(&pick);
        let evidence = match also {
            Some(also) => with_failed(raised, also, facts),
            None => raised,
        };
        headline(said.cause, said.headline.to_owned(), evidence, said.next_step, said.who)
    })
}
