//! Where refresh tokens are kept between runs. The app uses the OS keychain
//! ([`super::Keychain`]); tests put an unreachable or slow store in its place.

use crate::secret::Secret;
use std::fmt;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No keychain could be reached; nothing was saved.
    #[error("no secure credential store is available on this computer ({0}); nothing was saved, so you will be asked to sign in each time")]
    Unavailable(String),
    #[error("the credential store refused: {0}")]
    Failed(String),
    /// The keychain did not answer in time (a Secret Service may be waiting
    /// on an unlock prompt); the app stopped waiting.
    #[error("the keychain did not answer within {} (it may be waiting for you to unlock it), so the app stopped waiting", seconds(*.0))]
    TimedOut(Duration),
}

/// "2 s", "0.5 s": a bound as the user reads it.
fn seconds(bound: Duration) -> String {
    if bound.subsec_millis() == 0 {
        format!("{} s", bound.as_secs())
    } else {
        format!("{:.1} s", bound.as_secs_f64())
    }
}

/// One refresh token per profile, and only there: never a file. Calls may
/// block (D-Bus, Keychain Services, Credential Manager), so async callers
/// run them through `bounded_call::within`: on a blocking thread, for a bounded time.
pub trait TokenStore: fmt::Debug + Send + Sync {
    fn save_refresh_token(&self, profile_key: &str, token: &Secret<String>) -> Result<(), StoreError>;

    /// `None` when nothing (or only part of a token) is saved.
    fn load_refresh_token(&self, profile_key: &str) -> Result<Option<Secret<String>>, StoreError>;

    /// Deletes the profile's saved session ("Forget me"). Missing entries are fine.
    fn forget(&self, profile_key: &str) -> Result<(), StoreError>;
}
