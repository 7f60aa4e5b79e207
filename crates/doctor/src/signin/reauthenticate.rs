//! One-click re-authentication: drop the profile's cached tokens, sign in
//! interactively, keep the refresh token in the keychain only.

use super::attempt::{Attempt, AttemptOutcome, Flow};
use super::browser::Browser;
use super::device_code::DeviceCodeSignIn;
use super::interactive::{InteractiveSignIn, Interruption, Prompt, SignInProgress};
use super::session::Session;
use super::tokens::TokenSet;
use crate::clock::Now;
use crate::network::{fetch_discovery, DiscoveryDocument, HttpClient};
use crate::profile::Profile;
use crate::store::{within, Keychain, StoreError, TokenStore};
use futures::FutureExt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

pub struct SignInContext<'a> {
    pub profile: &'a Profile,
    pub http: &'a HttpClient,
    pub session: &'a Session,
    /// Where the refresh token is kept: the OS keychain, or a test's stand-in.
    pub token_store: Arc<dyn TokenStore>,
    pub now: Now,
}

impl<'a> SignInContext<'a> {
    /// How long a keychain step waits: one check's bound (the profile's).
    fn keychain_bound(&self) -> Duration {
        self.profile.check_timeout
    }

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
    // Cancel also ends the keychain steps before and after the browser.
    let interrupt = interrupt.shared();
    let discovery = match start_over(ctx, Flow::AuthorizationCode, interrupt.clone()).await {
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
    let (attempt, tokens) = signin.run(on_progress, interrupt.clone()).await;
    keep(ctx, attempt, tokens, interrupt).await
}

/// Sign-in on another device (device code, RFC 8628), replacing the saved session like Re-authenticate.
pub async fn sign_in_on_another_device(
    ctx: &SignInContext<'_>,
    on_progress: impl Fn(SignInProgress),
    interrupt: impl Future<Output = Interruption>,
) -> Attempt {
    let interrupt = interrupt.shared();
    let discovery = match start_over(ctx, Flow::DeviceCode, interrupt.clone()).await {
        Ok(discovery) => discovery,
        Err(attempt) => return attempt,
    };
    let signin = DeviceCodeSignIn {
        profile: ctx.profile,
        discovery: &discovery,
        http: ctx.http,
        now: ctx.now.clone(),
    };
    let (attempt, tokens) = signin.run(on_progress, interrupt.clone()).await;
    keep(ctx, attempt, tokens, interrupt).await
}

/// Saves the refresh token (keychain only) and records the attempt.
async fn keep(
    ctx: &SignInContext<'_>,
    mut attempt: Attempt,
    tokens: Option<TokenSet>,
    interrupt: impl Future<Output = Interruption>,
) -> Attempt {
    if let (
        AttemptOutcome::SignedIn {
            refresh_token_status, ..
        },
        Some(set),
    ) = (&mut attempt.outcome, &tokens)
    {
        if let Some(token) = set.refresh_token.clone() {
            let key = ctx.profile.session_key();
            let save = within(ctx.keychain_bound(), &ctx.token_store, move |store| {
                store.save_refresh_token(&key, &token)
            });
            *refresh_token_status = tokio::select! {
                saved = save => match saved {
                    Ok(()) => "saved in this computer's keychain".to_owned(),
                    Err(e) => format!("not saved: {e}"),
                },
                _ = interrupt => "not saved: the sign-in was cancelled while the keychain was busy".to_owned(),
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
async fn start_over(
    ctx: &SignInContext<'_>,
    flow: Flow,
    interrupt: impl Future<Output = Interruption>,
) -> Result<DiscoveryDocument, Attempt> {
    let key = ctx.profile.session_key();
    ctx.session.clear();
    // A keychain that cannot be reached is reported when saving; dropping
    // tokens from it is best effort, and Cancel ends the wait.
    let forget = within(ctx.keychain_bound(), &ctx.token_store, move |store| store.forget(&key));
    tokio::select! {
        _ = forget => {}
        _ = interrupt => {
            let attempt = ended_attempt(ctx, flow, AttemptOutcome::Cancelled);
            ctx.session.record(attempt.clone(), None);
            return Err(attempt);
        }
    }
    match fetch_discovery(ctx.http, &ctx.profile.authority).await {
        Ok(discovery) => Ok(discovery),
        Err(failure) => {
            let attempt = ended_attempt(ctx, flow, AttemptOutcome::Failed(failure.into()));
            ctx.session.record(attempt.clone(), None);
            Err(attempt)
        }
    }
}

/// An attempt that ended before the sign-in itself began.
fn ended_attempt(ctx: &SignInContext<'_>, flow: Flow, outcome: AttemptOutcome) -> Attempt {
    let now = (ctx.now)();
    Attempt {
        flow,
        client_request_id: String::new(),
        started_at: now,
        finished_at: now,
        token_round_trip_ms: None,
        outcome,
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
    Ok(within(ctx.keychain_bound(), &ctx.token_store, move |store| store.forget(&key)).await?)
}
