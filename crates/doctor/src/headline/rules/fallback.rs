//! When no named cause applies: the first failed or warned row, else nothing found.

use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{ids, Status};
use crate::headline::cause::{headline, Cause};
use crate::headline::{Facts, Headline};

/// A failed row no rule above names: its title only (the summary may name a person).
pub(super) fn check_failed(facts: &Facts) -> Option<Headline> {
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

pub(super) fn check_warned(facts: &Facts) -> Option<Headline> {
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
pub(in crate::headline) fn nothing_found(facts: &Facts) -> Headline {
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
