//! One fact about this device, and whether it could be measured here.

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
    /// Names a person (the UPN): masked in presenter mode.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub personal: bool,
}

impl Fact {
    pub fn measured(key: &str, label: &str, value: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            value: Some(value.into()),
            availability: Availability::Measured,
            note: None,
            personal: false,
        }
    }

    pub fn not_on_this_os(key: &str, label: &str, only_on: &str) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            value: None,
            availability: Availability::NotOnThisOs,
            note: Some(format!("Only on {only_on}.")),
            personal: false,
        }
    }

    pub fn could_not_measure(key: &str, label: &str, why: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            value: None,
            availability: Availability::CouldNotMeasure,
            note: Some(why.into()),
            personal: false,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn personal(mut self) -> Self {
        self.personal = true;
        self
    }

    /// "YES (updated …)" or "not available on this OS (Only on Windows.)".
    pub fn display_value(&self) -> String {
        match (&self.value, self.availability) {
            (Some(value), _) => match &self.note {
                Some(note) => format!("{value} ({note})"),
                None => value.clone(),
            },
            (None, availability) => match &self.note {
                Some(note) => format!("{} ({note})", availability.words()),
                None => availability.words().to_owned(),
            },
        }
    }
}
