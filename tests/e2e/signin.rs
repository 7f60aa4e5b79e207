//! Re-authenticate in the real window: the system browser (headless
//! Chromium) signs in at the loopback provider, and the checklist shows it.

use crate::harness::{display_available, poll, AppWindow};
use std::time::Duration;
use test_peers::OidcProvider;

const SIGNIN_ROW: &str = r#"li[data-check-id="signin"]"#;
const REFRESH_ROW: &str = r#"li[data-check-id="refresh"]"#;

pub(crate) fn env_for(provider: &OidcProvider, user: &str) -> Vec<(&'static str, String)> {
    vec![
        ("SIGNIN_DOCTOR_AUTHORITY", provider.issuer.clone()),
        ("SIGNIN_DOCTOR_CLIENT_ID", "signin-doctor-tests".to_owned()),
        ("SIGNIN_DOCTOR_REDIRECT_URI", "http://127.0.0.1/callback".to_owned()),
        ("SIGNIN_DOCTOR_SCOPES", "openid profile email offline_access".to_owned()),
        ("SIGNIN_DOCTOR_LOGIN_HINT", user.to_owned()),
        ("SIGNIN_DOCTOR_SIGNIN_TIMEOUT_SECONDS", "60".to_owned()),
    ]
}

/// Clicks Re-authenticate and waits for the checklist run that follows it.
pub(crate) async fn reauthenticate_and_wait(app: &AppWindow) {
    let before = app.first_run_done().await;
    app.click("#reauthenticate").await;
    poll(Duration::from_secs(45), || async {
        app.completed_runs().await > before
    })
    .await;
}

#[tokio::test]
async fn reauthenticate_signs_in_in_the_browser_and_the_checklist_reruns() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let app = AppWindow::launch(&env_for(&provider, "alice")).await;
    // The first run's answer, not its pending row (a busy machine is slower).
    app.first_run_done().await;
    assert_eq!(
        app.attr(SIGNIN_ROW, "data-status").await.as_deref(),
        Some("skipped"),
        "not signed in before"
    );
    reauthenticate_and_wait(&app).await;

    let summary = app.text(&format!("{SIGNIN_ROW} .check-summary")).await;
    assert_eq!(
        app.attr(SIGNIN_ROW, "data-status").await.as_deref(),
        Some("pass"),
        "{summary}"
    );
    // Presenter mode is on by default: the account is masked on screen…
    assert!(summary.contains("Signed in as a•••@c•••.example"), "{summary}");
    assert!(!summary.contains("alice@"), "{summary}");
    assert!(summary.contains("valid until"), "{summary}");
    app.screenshot("signin-pass-presenter").await;
    // …and each masked value can be revealed on its own.
    app.click(&format!("{SIGNIN_ROW} .check-summary .personal button.masked"))
        .await;
    let revealed = app.text(&format!("{SIGNIN_ROW} .check-summary")).await;
    assert!(revealed.contains("Signed in as alice@contoso.example"), "{revealed}");
    // The rerun also redeemed the refresh token the sign-in saved in the keychain.
    assert_eq!(app.attr(REFRESH_ROW, "data-status").await.as_deref(), Some("pass"));
    // Issue 15: the controlled call with the access token: the provider's
    // real userinfo endpoint accepts it.
    let call_row = r#"li[data-check-id="token_call"]"#;
    let call = app.text(&format!("{call_row} .check-summary")).await;
    assert_eq!(
        app.attr(call_row, "data-status").await.as_deref(),
        Some("pass"),
        "{call}"
    );
    assert!(
        call.contains("The token works: userinfo accepted it (HTTP 200)"),
        "{call}"
    );

    // Switching presenter mode off shows everything; on again masks everything again.
    app.click("#presenter-mode").await;
    let plain = app.text(&format!("{SIGNIN_ROW} .check-summary")).await;
    assert!(plain.contains("alice@contoso.example"), "{plain}");
    app.click("#presenter-mode").await;
    let masked = app.text(&format!("{SIGNIN_ROW} .check-summary")).await;
    assert!(!masked.contains("alice@"), "revealed values are masked again: {masked}");

    // No token the provider issued appears in the app's log.
    let tokens = provider.last_tokens().expect("issued tokens");
    let log = app.log_text();
    assert!(
        log.contains("sign-in ended: signed in"),
        "the log records the sign-in: {log}"
    );
    for name in ["access_token", "refresh_token", "id_token"] {
        let token = tokens[name].as_str().unwrap_or_default();
        assert!(token.len() > 16, "the provider issued a {name}");
        assert!(!log.contains(token), "{name} bytes found in the app's log");
    }
    // The log is the user's alone: its folder 0700, its files 0600 (Unix).
    #[cfg(unix)]
    for (path, mode) in app.log_modes() {
        let wanted = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, wanted, "{} is {mode:o}", path.display());
    }
    app.close().await;
}

