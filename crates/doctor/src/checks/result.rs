//! What a check found, in a form the UI, the CLI and the help-desk packet share.

use super::{CheckId, Signal};
use crate::personal::{Marked, PersonalKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A check's state. Every status has a word, so the UI never relies on colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Running,
    Skipped,
    Pass,
    Warn,
    Fail,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Pending => "Waiting",
            Status::Running => "Checking",
            Status::Skipped => "Skipped",
            Status::Pass => "Pass",
            Status::Warn => "Warning",
            Status::Fail => "Fail",
        }
    }
}

/// One labelled fact behind a verdict, e.g. "Issuer: https://…".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub label: String,
    pub value: String,
    /// The whole value names a person (account, name).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal: bool,
    /// `value` with its personal values marked (left out when it has none).
    #[serde(default, skip_serializing_if = "Marked::is_unmarked")]
    pub value_segments: Marked,
}

impl Evidence {
    /// E-mail addresses in the value are marked.
    pub fn new(label: impl Into<String>, value: impl Into<Marked>) -> Self {
        Self::marked(label, value.into(), false)
    }

    /// `personal`: the whole value names a person.
    pub fn marked(label: impl Into<String>, value: Marked, personal: bool) -> Self {
        Self {
            label: label.into(),
            value: value.plain(),
            personal,
            value_segments: value.into_marks(),
        }
    }
}

/// Something the user can do from a check's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    RunAgain,
    OpenSettings,
    CopyDetails,
    Reauthenticate,
    InspectToken,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub kind: ActionKind,
    pub label: String,
}

impl Action {
    pub fn new(kind: ActionKind) -> Self {
        let label = match kind {
            ActionKind::RunAgain => "Check again",
            ActionKind::OpenSettings => "Open settings",
            ActionKind::CopyDetails => "Copy details",
            ActionKind::Reauthenticate => "Re-authenticate",
            ActionKind::InspectToken => "Open in inspector",
        };
        Self {
            kind,
            label: label.to_owned(),
        }
    }
}

/// What a probe returns; the runner adds the id, title and timing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub summary: Marked,
    pub evidence: Vec<Evidence>,
    pub fix_steps: Vec<String>,
    pub actions: Vec<Action>,
    /// The check ran out of time somewhere (checks that need it say so).
    pub timed_out: bool,
    /// Facts for the headline diagnosis.
    pub signals: Vec<Signal>,
}

impl Outcome {
    /// E-mail addresses in the summary are marked; mark other personal values with [`Marked`].
    pub fn new(status: Status, summary: impl Into<Marked>) -> Self {
        Self {
            status,
            summary: summary.into(),
            evidence: Vec::new(),
            fix_steps: Vec::new(),
            actions: Vec::new(),
            timed_out: false,
            signals: Vec::new(),
        }
    }

    /// A fact the headline diagnosis reasons over.
    pub fn with_signal(mut self, signal: Signal) -> Self {
        self.signals.push(signal);
        self
    }

    /// Marks that a step ran out of time, so checks that need this one can say why they could not run.
    pub fn timed_out(mut self, timed_out: bool) -> Self {
        self.timed_out = self.timed_out || timed_out;
        self
    }

    pub fn with_evidence(mut self, label: impl Into<String>, value: impl Into<Marked>) -> Self {
        self.evidence.push(Evidence::new(label, value));
        self
    }

    /// A value that is wholly personal, e.g. the account's sign-in name.
    pub fn with_personal_evidence(
        self,
        label: impl Into<String>,
        kind: PersonalKind,
        value: impl Into<String>,
    ) -> Self {
        self.with_marked_evidence(label, Marked::personal(kind, value), kind.names_a_person())
    }

    pub fn with_marked_evidence(mut self, label: impl Into<String>, value: Marked, personal: bool) -> Self {
        self.evidence.push(Evidence::marked(label, value, personal));
        self
    }

    pub fn with_fix_steps<I, S>(mut self, steps: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fix_steps.extend(steps.into_iter().map(Into::into));
        self
    }

    pub fn with_action(mut self, kind: ActionKind) -> Self {
        self.actions.push(Action::new(kind));
        self
    }
}

/// A finished (or skipped) check, as shown in a checklist row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    pub id: CheckId,
    pub title: String,
    #[serde(flatten, with = "super::status_word::status")]
    pub status: Status,
    /// One line of evidence for the row.
    pub summary: String,
    /// `summary` with its personal values marked (left out when it has none).
    #[serde(default, skip_serializing_if = "Marked::is_unmarked")]
    pub summary_segments: Marked,
    pub evidence: Vec<Evidence>,
    pub fix_steps: Vec<String>,
    pub actions: Vec<Action>,
    pub started_at: DateTime<Utc>,
    pub elapsed_ms: u64,
    /// A step ran out of its time bound.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub timed_out: bool,
    /// Facts for the headline diagnosis (left out when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<Signal>,
}

impl CheckResult {
    /// The summary with its marks (an older, unmarked one scanned for addresses).
    pub fn marked_summary(&self) -> Marked {
        Marked::from_wire(&self.summary, &self.summary_segments)
    }
}
