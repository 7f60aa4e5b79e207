//! One-click re-authentication: drop the profile's cached tokens, sign in
//! interactively, keep the refresh token in the keychain only.

use super::attempt::{Attempt, AttemptOutcome, Flow};
use super::browser::Browser;
use super::device_code::DeviceCodeSignIn;
use super::interactive::{InteractiveSignIn, Prompt};
use super::run::{Interruption, SignInProgress};
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
    let since = ctx.session.forgets();
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
    keep(ctx, attempt, tokens, interrupt, since).await
}

/// Sign-in on another device (device code, RFC 8628), replacing the saved session like Re-authenticate.
pub async fn sign_in_on_another_device(
    ctx: &SignInContext<'_>,
    on_progress: impl Fn(SignInProgress),
    interrupt: impl Future<Output = Interruption>,
) -> Attempt {
    let interrupt = interrupt.shared();
    let since = ctx.session.forgets();
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
    keep(ctx, attempt, tokens, interrupt, since).await
}

/// What the row says when "Forget me" came while the sign-in ran.
const FORGOTTEN_DURING_RUN: &str = "not saved: \"Forget me\" was pressed while this sign-in ran";

/// Saves the refresh token (keychain only) and records the attempt; unless
/// "Forget me" was pressed since the sign-in began (`since`), when nothing
/// it received is kept.
async fn keep(
    ctx: &SignInContext<'_>,
    mut attempt: Attempt,
    tokens: Option<TokenSet>,
    interrupt: impl Future<Output = Interruption>,
    since: u64,
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
            let save = ctx
                .session
                .save_unless_forgotten(&ctx.token_store, key, token, since, ctx.keychain_bound());
            *refresh_token_status = tokio::select! {
                saved = save => match saved {
                    Ok(true) => "saved in this computer's keychain".to_owned(),
                    Ok(false) => FORGOTTEN_DURING_RUN.to_owned(),
                    Err(e) => format!("not saved: {e}"),
                },
                _ = interrupt => "not saved: the sign-in was cancelled while the keychain was busy".to_owned(),
            };
        }
    }
    // After "Forget me", the session stays empty: the caller still sees the attempt.
    if ctx.session.forgets() == since {
        ctx.session.record(ctx.profile, attempt.clone(), tokens);
    }
    attempt
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
            ctx.session.record(ctx.profile, attempt.clone(), None);
            return Err(attempt);
        }
    }
    match fetch_discovery(ctx.http, &ctx.profile.authority).await {
        Ok(discovery) => Ok(discovery),
        Err(failure) => {
            let attempt = ended_attempt(ctx, flow, AttemptOutcome::Failed(failure.into()));
            ctx.session.record(ctx.profile, attempt.clone(), None);
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
    let key = ctx.profile.session_key();
    Ok(ctx
        .session
        .forget_saved(&ctx.token_store, key, ctx.keychain_bound())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use crate::signin::run::signed_in_outcome;
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::Duration;

    /// An in-memory keychain whose saves take a while, as a Secret Service
    /// prompt can.
    #[derive(Debug, Default)]
    struct SlowStore {
        saved: Mutex<HashMap<String, String>>,
    }

    impl TokenStore for SlowStore {
        fn save_refresh_token(&self, key: &str, token: &Secret<String>) -> Result<(), StoreError> {
            std::thread::sleep(Duration::from_millis(300));
            self.saved
                .lock()
                .map_err(|_| StoreError::Failed("poisoned".into()))?
                .insert(key.to_owned(), token.expose().clone());
            Ok(())
        }
        fn load_refresh_token(&self, key: &str) -> Result<Option<Secret<String>>, StoreError> {
            let saved = self.saved.lock().map_err(|_| StoreError::Failed("poisoned".into()))?;
            Ok(saved.get(key).cloned().map(Secret::new))
        }
        fn forget(&self, key: &str) -> Result<(), StoreError> {
            self.saved
                .lock()
                .map_err(|_| StoreError::Failed("poisoned".into()))?
                .remove(key);
            Ok(())
        }
    }

    fn signed_in() -> (Attempt, TokenSet) {
        let tokens = TokenSet {
            access_token: Secret::new("access".to_owned()),
            refresh_token: Some(Secret::new("rotated".to_owned())),
            id_token: None,
            expires_at: None,
            scopes: Vec::new(),
            nonce: None,
        };
        let now = chrono::Utc::now();
        let attempt = Attempt {
            flow: Flow::AuthorizationCode,
            client_request_id: String::new(),
            started_at: now,
            finished_at: now,
            token_round_trip_ms: None,
            outcome: signed_in_outcome(&tokens),
        };
        (attempt, tokens)
    }

    /// "Forget me" while a sign-in or refresh is in flight: nothing that run
    /// received is saved afterwards, and a save already under way finishes
    /// before the delete, so the keychain ends empty either way.
    #[tokio::test]
    async fn forget_me_wins_over_a_run_in_flight() {
        let profile = Profile::defaults();
        let http = HttpClient::system(&profile).await;
        let session = Session::default();
        let store = Arc::new(SlowStore::default());
        let ctx = SignInContext {
            profile: &profile,
            http: &http,
            session: &session,
            token_store: store.clone(),
            now: crate::clock::system_now(),
        };
        let key = profile.session_key();

        // A run that started before "Forget me" finishes after it.
        let started = session.forgets();
        forget(&ctx).await.expect("forget");
        let (attempt, tokens) = signed_in();
        let kept = keep(
            &ctx,
            attempt,
            Some(tokens),
            std::future::pending::<Interruption>(),
            started,
        )
        .await;
        match &kept.outcome {
            AttemptOutcome::SignedIn {
                refresh_token_status, ..
            } => {
                assert!(refresh_token_status.contains("Forget me"), "{refresh_token_status}")
            }
            other => panic!("{other:?}"),
        }
        assert!(
            store.load_refresh_token(&key).expect("load").is_none(),
            "nothing saved back"
        );
        assert!(session.tokens().is_none(), "nothing kept in memory either");
        assert!(session.last_attempt().is_none(), "the forgotten session stays empty");

        // A save already in the keychain's hands when "Forget me" is pressed.
        let started = session.forgets();
        let (attempt, tokens) = signed_in();
        let saving = keep(
            &ctx,
            attempt,
            Some(tokens),
            std::future::pending::<Interruption>(),
            started,
        );
        let forgetting = async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            forget(&ctx).await
        };
        let (_, forgot) = tokio::join!(saving, forgetting);
        forgot.expect("forget");
        assert!(
            store.load_refresh_token(&key).expect("load").is_none(),
            "the delete came last"
        );
    }
}
