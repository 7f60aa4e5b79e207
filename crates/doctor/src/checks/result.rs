//! What a check found, in a form the UI, the CLI and the help-desk packet share.

use super::CheckId;
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
    /// Names a person (account, name): masked in presenter mode.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal: bool,
}

impl Evidence {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
            personal: false,
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
    pub summary: String,
    pub evidence: Vec<Evidence>,
    pub fix_steps: Vec<String>,
    pub actions: Vec<Action>,
    /// The check ran out of time somewhere (checks that need it say so).
    pub timed_out: bool,
}

impl Outcome {
    pub fn new(status: Status, summary: impl Into<String>) -> Self {
        Self {
            status,
            summary: summary.into(),
            evidence: Vec::new(),
            fix_steps: Vec::new(),
            actions: Vec::new(),
            timed_out: false,
        }
    }

    /// Marks that a step ran out of time, so checks that need this one can say why they could not run.
    pub fn timed_out(mut self, timed_out: bool) -> Self {
        self.timed_out = self.timed_out || timed_out;
        self
    }

    pub fn with_evidence(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.evidence.push(Evidence::new(label, value));
        self
    }

    pub fn with_personal_evidence(mut self, label: impl Into<String>, value: impl Into<String>) -> Self {
        let mut evidence = Evidence::new(label, value);
        evidence.personal = true;
        self.evidence.push(evidence);
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
    pub evidence: Vec<Evidence>,
    pub fix_steps: Vec<String>,
    pub actions: Vec<Action>,
    pub started_at: DateTime<Utc>,
    pub elapsed_ms: u64,
    /// A step ran out of its time bound.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub timed_out: bool,
}
