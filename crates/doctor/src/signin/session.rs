//! What the app knows about sign-in right now: the last attempt and, after a
//! success, the access and ID tokens in memory. The refresh token is never
//! here: it goes only to the OS keychain.

use super::attempt::Attempt;
use super::tokens::TokenSet;
use crate::secret::Secret;
use serde::Deserialize;
use std::sync::{Mutex, PoisonError};

/// Which of the sign-in's tokens the inspector asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhichToken {
    IdToken,
    AccessToken,
}

/// Why a token of the sign-in cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SessionTokenError {
    #[error("There are no tokens yet: sign in first (Re-authenticate).")]
    NotSignedIn,
    #[error("The sign-in returned no ID token (openid was not asked for).")]
    NoIdToken,
}

#[derive(Default)]
pub struct Session {
    // Held only to copy in or out, never across an await.
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    last: Option<Attempt>,
    tokens: Option<TokenSet>,
}

impl Session {
    /// Records an attempt; a refresh token in `tokens` is dropped here (it
    /// was already saved to the keychain, or could not be).
    pub fn record(&self, attempt: Attempt, tokens: Option<TokenSet>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.last = Some(attempt);
        state.tokens = tokens.map(|mut t| {
            t.refresh_token = None;
            t
        });
    }

    pub fn last_attempt(&self) -> Option<Attempt> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).last.clone()
    }

    /// A copy of the in-memory tokens, for the token inspector.
    pub fn tokens(&self) -> Option<TokenSet> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).tokens.clone()
    }

    /// One raw token, for the inspector (decoded) or the user's explicit "Reveal".
    pub fn token(&self, which: WhichToken) -> Result<Secret<String>, SessionTokenError> {
        let tokens = self.tokens().ok_or(SessionTokenError::NotSignedIn)?;
        match which {
            WhichToken::IdToken => tokens.id_token.ok_or(SessionTokenError::NoIdToken),
            WhichToken::AccessToken => Ok(tokens.access_token),
        }
    }

    pub fn clear(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        *state = State::default();
    }
}
