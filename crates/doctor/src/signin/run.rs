//! What every way of signing in (in the browser, on another device) shares
//! with whoever runs it: how the user cuts the wait short, the progress it
//! streams, and the outcome when tokens arrive. It sits below
//! `interactive`, `device_code` and `reauthenticate`, which all use it.

use super::attempt::AttemptOutcome;
use super::tokens::TokenSet;
use serde::Serialize;

/// Why the wait for the browser was cut short by the user.
#[derive(Clone, Debug)]
pub enum Interruption {
    Cancelled,
    /// The browser stopped on an error page; the user pasted its details.
    Pasted(String),
}

/// Streamed while a sign-in runs.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum SignInProgress {
    WaitingForBrowser {
        client_request_id: String,
        redirect_uri: String,
        timeout_seconds: u64,
    },
    ExchangingCode,
    /// Sign-in on another device: show this code and address, large.
    DeviceCodeShown {
        user_code: String,
        verification_uri: String,
        verification_uri_complete: Option<String>,
        expires_at: chrono::DateTime<chrono::Utc>,
        message: Option<String>,
    },
}

/// What the row shows for tokens just received.
pub(super) fn signed_in_outcome(tokens: &TokenSet) -> AttemptOutcome {
    AttemptOutcome::SignedIn {
        account: tokens.account().unwrap_or_default(),
        expires_at: tokens.expires_at,
        scopes: tokens.scopes.clone(),
        refresh_token_status: if tokens.refresh_token.is_some() {
            "received".to_owned()
        } else {
            "not issued (offline_access was not granted)".to_owned()
        },
    }
}
