//! What the app knows about sign-in right now: the last attempt and, after a
//! success, the access and ID tokens in memory. The refresh token is never
//! here: it goes only to the OS keychain.

use super::attempt::Attempt;
use super::tokens::TokenSet;
use std::sync::{Mutex, PoisonError};

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

    pub fn clear(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        *state = State::default();
    }
}
