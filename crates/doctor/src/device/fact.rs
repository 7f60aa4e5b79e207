//! One fact about this device, and whether it could be measured here.

use crate::personal::{Marked, PersonalKind};
use serde::{Deserialize, Serialize};

/// Where a fact's value came from. Help-desk must be able to tell a
/// measured "NO" from a question this OS cannot answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Read on this device just now.
    Measured,
    /// The tool or setting exists only on another OS.
    NotOnThisOs,
    /// The tool exists here but did not answer (missing, failed, timed out).
    CouldNotMeasure,
}

impl Availability {
    pub fn words(self) -> &'static str {
        match self {
            Availability::Measured => "measured on this device",
            Availability::NotOnThisOs => "not available on this OS",
            Availability::CouldNotMeasure => "could not be measured",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable name for JSON readers, e.g. "entra_joined".
    pub key: String,
    pub label: String,
    /// None unless measured.
    pub value: Option<String>,
    pub availability: Availability,
    /// Why not measured, or what the value means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What personal value `value` is (the UPN, a device ID), if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalKind>,
}

impl Fact {
    pub fn measured(key: &str, label: &str, value: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            value: Some(value.into()),
            availability: Availability::Measured,
            note: None,
            personal: None,
        }
    }

    pub fn not_on_this_os(key: &str, label: &str, only_on: &str) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            value: None,
            availability: Availability::NotOnThisOs,
            note: Some(format!("Only on {only_on}.")),
            personal: None,
        }
    }

    pub fn could_not_measure(key: &str, label: &str, why: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            value: None,
            availability: Availability::CouldNotMeasure,
            note: Some(why.into()),
            personal: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn personal(mut self, kind: PersonalKind) -> Self {
        self.personal = Some(kind);
        self
    }

    /// The value names a person (masked in the packet too, not only on screen).
    pub fn names_a_person(&self) -> bool {
        self.personal.is_some_and(PersonalKind::names_a_person)
    }

    /// "YES (updated …)" or "not available on this OS (Only on Windows.)",
    /// with a personal value marked.
    pub fn display_value(&self) -> Marked {
        let shown = match (&self.value, self.personal) {
            (Some(value), Some(kind)) => Marked::personal(kind, value.clone()),
            (Some(value), None) => Marked::scan(value),
            (None, _) => Marked::scan(self.availability.words()),
        };
        match &self.note {
            Some(note) => shown.then_text(&format!(" ({note})")),
            None => shown,
        }
    }
}
