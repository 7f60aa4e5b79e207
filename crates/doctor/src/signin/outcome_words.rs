//! How a sign-in attempt ended, in the engine's words: the window's status
//! line shows `outcome_words` and keeps no copy. Goes on the attempt as
//! `#[serde(flatten, with = "outcome_words::outcome")]`, which writes
//! `outcome` and `outcome_words` and reads `outcome` alone.

use super::attempt::AttemptOutcome;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serializer};

impl AttemptOutcome {
    /// One sentence for the user; never a personal value (no account name).
    pub fn words(&self) -> String {
        match self {
            AttemptOutcome::SignedIn { .. } => SIGNED_IN.to_owned(),
            AttemptOutcome::Refused { error } => match error.code {
                Some(code) => format!("The sign-in service refused the sign-in (AADSTS{code})."),
                None => format!("The sign-in service refused the sign-in ({}).", error.error),
            },
            AttemptOutcome::Cancelled => CANCELLED.to_owned(),
            AttemptOutcome::TimedOut { waited_seconds } => {
                format!("The sign-in was not finished within {waited_seconds} s.")
            }
            AttemptOutcome::Failed(failure) => format!("Sign-in failed at {}: {}", failure.step, failure.message),
        }
    }
}

const SIGNED_IN: &str = "Signed in.";
const CANCELLED: &str = "Sign-in cancelled.";

/// The outcome words that never change, for the test that keeps the UI
/// free of copies of them.
pub fn fixed_outcome_words() -> [&'static str; 2] {
    [SIGNED_IN, CANCELLED]
}

/// For a field named `outcome`: writes `outcome` and `outcome_words`.
pub mod outcome {
    use super::*;

    pub fn serialize<S: Serializer>(outcome: &AttemptOutcome, s: S) -> Result<S::Ok, S::Error> {
        let mut fields = s.serialize_struct("OutcomeWithWords", 2)?;
        fields.serialize_field("outcome", outcome)?;
        fields.serialize_field("outcome_words", &outcome.words())?;
        fields.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<AttemptOutcome, D::Error> {
        #[derive(Deserialize)]
        struct Field {
            outcome: AttemptOutcome,
        }
        Field::deserialize(d).map(|f| f.outcome)
    }
}

#[cfg(test)]
mod tests {
    use crate::network::{FailedStep, Step};
    use crate::signin::{Attempt, AttemptOutcome, Flow};

    fn attempt(outcome: AttemptOutcome) -> Attempt {
        Attempt {
            flow: Flow::AuthorizationCode,
            client_request_id: "0b6b1e0e".to_owned(),
            started_at: chrono::DateTime::UNIX_EPOCH,
            finished_at: chrono::DateTime::UNIX_EPOCH,
            token_round_trip_ms: None,
            outcome,
        }
    }

    #[test]
    fn an_attempt_carries_its_outcome_in_words_and_reads_back() {
        let timed_out = attempt(AttemptOutcome::TimedOut { waited_seconds: 300 });
        let value = serde_json::to_value(&timed_out).expect("json");
        assert_eq!(
            value["outcome"],
            serde_json::json!({"kind": "timed_out", "waited_seconds": 300})
        );
        assert_eq!(value["outcome_words"], "The sign-in was not finished within 300 s.");
        let back: Attempt = serde_json::from_value(value).expect("reads back");
        assert_eq!(back, timed_out);
    }

    #[test]
    fn a_failure_names_its_step_and_a_cancel_says_so() {
        let failed = AttemptOutcome::Failed(FailedStep::new(Step::DeviceAuthorization, "No answer."));
        assert_eq!(failed.words(), "Sign-in failed at device authorization: No answer.");
        assert_eq!(AttemptOutcome::Cancelled.words(), "Sign-in cancelled.");
    }
}