#[tokio::test]
async fn a_53003_sign_in_shows_the_code_and_the_ids_the_service_sent() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let app = AppWindow::launch(&env_for(&provider, "ca-redirect")).await;
    reauthenticate_and_wait(&app).await;

    assert_eq!(app.attr(SIGNIN_ROW, "data-status").await.as_deref(), Some("fail"));
    let summary = app.text(&format!("{SIGNIN_ROW} .check-summary")).await;
    assert!(
        summary.starts_with("AADSTS53003: Access has been blocked by Conditional Access policies"),
        "{summary}"
    );
    app.click(&format!("{SIGNIN_ROW} details summary")).await;
    let evidence = app.text(&format!("{SIGNIN_ROW} .evidence")).await;
    let sent = provider.last_error().expect("the provider's error");
    for field in ["trace_id", "correlation_id", "timestamp"] {
        let value = sent[field].as_str().expect("sent");
        assert!(
            evidence.contains(value),
            "{field} {value} not shown exactly: {evidence}"
        );
    }
    assert!(evidence.contains("AADSTS53003"), "{evidence}");
    let fixes = app.text(&format!("{SIGNIN_ROW} .fix-steps")).await;
    assert!(fixes.contains("Conditional Access"), "{fixes}");

    // Issue 15: the headline above the rows names the likely requirement:
    // this test machine is not registered with Entra (no broker).
    let cause = app.attr("#diagnosis", "data-cause").await;
    assert_eq!(cause.as_deref(), Some("device_not_known_to_entra"));
    let headline = app.text("#diagnosis-headline").await;
    assert!(
        headline.starts_with("A registered or compliant device is required") && headline.contains("AADSTS53003"),
        "{headline}"
    );
    let shown_by = app.text("#diagnosis-evidence").await;
    assert!(
        shown_by.contains("Sign-in") && shown_by.contains("This device"),
        "{shown_by}"
    );
    app.screenshot("signin-53003").await;
    app.client
        .execute("document.querySelector('main').scrollTop = 0", vec![])
        .await
        .expect("scroll to the top");
    // The screenshot is of the last painted frame: let the scroll paint.
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("diagnosis-53003").await;

    // History keeps the run, and filtering by 53003 finds it.
    app.click("#tab-history").await;
    app.find("#history-code").await.send_keys("53003").await.expect("type");
    let typed = app.find("#history-code").await.prop("value").await.expect("value");
    assert_eq!(typed.as_deref(), Some("53003"));
    app.click("#history-filter").await;
    poll(Duration::from_secs(5), || async {
        app.text("#history-status").await.contains("naming AADSTS53003")
    })
    .await;
    let listed = app.text("#history-list").await;
    assert!(listed.contains("AADSTS53003") && listed.contains("Fail"), "{listed}");
    assert_eq!(
        app.text("#history-status").await,
        "1 run naming AADSTS53003.",
        "only the failed run, not the ones before it"
    );
    app.screenshot("history-53003").await;
    app.close().await;
}

