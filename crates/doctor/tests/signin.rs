//! Interactive sign-in, refresh and the loopback listener against a real
//! OpenID provider, a real headless browser and a real keychain.

use doctor::checks::ids;
use doctor::clock::system_now;
use doctor::network::{fetch_discovery, HttpClient, ProxySettings, SystemResolver};
use doctor::profile::Authority;
use doctor::signin::{
    build_client, exchange_code, reauthenticate, redeem, sign_in_on_another_device, Browser, ErrorSource, Flow,
    Interruption, LoopbackListener, Outcome, Prompt, Redirect, RefreshOutcome, RefreshRefusal, Session, SignInContext,
    SignInProgress, TokenRequestFailed, WaitEnded,
};
use doctor::store::Keychain;
use doctor::{Diagnosis, Profile, Status};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;
use test_peers::{open_in_headless_chromium, real_session_available, OidcProvider};

struct HeadlessChromium;

impl Browser for HeadlessChromium {
    fn open(&self, url: &str) -> Result<(), String> {
        open_in_headless_chromium(url).map_err(|e| e.to_string())
    }
}

fn profile(provider: &OidcProvider, user: &str) -> Profile {
    let mut p = Profile::defaults();
    p.authority = Authority::parse(&provider.issuer).expect("issuer");
    p.client_id = "signin-doctor-tests".to_owned();
    p.redirect_uri = "http://127.0.0.1/callback".to_owned();
    p.scopes = vec![
        "openid".into(),
        "profile".into(),
        "email".into(),
        "offline_access".into(),
    ];
    p.login_hint = Some(user.to_owned());
    p.signin_timeout = Duration::from_secs(30);
    p.check_timeout = Duration::from_secs(5);
    // Tests talk to 127.0.0.1 only: no real time servers.
    p.ntp_servers = vec![format!("127.0.0.1:{}", test_peers::closed_port().expect("port"))];
    let closed = |path: &str| {
        url::Url::parse(&format!(
            "http://127.0.0.1:{}/{path}",
            test_peers::closed_port().expect("port")
        ))
        .expect("url")
    };
    p.status_feed = closed("feed");
    p.connectivity_check_url = closed("connecttest.txt");
    p.proxy = doctor::profile::ProxyChoice::Direct;
    p
}

fn http() -> HttpClient {
    HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        Duration::from_secs(5),
    )
}

async fn sign_in(profile: &Profile, session: &Session) -> doctor::signin::Attempt {
    let http = http();
    let ctx = SignInContext {
        profile,
        http: &http,
        session,
        keychain: &Keychain,
        now: system_now(),
    };
    reauthenticate(
        &ctx,
        &HeadlessChromium,
        Prompt::SelectAccount,
        |_| {},
        std::future::pending::<Interruption>(),
    )
    .await
}

fn last_error(provider: &OidcProvider) -> serde_json::Value {
    provider.last_error().expect("the provider's last error")
}

