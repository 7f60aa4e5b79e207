//! Where refresh tokens are kept between runs. The app uses the OS keychain
//! ([`super::Keychain`]); tests put an unreachable or slow store in its place.

use crate::secret::Secret;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No keychain could be reached; nothing was saved.
    #[error("no secure credential store is available on this computer ({0}); nothing was saved, so you will be asked to sign in each time")]
    Unavailable(String),
    #[error("the credential store refused: {0}")]
    Failed(String),
}

/// One refresh token per profile, and only there: never a file. Calls may
/// block (D-Bus, Keychain Services, Credential Manager), so async callers
/// run them on a blocking thread.
pub trait TokenStore: fmt::Debug + Send + Sync {
    fn save_refresh_token(&self, profile_key: &str, token: &Secret<String>) -> Result<(), StoreError>;

    /// `None` when nothing (or only part of a token) is saved.
    fn load_refresh_token(&self, profile_key: &str) -> Result<Option<Secret<String>>, StoreError>;

    /// Deletes the profile's saved session ("Forget me"). Missing entries are fine.
    fn forget(&self, profile_key: &str) -> Result<(), StoreError>;
}
