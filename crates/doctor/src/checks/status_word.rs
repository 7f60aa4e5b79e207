//! A status goes out with its word, so the UI shows the engine's word and
//! keeps no copy: `"status": "warn", "status_word": "Warning"`. Use on a
//! status field as `#[serde(flatten, with = "status_word::status")]` (or
//! `overall` for a field named so). Reading back takes the status alone, so
//! records written before the word existed still read.

use super::Status;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

impl Status {
    /// Every status, for the tables of words.
    pub const ALL: [Status; 6] = [
        Status::Pending,
        Status::Running,
        Status::Skipped,
        Status::Pass,
        Status::Warn,
        Status::Fail,
    ];
}

/// Writes `key` and `key_word` for anything that reads as a check status.
fn write<S, T>(serializer: S, key: &'static str, word_key: &'static str, status: &T) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Copy + Serialize + Into<Status>,
{
    let mut fields = serializer.serialize_struct("StatusWithWord", 2)?;
    fields.serialize_field(key, status)?;
    fields.serialize_field(word_key, (*status).into().word())?;
    fields.end()
}

/// A module for `with = "…"` on a status field named `$key`: writes `$key`
/// and `$word_key`, reads `$key` alone.
macro_rules! field_with_word {
    ($(#[$doc:meta])* $key:ident, $word_key:literal) => {
        $(#[$doc])*
        pub mod $key {
            use super::*;

            pub fn serialize<S: Serializer, T: Copy + Serialize + Into<Status>>(
                status: &T,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                write(s, stringify!($key), $word_key, status)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
                #[derive(Deserialize)]
                struct Field {
                    $key: Status,
                }
                Field::deserialize(d).map(|f| f.$key)
            }
        }
    };
}

field_with_word!(
    /// For a field named `status`: writes `status` and `status_word`.
    status,
    "status_word"
);
field_with_word!(
    /// For a field named `overall`: writes `overall` and `overall_word`.
    overall,
    "overall_word"
);

#[cfg(test)]
mod tests {
    use crate::checks::{CheckId, CheckResult, Status};
    use crate::token::{TokenVerdict, VerdictId};

    #[test]
    fn a_result_carries_its_word_and_reads_back() {
        let result = CheckResult {
            id: CheckId::from_static("clock"),
            title: "Clock".to_owned(),
            status: Status::Warn,
            summary: "Off by 3 minutes.".to_owned(),
            summary_segments: Default::default(),
            evidence: Vec::new(),
            fix_steps: Vec::new(),
            actions: Vec::new(),
            started_at: chrono::DateTime::UNIX_EPOCH,
            elapsed_ms: 1,
            timed_out: false,
            signals: Vec::new(),
        };
        let value = serde_json::to_value(&result).expect("json");
        assert_eq!(value["status"], "warn");
        assert_eq!(value["status_word"], "Warning");
        let back: CheckResult = serde_json::from_value(value).expect("reads back");
        assert_eq!(back, result);
    }

    #[test]
    fn every_status_has_its_word_on_the_wire() {
        for status in Status::ALL {
            let event = crate::checks::ProgressEvent::CheckRunning {
                run_id: 1,
                id: CheckId::from_static("clock"),
                status,
            };
            let value = serde_json::to_value(&event).expect("json");
            assert_eq!(value["status"], serde_json::to_value(status).expect("json"));
            assert_eq!(value["status_word"], status.word());
        }
    }

    #[test]
    fn a_token_verdict_reads_with_the_same_words() {
        let verdict = TokenVerdict::new(VerdictId::Expiry, Status::Warn, "Expires in 2 minutes.");
        let value = serde_json::to_value(&verdict).expect("json");
        assert_eq!(value["status"], "warn");
        assert_eq!(value["status_word"], "Warning");
    }
}