#[tokio::test]
async fn a_browser_sign_in_succeeds_keeps_the_refresh_token_in_the_keychain_and_refreshes() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let profile = profile(&provider, "alice");
    let session = Arc::new(Session::default());
    let attempt = sign_in(&profile, &session).await;
    let Outcome::SignedIn {
        account,
        expires_at,
        refresh_token_status,
        ..
    } = &attempt.outcome
    else {
        panic!("expected a sign-in, got {attempt:#?}");
    };
    assert_eq!(account.username.as_deref(), Some("alice@contoso.example"));
    assert!(expires_at.is_some());
    assert_eq!(refresh_token_status, "saved in this computer's keychain");
    assert!(attempt.token_round_trip_ms.is_some());
    uuid_like(&attempt.client_request_id);

    let saved = Keychain
        .load_refresh_token(&profile.session_key())
        .expect("keychain")
        .expect("a saved token");
    let discovery = fetch_discovery(&http(), &profile.authority).await.expect("discovery");
    match redeem(profile.clone(), discovery, http(), saved, system_now()).await {
        RefreshOutcome::Refreshed { account, tokens, .. } => {
            assert_eq!(
                account.and_then(|a| a.username).as_deref(),
                Some("alice@contoso.example")
            );
            // The provider rotates refresh tokens (RFC 9700 §4.14.2): keep the new one, as the app does.
            let rotated = tokens.refresh_token.expect("a rotated refresh token");
            Keychain
                .save_refresh_token(&profile.session_key(), &rotated)
                .expect("save");
        }
        RefreshOutcome::Refused { error, .. } => panic!("refresh refused: {error}"),
        RefreshOutcome::Failed { message, .. } => panic!("refresh failed: {message}"),
    }

    // The checklist reports both: the sign-in from the session, the saved session from the keychain.
    let summary = Diagnosis::new(profile.clone())
        .with_session(session)
        .run(1, Arc::new(|_| {}))
        .await;
    let row = |id| summary.results.iter().find(|r| r.id == id).expect("row");
    assert_eq!(row(ids::SIGNIN).status, Status::Pass, "{:#?}", row(ids::SIGNIN));
    assert!(row(ids::SIGNIN).summary.contains("alice@contoso.example"));
    assert_eq!(row(ids::REFRESH).status, Status::Pass, "{:#?}", row(ids::REFRESH));
    // The real ID token checks out against the provider's published keys, issuer, audience and nonce.
    assert_eq!(row(ids::TOKEN).status, Status::Pass, "{:#?}", row(ids::TOKEN));

    doctor::signin::forget(&SignInContext {
        profile: &profile,
        http: &http(),
        session: &Session::default(),
        keychain: &Keychain,
        now: system_now(),
    })
    .await
    .expect("forget");
    assert!(Keychain
        .load_refresh_token(&profile.session_key())
        .expect("keychain")
        .is_none());
}

#[tokio::test]
async fn a_53003_redirect_is_captured_with_the_ids_the_service_sent() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let attempt = sign_in(&profile(&provider, "ca-redirect"), &Session::default()).await;
    let Outcome::Refused { error } = &attempt.outcome else {
        panic!("expected a refusal, got {attempt:#?}");
    };
    let sent = last_error(&provider);
    assert_eq!(error.source, ErrorSource::Redirect);
    assert_eq!(error.code, Some(53003));
    assert_eq!(error.error, "access_denied");
    assert_eq!(error.trace_id.as_deref(), sent["trace_id"].as_str());
    assert_eq!(error.correlation_id.as_deref(), sent["correlation_id"].as_str());
    assert_eq!(error.timestamp.as_deref(), sent["timestamp"].as_str());
    // The provider logged our client-request-id as the Correlation ID, as Entra does.
    assert_eq!(
        error.correlation_id.as_deref(),
        Some(attempt.client_request_id.as_str())
    );
}

#[tokio::test]
async fn a_53003_from_the_token_endpoint_is_captured_whole() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let attempt = sign_in(&profile(&provider, "ca-token"), &Session::default()).await;
    let Outcome::Refused { error } = &attempt.outcome else {
        panic!("expected a refusal, got {attempt:#?}");
    };
    let sent = last_error(&provider);
    assert_eq!(error.source, ErrorSource::TokenEndpoint);
    assert_eq!(error.code, Some(53003));
    assert_eq!(error.error_codes, vec![53003]);
    assert_eq!(error.error, "interaction_required");
    assert_eq!(error.suberror.as_deref(), Some("message_only"));
    assert_eq!(error.trace_id.as_deref(), sent["trace_id"].as_str());
    assert_eq!(
        error.correlation_id.as_deref(),
        Some(attempt.client_request_id.as_str())
    );
    assert_eq!(error.timestamp.as_deref(), sent["timestamp"].as_str());
    assert!(error.timestamp_utc.is_some());
}

