//! What a help-desk lookup reports from the sign-in to the answer, each
//! step with its words (`journey_words`): on the wire
//! `{"kind": "querying", "what": "by request ID", "words": "Searching the sign-in logs by request ID…"}`,
//! so the window and the CLI show the engine's sentence and keep no copy.

use super::progress::LookupProgress;
use crate::signin::SignInProgress;
use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

// `remote = "Self"`: the derive writes an inherent `serialize`, which the
// `Serialize` impl below calls, adding `words` beside the fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", remote = "Self")]
pub enum HelpDeskProgress {
    /// First: the saved help-desk sign-in is tried (keychain, then a refresh).
    CheckingSavedSignIn,
    /// No saved sign-in was accepted: signing in, in the browser or with a code.
    SigningIn { device_code: bool },
    /// The browser is open at the sign-in page; the wait ends after `timeout_seconds`.
    WaitingForBrowser { timeout_seconds: u64 },
    /// Back from the browser: the code is redeemed for tokens.
    ExchangingCode,
    /// Sign-in on another device: show this code and address.
    DeviceCodeShown {
        user_code: String,
        verification_uri: String,
        verification_uri_complete: Option<String>,
        expires_at: DateTime<Utc>,
    },
    /// Signed in as help-desk: with the saved sign-in (`saved`) or just now.
    SignedIn { saved: bool },
    /// A query to the sign-in logs: "by request ID", "by correlation ID, 09:10 to 09:40 UTC", …
    Querying { what: String },
    /// Waiting before asking again (the entry is not in the logs yet, or
    /// Graph throttles). Sent when the wait begins (`next_try_in_seconds ==
    /// seconds`) and again each second as it counts down.
    Waiting {
        seconds: u64,
        next_try_in_seconds: u64,
        reason: String,
        attempt: u32,
        until_gives_up_seconds: u64,
    },
    /// Reading a failed policy's definition.
    FetchingPolicy { id: String },
    /// Running the What If evaluation.
    Evaluating,
}

impl HelpDeskProgress {
    /// A wait's countdown after its first report: a window repaints it
    /// (without announcing it again); a log skips it.
    pub fn is_tick(&self) -> bool {
        matches!(self, Self::Waiting { seconds, next_try_in_seconds, .. } if next_try_in_seconds < seconds)
    }
}

impl Serialize for HelpDeskProgress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct WithWords<'a> {
            #[serde(flatten, serialize_with = "fields")]
            step: &'a HelpDeskProgress,
            words: String,
        }
        fn fields<S: Serializer>(step: &&HelpDeskProgress, serializer: S) -> Result<S::Ok, S::Error> {
            HelpDeskProgress::serialize(step, serializer)
        }
        WithWords {
            step: self,
            words: self.words(),
        }
        .serialize(serializer)
    }
}

impl From<SignInProgress> for HelpDeskProgress {
    fn from(stage: SignInProgress) -> Self {
        match stage {
            SignInProgress::WaitingForBrowser { timeout_seconds, .. } => Self::WaitingForBrowser { timeout_seconds },
            SignInProgress::ExchangingCode => Self::ExchangingCode,
            SignInProgress::DeviceCodeShown {
                user_code,
                verification_uri,
                verification_uri_complete,
                expires_at,
                ..
            } => Self::DeviceCodeShown {
                user_code,
                verification_uri,
                verification_uri_complete,
                expires_at,
            },
        }
    }
}

impl From<LookupProgress> for HelpDeskProgress {
    fn from(step: LookupProgress) -> Self {
        match step {
            LookupProgress::Querying { what } => Self::Querying { what },
            LookupProgress::Waiting {
                seconds,
                reason,
                attempt,
                until_gives_up_seconds,
            } => Self::Waiting {
                seconds,
                next_try_in_seconds: seconds,
                reason,
                attempt,
                until_gives_up_seconds,
            },
            LookupProgress::FetchingPolicy { id } => Self::FetchingPolicy { id },
            LookupProgress::Evaluating => Self::Evaluating,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_step_goes_out_flat_with_its_kind_and_its_words() {
        let value = |p: &HelpDeskProgress| serde_json::to_value(p).expect("json");
        assert_eq!(
            value(&HelpDeskProgress::Evaluating),
            json!({"kind": "evaluating", "words": HelpDeskProgress::Evaluating.words()})
        );
        let querying = HelpDeskProgress::Querying {
            what: "by request ID".into(),
        };
        assert_eq!(
            value(&querying),
            json!({"kind": "querying", "what": "by request ID", "words": "Searching the sign-in logs by request ID…"})
        );
        let signed_in = value(&HelpDeskProgress::SignedIn { saved: true });
        assert_eq!(signed_in["kind"], "signed_in");
        assert_eq!(signed_in["saved"], true);
        assert_eq!(signed_in["words"], "Using your saved help-desk sign-in.");
    }

    #[test]
    fn a_waits_first_report_is_no_tick_and_its_countdown_is() {
        let first = HelpDeskProgress::from(LookupProgress::Waiting {
            seconds: 10,
            reason: "Microsoft Graph is throttling".into(),
            attempt: 1,
            until_gives_up_seconds: 60,
        });
        assert!(!first.is_tick(), "{first:?}");
        let HelpDeskProgress::Waiting { reason, .. } = first else {
            panic!("a wait");
        };
        let tick = HelpDeskProgress::Waiting {
            seconds: 10,
            next_try_in_seconds: 9,
            reason,
            attempt: 1,
            until_gives_up_seconds: 59,
        };
        assert!(tick.is_tick());
        assert!(!HelpDeskProgress::Evaluating.is_tick());
    }
}
