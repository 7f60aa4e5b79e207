//! One-click re-authentication: drop the profile's cached tokens, sign in
//! interactively, keep the refresh token in the keychain only.

use super::attempt::{Attempt, AttemptOutcome, Flow};
use super::browser::Browser;
use super::device_code::DeviceCodeSignIn;
use super::interactive::{InteractiveSignIn, Interruption, Prompt, SignInProgress};
use super::session::Session;
use super::tokens::TokenSet;
use crate::clock::Now;
use crate::network::{fetch_discovery, DiscoveryDocument, FailedStep, HttpClient};
use crate::profile::Profile;
use crate::store::{Keychain, StoreError, TokenStore};
use std::future::Future;
use std::sync::Arc;

pub struct SignInContext<'a> {
    pub profile: &'a Profile,
    pub http: &'a HttpClient,
    pub session: &'a Session,
    /// Where the refresh token is kept: the OS keychain, or a test's stand-in.
    pub token_store: Arc<dyn TokenStore>,
    pub now: Now,
}

impl<'a> SignInContext<'a> {
    /// The usual context: the OS keychain and the system clock.
    pub fn new(profile: &'a Profile, http: &'a HttpClient, session: &'a Session) -> Self {
        Self {
            profile,
            http,
            session,
            token_store: Arc::new(Keychain),
            now: crate::clock::system_now(),
        }
    }
}

pub async fn reauthenticate(
    ctx: &SignInContext<'_>,
    browser: &dyn Browser,
    prompt: Prompt,
    on_progress: impl Fn(SignInProgress),
    interrupt: impl Future<Output = Interruption>,
) -> Attempt {
    let discovery = match start_over(ctx, Flow::AuthorizationCode).await {
        Ok(discovery) => discovery,
        Err(attempt) => return attempt,
    };
    let signin = InteractiveSignIn {
        profile: ctx.profile,
        discovery: &discovery,
        http: ctx.http,
        browser,
        prompt,
        now: ctx.now.clone(),
    };
    let (attempt, tokens) = signin.run(on_progress, interrupt).await;
    keep(ctx, attempt, tokens).await
}

/// Sign-in on another device (device code, RFC 8628), replacing the saved session like Re-authenticate.
pub async fn sign_in_on_another_device(
    ctx: &SignInContext<'_>,
    on_progress: impl Fn(SignInProgress),
    interrupt: impl Future<Output = Interruption>,
) -> Attempt {
    let discovery = match start_over(ctx, Flow::DeviceCode).await {
        Ok(discovery) => discovery,
        Err(attempt) => return attempt,
    };
    let signin = DeviceCodeSignIn {
        profile: ctx.profile,
        discovery: &discovery,
        http: ctx.http,
        now: ctx.now.clone(),
    };
    let (attempt, tokens) = signin.run(on_progress, interrupt).await;
    keep(ctx, attempt, tokens).await
}

/// Saves the refresh token (keychain only) and records the attempt.
async fn keep(ctx: &SignInContext<'_>, mut attempt: Attempt, tokens: Option<TokenSet>) -> Attempt {
    if let (
        AttemptOutcome::SignedIn {
            refresh_token_status, ..
        },
        Some(set),
    ) = (&mut attempt.outcome, &tokens)
    {
        if let Some(token) = set.refresh_token.clone() {
            let key = ctx.profile.session_key();
            *refresh_token_status =
                match blocking(&ctx.token_store, move |store| store.save_refresh_token(&key, &token)).await {
                    Ok(()) => "saved in this computer's keychain".to_owned(),
                    Err(e) => format!("not saved: {e}"),
                };
        }
    }
    ctx.session.record(attempt.clone(), tokens);
    attempt
}

/// What the row shows for tokens just received.
pub(crate) fn signed_in_outcome(tokens: &TokenSet) -> AttemptOutcome {
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

/// Drops the profile's cached tokens (memory and keychain) and fetches the
/// endpoints. When they cannot be fetched, records and returns the failed attempt.
async fn start_over(ctx: &SignInContext<'_>, flow: Flow) -> Result<DiscoveryDocument, Attempt> {
    let key = ctx.profile.session_key();
    ctx.session.clear();
    // A keychain that cannot be reached is reported when saving; dropping
    // tokens from it is best effort.
    let _ = blocking(&ctx.token_store, move |store| store.forget(&key)).await;
    match fetch_discovery(ctx.http, &ctx.profile.authority).await {
        Ok(discovery) => Ok(discovery),
        Err(failure) => {
            let attempt = failed_attempt(ctx, flow, failure.into());
            ctx.session.record(attempt.clone(), None);
            Err(attempt)
        }
    }
}

fn failed_attempt(ctx: &SignInContext<'_>, flow: Flow, failure: FailedStep) -> Attempt {
    let now = (ctx.now)();
    Attempt {
        flow,
        client_request_id: String::new(),
        started_at: now,
        finished_at: now,
        token_round_trip_ms: None,
        outcome: AttemptOutcome::Failed(failure),
    }
}

/// "Forget me" could not delete the saved session from the keychain.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Could not delete the saved sign-in: {0}.")]
pub struct ForgetError(#[from] pub StoreError);

/// Deletes the profile's saved session from memory and the keychain ("Forget me").
pub async fn forget(ctx: &SignInContext<'_>) -> Result<(), ForgetError> {
    ctx.session.clear();
    let key = ctx.profile.session_key();
    Ok(blocking(&ctx.token_store, move |store| store.forget(&key)).await?)
}

/// Keychain calls block (D-Bus, Keychain Services, Credential Manager).
pub(crate) async fn blocking<T: Send + 'static>(
    store: &Arc<dyn TokenStore>,
    call: impl FnOnce(&dyn TokenStore) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let store = Arc::clone(store);
    tokio::task::spawn_blocking(move || call(store.as_ref()))
        .await
        .unwrap_or_else(|e| Err(StoreError::Failed(format!("the keychain call did not finish: {e}"))))
}