#[tokio::test]
async fn refused_refreshes_are_classified() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    for (user, expected) in [
        ("refresh-expired", RefreshRefusal::ExpiredByInactivity),
        ("refresh-revoked", RefreshRefusal::RevokedByPasswordChange),
    ] {
        let profile = profile(&provider, user);
        let attempt = sign_in(&profile, &Session::default()).await;
        assert!(matches!(attempt.outcome, Outcome::SignedIn { .. }), "{attempt:#?}");
        let saved = Keychain
            .load_refresh_token(&profile.session_key())
            .expect("keychain")
            .expect("saved");
        let discovery = fetch_discovery(&http(), &profile.authority).await.expect("discovery");
        match redeem(profile.clone(), discovery, http(), saved, system_now()).await {
            RefreshOutcome::Refused { refusal, error } => {
                assert_eq!(refusal, expected, "{user}");
                assert!(error.trace_id.is_some());
            }
            _ => panic!("{user}: the refresh should have been refused"),
        }
        Keychain.forget(&profile.session_key()).expect("forget");
    }
}

#[tokio::test]
async fn a_replayed_code_is_refused_by_the_provider_and_reported() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let profile = profile(&provider, "alice");
    let discovery = fetch_discovery(&http(), &profile.authority).await.expect("discovery");
    let listener = LoopbackListener::bind(&profile.redirect_uri).await.expect("listener");
    let client = build_client(&profile, &discovery, Some(listener.redirect_uri().as_str())).expect("client");
    let (challenge, verifier) = oauth2::PkceCodeChallenge::new_random_sha256();
    let verifier_again = oauth2::PkceCodeVerifier::new(verifier.secret().clone());
    let (url, state) = client
        .authorize_url(oauth2::CsrfToken::new_random)
        .add_scope(oauth2::Scope::new("openid".into()))
        .set_pkce_challenge(challenge)
        .add_extra_param("login_hint", "alice")
        .url();
    open_in_headless_chromium(url.as_str()).expect("browser");
    let Ok(Redirect::Code { code, .. }) = listener
        .wait(state.secret(), Duration::from_secs(30), std::future::pending())
        .await
    else {
        panic!("no code came back");
    };
    let code_again = oauth2::AuthorizationCode::new(code.secret().clone());
    exchange_code(&client, &http(), code, verifier, "first", system_now())
        .await
        .expect("the first redemption works");
    match exchange_code(&client, &http(), code_again, verifier_again, "second", system_now()).await {
        Err(TokenRequestFailed::Refused(error)) => assert_eq!(error.error, "invalid_grant"),
        other => panic!("a replayed code must be refused, got {:?}", other.map(|_| "tokens")),
    }
}

// --- The loopback listener on its own: no browser needed. ---

fn get(port: u16, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut text = String::new();
    stream.read_to_string(&mut text).expect("read");
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn a_forged_redirect_is_refused_and_the_real_one_still_completes() {
    let listener = LoopbackListener::bind("http://127.0.0.1/callback").await.expect("bind");
    let port = listener.port();
    let forger = tokio::task::spawn_blocking(move || {
        let wrong = get(port, "/callback?code=evil&state=guessed");
        let missing = get(port, "/callback?code=evil");
        let elsewhere = get(port, "/favicon.ico");
        let real = get(
            port,
            "/callback?code=good&state=expected-state&iss=http%3A%2F%2F127.0.0.1",
        );
        (wrong, missing, elsewhere, real)
    });
    let redirect = listener
        .wait("expected-state", Duration::from_secs(10), std::future::pending())
        .await
        .expect("the real redirect ends the wait");
    let (wrong, missing, elsewhere, real) = forger.await.expect("client");
    assert_eq!(wrong.0, 400);
    assert!(wrong.1.contains("does not belong to the sign-in in progress"));
    assert_eq!(missing.0, 400);
    assert_eq!(elsewhere.0, 404);
    assert_eq!(real.0, 200);
    assert!(real.1.contains("You can close this tab"));
    match redirect {
        Redirect::Code { code, issuer } => {
            assert_eq!(code.secret(), "good");
            assert_eq!(issuer.as_deref(), Some("http://127.0.0.1"));
        }
        Redirect::Error(e) => panic!("unexpected error {e}"),
    }
    // Single use: the listener is closed, so a second redirect is refused.
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the port must be closed after success"
    );
}

