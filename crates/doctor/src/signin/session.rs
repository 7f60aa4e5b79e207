//! What the app knows about sign-in right now: the last attempt and, after a
//! success, the access and ID tokens in memory. The refresh token is never
//! here: it goes only to the OS keychain.

use super::attempt::Attempt;
use super::tokens::TokenSet;
use crate::profile::{Authority, Profile};
use crate::secret::Secret;
use crate::store::{within, StoreError, TokenStore};
use serde::Deserialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Which of the sign-in's tokens the inspector asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhichToken {
    IdToken,
    AccessToken,
}

/// The one wording for "there is nothing to read until the user signs in":
/// the checklist's rows that need a sign-in and the inspector's error say it.
pub const NOT_SIGNED_IN: &str =
    "Not signed in through the app yet: press Re-authenticate to sign in (any error on the way is captured).";

/// The one wording for "the tokens in memory were issued under other
/// settings": a run under another authority, tenant or client never uses
/// them (they would go to that authority's endpoints).
pub const OTHER_AUTHORITY: &str =
    "Signed in under another authority, tenant or client than the settings in effect now: press Re-authenticate to sign in again (the earlier sign-in's tokens are not used here).";

/// Which settings a sign-in's tokens were issued for: the authority (its
/// path names the tenant) and the client. The issuer's host is where its
/// access token may go (see `token_call`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedFor {
    pub authority: Authority,
    pub client_id: String,
    pub helpdesk: bool,
}

impl IssuedFor {
    pub fn of(profile: &Profile) -> Self {
        Self {
            authority: profile.authority.clone(),
            client_id: profile.client_id.clone(),
            helpdesk: profile.helpdesk,
        }
    }

    /// Whether `profile` names the same authority, tenant and client.
    pub fn matches(&self, profile: &Profile) -> bool {
        *self == Self::of(profile)
    }
}

/// Why a token of the sign-in cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SessionTokenError {
    #[error("{}", NOT_SIGNED_IN)]
    NotSignedIn,
    #[error("The sign-in returned no ID token (openid was not asked for).")]
    NoIdToken,
    #[error("{}", OTHER_AUTHORITY)]
    OtherAuthority,
}

#[derive(Default)]
pub struct Session {
    // Held only to copy in or out, never across an await.
    state: Mutex<State>,
    /// How many times "Forget me" was pressed: a run that started before
    /// the latest one saves nothing back (RFC 9700 §4.14.2 rotation would
    /// otherwise put a fresh refresh token in the keychain just after the
    /// user removed it).
    forgets: AtomicU64,
    /// One keychain write at a time for this session, held until the
    /// blocking call returns (even if the run that asked was dropped), so
    /// a delete can never be overtaken by a save that began before it.
    keychain_turn: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Default)]
struct State {
    last: Option<Attempt>,
    tokens: Option<TokenSet>,
    issued_for: Option<IssuedFor>,
}

impl Session {
    /// Records an attempt made under `profile`; a refresh token in `tokens`
    /// is dropped here (it was already saved to the keychain, or could not be).
    pub fn record(&self, profile: &Profile, attempt: Attempt, tokens: Option<TokenSet>) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.issued_for = Some(IssuedFor::of(profile));
        state.last = Some(attempt);
        state.tokens = tokens.map(|mut t| {
            t.refresh_token = None;
            t
        });
    }

    pub fn last_attempt(&self) -> Option<Attempt> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).last.clone()
    }

    /// The settings the recorded sign-in was made under, if any.
    pub fn issued_for(&self) -> Option<IssuedFor> {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .issued_for
            .clone()
    }

    /// Whether what is recorded (if anything) was made under `profile`:
    /// a run under other settings reads nothing of it.
    pub fn is_under(&self, profile: &Profile) -> bool {
        self.issued_for().is_none_or(|issued| issued.matches(profile))
    }

    /// After the settings change: drops what is in memory when it was made
    /// under other settings, so no later run or view holds it. Returns
    /// whether it did.
    pub fn clear_unless_under(&self, profile: &Profile) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let other = state.issued_for.as_ref().is_some_and(|issued| !issued.matches(profile));
        if other {
            *state = State::default();
        }
        other
    }

    /// The in-memory tokens, only for a run under the settings they were
    /// issued for.
    pub fn tokens_for(&self, profile: &Profile) -> Result<TokenSet, SessionTokenError> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match (&state.tokens, &state.issued_for) {
            (None, _) => Err(SessionTokenError::NotSignedIn),
            (Some(tokens), Some(issued)) if issued.matches(profile) => Ok(tokens.clone()),
            (Some(_), _) => Err(SessionTokenError::OtherAuthority),
        }
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

    /// The "Forget me" count when a run starts; pass it to
    /// [`Session::save_unless_forgotten`].
    pub fn forgets(&self) -> u64 {
        self.forgets.load(Ordering::SeqCst)
    }

    /// Saves the refresh token, unless "Forget me" was pressed since the run
    /// began (`since`). Returns whether it was saved.
    pub(crate) async fn save_unless_forgotten(
        &self,
        store: &Arc<dyn TokenStore>,
        key: String,
        token: Secret<String>,
        since: u64,
        bound: Duration,
    ) -> Result<bool, StoreError> {
        let turn = self.keychain_turn(bound).await?;
        if self.forgets() != since {
            return Ok(false);
        }
        within(bound, store, move |store| {
            let _turn = turn;
            store.save_refresh_token(&key, &token)
        })
        .await
        .map(|()| true)
    }

    /// "Forget me": no run in flight may save after this; the delete waits
    /// for a save already under way, then removes it.
    pub(crate) async fn forget_saved(
        &self,
        store: &Arc<dyn TokenStore>,
        key: String,
        bound: Duration,
    ) -> Result<(), StoreError> {
        let turn = self.keychain_turn(bound).await?;
        self.forgets.fetch_add(1, Ordering::SeqCst);
        self.clear();
        within(bound, store, move |store| {
            let _turn = turn;
            store.forget(&key)
        })
        .await
    }

    /// Waits for the keychain turn, at most `bound`: a save stuck on an
    /// unlock prompt holds it until the keychain answers.
    async fn keychain_turn(&self, bound: Duration) -> Result<tokio::sync::OwnedMutexGuard<()>, StoreError> {
        tokio::time::timeout(bound, Arc::clone(&self.keychain_turn).lock_owned())
            .await
            .map_err(|_| StoreError::TimedOut(bound))
    }

    pub fn clear(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        *state = State::default();
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
