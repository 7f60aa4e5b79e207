//! Sign-in: the round trip against the loopback provider (npm oidc-provider,
//! its interactions completing by themselves for the test user).

use crate::figure::{millis, Figure};
use crate::http_agent::RedirectFollower;
use doctor::clock::system_now;
use doctor::network::{HttpClient, ProxySettings, SystemResolver};
use doctor::secret::Secret;
use doctor::signin::{
    reauthenticate, AttemptOutcome, Browser, BrowserError, Interruption, Prompt, Session, SignInContext,
};
use doctor::store::{Keychain, TokenStore};
use doctor::Profile;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct HeadlessChromium;

impl Browser for HeadlessChromium {
    fn open(&self, url: &str) -> Result<(), BrowserError> {
        test_peers::open_in_headless_chromium(url).map_err(BrowserError::new)
    }
}

/// One interactive sign-in as the app runs it (discovery, loopback listener,
/// PKCE, authorize, code, token, ID-token validation, keychain), recorded in
/// `session`. Returns the whole time and the token exchange's own time.
pub async fn sign_in_once(
    profile: &Profile,
    session: &Session,
    browser: &dyn Browser,
) -> Result<(Duration, Option<u64>), String> {
    let http = HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        Duration::from_secs(5),
    );
    let ctx = SignInContext {
        profile,
        http: &http,
        session,
        token_store: Arc::new(Keychain),
        now: system_now(),
    };
    let started = Instant::now();
    let attempt = reauthenticate(
        &ctx,
        browser,
        Prompt::SelectAccount,
        |_| {},
        std::future::pending::<Interruption>(),
    )
    .await;
    let took = started.elapsed();
    match attempt.outcome {
        AttemptOutcome::SignedIn { .. } => Ok((took, attempt.token_round_trip_ms)),
        other => Err(format!("the sign-in did not complete: {other:?}")),
    }
}

pub async fn figures(profile: &Profile, runs: usize) -> Result<Vec<Figure>, String> {
    let mut protocol = Vec::new();
    let mut exchange = Vec::new();
    let mut app_side = Vec::new();
    // One sign-in first, not counted: node compiles the provider's code paths on first use.
    sign_in_once(profile, &Session::default(), &RedirectFollower::default()).await?;
    let agent = RedirectFollower::default();
    for run in 0..runs {
        let (took, token_ms) = sign_in_once(profile, &Session::default(), &agent).await?;
        protocol.push(millis(took));
        if let Some(ms) = token_ms {
            exchange.push(ms as f64);
        }
        let at_provider = agent.at_provider.lock().ok().and_then(|t| t.get(run).copied());
        if let Some(at_provider) = at_provider {
            app_side.push(millis(took.saturating_sub(at_provider)));
        }
    }
    let at_provider: Vec<f64> = agent
        .at_provider
        .lock()
        .map(|t| t.iter().map(|d| millis(*d)).collect())
        .unwrap_or_default();
    let mut figures = vec![
        Figure::new(
            "signin_protocol",
            "ms",
            protocol,
            "Re-authenticate as the app runs it (discovery, loopback listener, PKCE authorize, the provider's \
             login and consent, code at the listener, token exchange, ID-token check, keychain save), with a \
             user agent that follows redirects in-process instead of a browser.",
        ),
        Figure::new(
            "signin_at_provider",
            "ms",
            at_provider,
            "Of that, the user agent's part: authorize → the provider's interaction redirects → the code delivered \
             to the app's loopback listener.",
        ),
        Figure::new(
            "signin_app_side",
            "ms",
            app_side,
            "The rest: the app's own steps (discovery, listener, token exchange, ID-token check against the JWKS, \
             keychain save).",
        ),
        Figure::new(
            "signin_token_exchange",
            "ms",
            exchange,
            "The token request alone (the app's own `token_round_trip_ms`).",
        ),
    ];
    let chromium = std::process::Command::new("chromium")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if chromium {
        let mut full = Vec::new();
        for _ in 0..runs {
            let (took, _) = sign_in_once(profile, &Session::default(), &HeadlessChromium).await?;
            full.push(millis(took));
        }
        figures.push(Figure::new(
            "signin_with_browser",
            "ms",
            full,
            "The same sign-in with headless Chromium launched as the system browser (a fresh profile each time).",
        ));
    } else {
        eprintln!(
            "skipping the sign-in with a browser: chromium is not installed (scripts/install-deps.sh test installs it)"
        );
    }
    // Last, so that a keychain failing here cannot cost the figures above.
    match keychain_times(runs) {
        Ok(times) => figures.push(Figure::new(
            "signin_keychain",
            "ms",
            times,
            "Within the app's part: the keychain's forget and save that Re-authenticate makes (Secret Service, \
             gnome-keyring on the session bus).",
        )),
        Err(e) => eprintln!("signin_keychain: not measured: {e}"),
    }
    Ok(figures)
}

/// What Re-authenticate asks of the keychain: forget the old session, save the new one.
fn keychain_times(runs: usize) -> Result<Vec<f64>, String> {
    const KEY: &str = "signin-doctor-bench";
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        Keychain.forget(KEY).map_err(|e| format!("keychain: {e}"))?;
        Keychain
            .save_refresh_token(KEY, &Secret::new("not-a-real-token".to_owned()))
            .map_err(|e| format!("keychain: {e}"))?;
        times.push(millis(started.elapsed()));
    }
    let _ = Keychain.forget(KEY);
    Ok(times)
}
