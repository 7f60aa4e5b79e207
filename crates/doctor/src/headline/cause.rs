//! What a headline names and how one is put together: the causes, and the
//! two helpers every rule in `rules/` builds its headline with.

use super::{Facts, Headline};
use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{CheckId, Status};
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
