//! One-click re-authentication: drop the profile's cached tokens, sign in
//! interactively, keep the refresh token in the keychain only.

use super::attempt::{Attempt, Flow, Outcome};
use super::browser::Browser;
use super::interactive::{InteractiveSignIn, Interruption, Prompt, SignInProgress};
use super::session::Session;
use crate::clock::Now;
use crate::network::{fetch_discovery, HttpClient};
use crate::profile::Profile;
use crate::store::{Keychain, StoreError};
use std::future::Future;

pub struct SignInContext<'a> {
    pub profile: &'a Profile,
    pub http: &'a HttpClient,
    pub session: &'a Session,
    pub keychain: &'a Keychain,
    pub now: Now,
}

pub async fn reauthenticate(
    ctx: &SignInContext<'_>,
    browser: &dyn Browser,
    prompt: Prompt,
    on_progress: impl Fn(SignInProgress),
    interrupt: impl Future<Output = Interruption>,
) -> Attempt {
    let key = ctx.profile.session_key();
    ctx.session.clear();
    // A keychain that cannot be reached is reported when saving; dropping
    // tokens from it is best effort.
    let _ = blocking(ctx.keychain, move |k: Keychain| k.forget(&key)).await;

    let discovery = match fetch_discovery(ctx.http, &ctx.profile.authority).await {
        Ok(discovery) => discovery,
        Err(step) => {
            let now = (ctx.now)();
            let attempt = Attempt {
                flow: Flow::AuthorizationCode,
                client_request_id: String::new(),
                started_at: now,
                finished_at: now,
                token_round_trip_ms: None,
                outcome: Outcome::Failed {
                    step: step.step.name().to_owned(),
                    message: step.summary,
                },
            };
            ctx.session.record(attempt.clone(), None);
            return attempt;
        }
    };
    let signin = InteractiveSignIn {
        profile: ctx.profile,
        discovery: &discovery,
        http: ctx.http,
        browser,
        prompt,
        now: ctx.now.clone(),
    };
    let (mut attempt, tokens) = signin.run(on_progress, interrupt).await;
    if let (Outcome::SignedIn { refresh_token, .. }, Some(set)) = (&mut attempt.outcome, &tokens) {
        if let Some(token) = set.refresh_token.clone() {
            let key = ctx.profile.session_key();
            *refresh_token = match blocking(ctx.keychain, move |k: Keychain| k.save_refresh_token(&key, &token)).await {
                Ok(()) => "saved in this computer's keychain".to_owned(),
                Err(e) => format!("not saved: {e}"),
            };
        }
    }
    ctx.session.record(attempt.clone(), tokens);
    attempt
}

/// Deletes the profile's saved session from memory and the keychain ("Forget me").
pub async fn forget(ctx: &SignInContext<'_>) -> Result<(), StoreError> {
    ctx.session.clear();
    let key = ctx.profile.session_key();
    blocking(ctx.keychain, move |k: Keychain| k.forget(&key)).await
}

/// Keychain calls block (D-Bus, Keychain Services, Credential Manager).
pub(crate) async fn blocking<T: Send + 'static>(
    keychain: &Keychain,
    call: impl FnOnce(Keychain) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let keychain = keychain.clone();
    tokio::task::spawn_blocking(move || call(keychain))
        .await
        .unwrap_or_else(|e| Err(StoreError::Failed(format!("the keychain call did not finish: {e}"))))
}
