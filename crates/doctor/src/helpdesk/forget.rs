//! Forget for help-desk mode, from the window and the CLI alike: the
//! help-desk sign-in's saved refresh token (its own keychain entry) and its
//! tokens in memory are deleted, and a run already under way saves nothing
//! back (`Session::save_unless_forgotten`, RFC 9700 §4.14.2 rotation).

use super::profile::helpdesk_profile;
use crate::network::{HttpClient, ProxySettings, SystemResolver};
use crate::profile::{Authority, Profile};
use crate::signin::{self, ForgetError, Session, SignInContext};
use crate::store::TokenStore;
use std::sync::Arc;

/// Deletes the help-desk sign-in made with `user_side`'s help-desk settings;
/// the user-side sign-in stays. The words say what was done.
pub async fn forget_help_desk_sign_in(
    user_side: &Profile,
    session: &Session,
    token_store: Arc<dyn TokenStore>,
) -> Result<String, ForgetError> {
    let profile = helpdesk_profile(user_side);
    // Forget touches only the keychain: this client is never used to call out.
    let http = HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        profile.check_timeout,
    );
    let ctx = SignInContext {
        profile: &profile,
        http: &http,
        session,
        token_store,
        now: crate::clock::system_now(),
    };
    signin::forget(&ctx).await?;
    Ok(forgotten_words(&profile.authority))
}

/// What Forget did, in the words the window and the CLI show.
pub fn forgotten_words(authority: &Authority) -> String {
    format!("The saved help-desk sign-in for {authority} was deleted from this computer.")
}