#[tokio::test]
async fn pasting_the_error_pages_details_ends_the_wait_with_them() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    // An unknown user: the provider shows its own login page and waits, as a
    // browser stuck on an error page would.
    let app = AppWindow::launch(&env_for(&provider, "nobody")).await;
    let before = app.first_run_done().await;
    app.click("#reauthenticate").await;
    let paste = app
        .wait_for("#signin-wait:not([hidden]) #signin-paste", Duration::from_secs(10))
        .await;
    let request_id = app.text("#signin-request-id").await;
    assert_eq!(
        request_id.len(),
        36,
        "the attempt's client-request-id is shown: {request_id}"
    );
    // The status line is the engine's sentence (with the wait it allows: 60 s here).
    assert_eq!(
        app.text("#run-status").await,
        "Waiting for you to finish signing in in the browser (up to 60 seconds)."
    );
    app.screenshot("signin-waiting").await;
    paste
        .send_keys("Error Code: 53003\nRequest Id: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e\nCorrelation Id: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f\nTimestamp: 2026-11-26T10:00:00.000Z")
        .await
        .expect("type");
    app.click("#signin-paste-use").await;
    poll(Duration::from_secs(15), || async {
        app.completed_runs().await > before
    })
    .await;
    assert_eq!(app.attr(SIGNIN_ROW, "data-status").await.as_deref(), Some("fail"));
    app.click(&format!("{SIGNIN_ROW} details summary")).await;
    let evidence = app.text(&format!("{SIGNIN_ROW} .evidence")).await;
    assert!(evidence.contains("0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"), "{evidence}");
    assert!(evidence.contains("the error page's details you pasted"), "{evidence}");
    assert!(
        app.find("#signin-wait")
            .await
            .attr("hidden")
            .await
            .expect("attr")
            .is_some(),
        "the waiting panel closed"
    );
    app.close().await;
}

#[tokio::test]
async fn sign_in_on_another_device_shows_a_large_code_and_completes() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let app = AppWindow::launch(&env_for(&provider, "alice")).await;
    let before = app.first_run_done().await;
    app.click("#device-sign-in").await;
    let panel = app
        .wait_for("#device-code:not([hidden])", Duration::from_secs(10))
        .await;
    let code = app.text("#device-code-value").await;
    assert_eq!(code.len(), 9, "a user code like ABCD-EFGH: {code}");
    let warning = panel.text().await.expect("text");
    assert!(warning.contains("can never meet a Conditional Access policy that requires a compliant or joined device"));
    assert_eq!(
        app.text("#run-status").await,
        "Waiting for the sign-in on the other device…"
    );
    app.screenshot("device-code").await;
    confirm_on_the_other_device(&app, &panel, before).await;
    let summary = app.text(&format!("{SIGNIN_ROW} .check-summary")).await;
    assert_eq!(
        app.attr(SIGNIN_ROW, "data-status").await.as_deref(),
        Some("pass"),
        "{summary}"
    );
    app.click(&format!("{SIGNIN_ROW} details summary")).await;
    assert!(app
        .text(&format!("{SIGNIN_ROW} .evidence"))
        .await
        .contains("device code"));
    app.close().await;
}

/// Issue 15: a device-code sign-in that Conditional Access refuses is named
/// as this way of signing in being blocked, not as "sign in again".
#[tokio::test]
async fn a_blocked_device_code_sign_in_is_named_as_the_way_of_signing_in() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let app = AppWindow::launch(&env_for(&provider, "ca-token")).await;
    let before = app.first_run_done().await;
    app.click("#device-sign-in").await;
    let panel = app
        .wait_for("#device-code:not([hidden])", Duration::from_secs(10))
        .await;
    confirm_on_the_other_device(&app, &panel, before).await;
    assert_eq!(app.attr(SIGNIN_ROW, "data-status").await.as_deref(), Some("fail"));
    assert_eq!(
        app.attr("#diagnosis", "data-cause").await.as_deref(),
        Some("device_code_blocked")
    );
    let headline = app.text("#diagnosis-headline").await;
    assert!(
        headline.starts_with("This way of signing in is blocked") && headline.contains("AADSTS53003"),
        "{headline}"
    );
    let next = app.text("#diagnosis-next").await;
    assert!(next.contains("in the browser on this computer"), "{next}");
    app.client
        .execute("document.querySelector('main').scrollTop = 0", vec![])
        .await
        .expect("scroll to the top");
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("diagnosis-device-code").await;
    app.close().await;
}

/// The other device: headless Chromium opens the address with the code in
/// it, and the app's checklist runs again once the sign-in ends.
async fn confirm_on_the_other_device(app: &AppWindow, panel: &fantoccini::elements::Element, runs_before: u64) {
    let url = panel
        .attr("data-verification-uri-complete")
        .await
        .expect("attr")
        .expect("address");
    test_peers::open_in_headless_chromium(&url).expect("browser");
    poll(Duration::from_secs(45), || async {
        app.completed_runs().await > runs_before
    })
    .await;
}
