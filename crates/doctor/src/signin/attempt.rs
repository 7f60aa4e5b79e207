//! The record of one sign-in attempt: what the checklist shows and
//! help-desk needs. No token bytes: those stay in [`super::TokenSet`].

use super::entra_error::SignInError;
use super::tokens::Account;
use crate::network::FailedStep;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// Authorization code + PKCE in the system browser (RFC 6749 §4.1, RFC 7636, RFC 8252).
    AuthorizationCode,
    /// Device authorization grant (RFC 8628): sign in on another device.
    DeviceCode,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AttemptOutcome {
    SignedIn {
        account: Account,
        expires_at: Option<DateTime<Utc>>,
        scopes: Vec<String>,
        /// Where the refresh token went, in words ("saved in the keychain", or why not).
        refresh_token_status: String,
    },
    /// The service refused: the error carries the code and the IDs.
    Refused {
        error: SignInError,
    },
    Cancelled,
    TimedOut {
        waited_seconds: u64,
    },
    /// Something between the app and the service failed (a network step, an unreadable answer).
    Failed(FailedStep),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub flow: Flow,
    /// Sent as `client-request-id`; Entra logs it as the Correlation ID.
    pub client_request_id: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    /// Browser time excluded: authorize → token → claims, in milliseconds.
    pub token_round_trip_ms: Option<u64>,
    /// Sent with `outcome_words`, the outcome in the engine's words.
    #[serde(flatten, with = "super::outcome_words::outcome")]
    pub outcome: AttemptOutcome,
}

impl Attempt {
    /// The record of a browser or device-code attempt, written when it ends.
    pub(crate) fn ended(
        flow: Flow,
        client_request_id: String,
        started_at: DateTime<Utc>,
        finished_at: DateTime<Utc>,
        (outcome, token_round_trip_ms): (AttemptOutcome, Option<u64>),
    ) -> Self {
        Self {
            flow,
            client_request_id,
            started_at,
            finished_at,
            token_round_trip_ms,
            outcome,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Step;

    /// `signin --json` prints the attempt: a failure keeps its flat `{kind, step, message}`.
    #[test]
    fn a_failed_attempt_serialises_flat_with_the_steps_name() {
        let outcome = AttemptOutcome::Failed(FailedStep::new(Step::DeviceAuthorization, "No answer."));
        let json = serde_json::to_value(&outcome).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({"kind": "failed", "step": "device authorization", "message": "No answer."}))
        );
        let back: Option<AttemptOutcome> = json.and_then(|j| serde_json::from_value(j).ok());
        assert_eq!(back, Some(outcome));
    }
}
