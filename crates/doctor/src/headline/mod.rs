//! One headline diagnosis for a run: the most likely cause, the rows that
//! show it, and the one next step. The window, `check --json`, the
//! help-desk packet and the history all carry this same value, so they all
//! say the same thing.
//!
//! The rules in `rules/` read the facts checks report ([`Signal`]s),
//! never their sentences, and are tried in order: a cause that others
//! depend on (the network, the clock) is named before what it would explain.

mod cause;
mod rules;
#[cfg(test)]
mod tests;

use crate::aadsts::knowledge::WhoFixes;
use crate::checks::{CheckId, CheckResult, Signal, Status};
use serde::{Deserialize, Serialize};

pub use cause::Cause;
pub use rules::RULES;

/// The run's headline. Presenter-safe: it never holds a personal value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub cause: Cause,
    /// One or two sentences a person in trouble reads first.
    pub headline: String,
    /// The checks whose rows show it, by ID.
    pub evidence: Vec<CheckId>,
    pub next_step: String,
    pub who_acts: WhoFixes,
    /// "you", "help-desk", "a tenant administrator".
    pub who_acts_words: String,
}

/// What the rules read: every check's signals, with the check that raised each.
pub struct Facts<'a> {
    results: &'a [CheckResult],
}

impl<'a> Facts<'a> {
    pub fn new(results: &'a [CheckResult]) -> Self {
        Self { results }
    }

    /// The first signal `pick` accepts, with the check that raised it.
    fn find<T>(&self, pick: impl Fn(&Signal) -> Option<T>) -> Option<(T, &'a CheckId)> {
        self.results
            .iter()
            .flat_map(|r| r.signals.iter().map(move |s| (s, &r.id)))
            .find_map(|(s, id)| pick(s).map(|found| (found, id)))
    }

    /// The checks that raised a signal `pick` accepts.
    fn raised_by(&self, pick: impl Fn(&Signal) -> bool) -> Vec<CheckId> {
        let mut ids: Vec<CheckId> = Vec::new();
        for result in self.results {
            if result.signals.iter().any(&pick) && !ids.contains(&result.id) {
                ids.push(result.id.clone());
            }
        }
        ids
    }

    fn has(&self, pick: impl Fn(&Signal) -> bool) -> bool {
        self.results.iter().flat_map(|r| &r.signals).any(pick)
    }

    fn result(&self, id: &CheckId) -> Option<&'a CheckResult> {
        self.results.iter().find(|r| &r.id == id)
    }

    fn first_with(&self, status: Status) -> Option<&'a CheckResult> {
        self.results.iter().find(|r| r.status == status)
    }
}

/// The headline for a finished run: the first rule that applies.
pub fn diagnose(results: &[CheckResult]) -> Headline {
    let facts = Facts::new(results);
    RULES
        .iter()
        .find_map(|rule| (rule.applies)(&facts))
        .unwrap_or_else(|| rules::nothing_found(&facts))
}