#[tokio::test]
async fn an_error_redirect_shows_the_summary_in_the_tab() {
    let listener = LoopbackListener::bind("http://127.0.0.1/").await.expect("bind");
    let port = listener.port();
    let browser = tokio::task::spawn_blocking(move || {
        get(port, "/?state=s&error=access_denied&error_description=AADSTS53003%3A+Access+has+been+blocked.+Trace+ID%3A+0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e+Correlation+ID%3A+7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f+Timestamp%3A+2023-05-29+05%3A46%3A34Z")
    });
    let redirect = listener
        .wait("s", Duration::from_secs(10), std::future::pending())
        .await
        .expect("ends");
    let (status, page) = browser.await.expect("client");
    assert_eq!(status, 200);
    assert!(
        page.contains("Sign-in was refused") && page.contains("0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"),
        "{page}"
    );
    let Redirect::Error(error) = redirect else {
        panic!("expected an error")
    };
    assert_eq!(error.code, Some(53003));
    assert_eq!(
        error.correlation_id.as_deref(),
        Some("7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f")
    );
}

#[tokio::test]
async fn the_listener_times_out_and_frees_its_port() {
    let listener = LoopbackListener::bind("http://127.0.0.1/callback").await.expect("bind");
    let port = listener.port();
    let ended = listener
        .wait("s", Duration::from_millis(300), std::future::pending())
        .await;
    assert!(matches!(ended, Err(WaitEnded::TimedOut(_))), "{ended:?}");
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "the port must be free after a timeout"
    );
    // And the port can be bound again.
    std::net::TcpListener::bind(("127.0.0.1", port)).expect("port reusable");
}

#[tokio::test]
async fn cancelling_closes_the_listener() {
    let listener = LoopbackListener::bind("http://127.0.0.1/callback").await.expect("bind");
    let port = listener.port();
    let ended = listener
        .wait(
            "s",
            Duration::from_secs(30),
            tokio::time::sleep(Duration::from_millis(100)),
        )
        .await;
    assert!(matches!(ended, Err(WaitEnded::Cancelled)));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

fn uuid_like(id: &str) {
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(id.matches('-').count(), 4, "{id}");
}

async fn device_sign_in(profile: &Profile) -> doctor::signin::Attempt {
    let http = http();
    let session = Session::default();
    let ctx = SignInContext {
        profile,
        http: &http,
        session: &session,
        keychain: &Keychain,
        now: system_now(),
    };
    // The "other device": headless Chromium opens the address the app shows.
    let on_progress = |progress: SignInProgress| {
        if let SignInProgress::DeviceCodeShown {
            verification_uri_complete,
            user_code,
            ..
        } = progress
        {
            assert!(!user_code.is_empty());
            let url = verification_uri_complete.expect("the provider sends the complete address");
            open_in_headless_chromium(&url).expect("browser");
        }
    };
    sign_in_on_another_device(&ctx, on_progress, std::future::pending::<Interruption>()).await
}

#[tokio::test]
async fn device_code_sign_in_completes_against_the_providers_device_endpoint() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let profile = profile(&provider, "alice");
    let attempt = device_sign_in(&profile).await;
    assert_eq!(attempt.flow, Flow::DeviceCode);
    let Outcome::SignedIn {
        account,
        refresh_token_status,
        ..
    } = &attempt.outcome
    else {
        panic!("expected a sign-in, got {attempt:#?}");
    };
    assert_eq!(account.username.as_deref(), Some("alice@contoso.example"));
    assert_eq!(refresh_token_status, "saved in this computer's keychain");
    Keychain.forget(&profile.session_key()).expect("forget");
}

#[tokio::test]
async fn a_device_code_sign_in_blocked_by_conditional_access_is_captured() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let attempt = device_sign_in(&profile(&provider, "ca-redirect")).await;
    let Outcome::Refused { error } = &attempt.outcome else {
        panic!("expected a refusal, got {attempt:#?}");
    };
    assert_eq!(error.code, Some(53003), "{error:#?}");
    assert_eq!(error.trace_id.as_deref(), last_error(&provider)["trace_id"].as_str());
}
