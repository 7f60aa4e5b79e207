//! The Settings view in the real window.

use crate::harness::{display_available, poll, AppWindow};
use std::time::Duration;

/// Issue 13 item 5: a proxy password typed into Settings goes to the
/// keychain; the file, the field after saving and the log hold only the
/// user and address.
#[tokio::test]
async fn a_proxy_password_saved_in_settings_stays_out_of_the_file_and_off_the_screen() {
    if !display_available() || !test_peers::real_session_available() {
        return;
    }
    let app = AppWindow::launch(&[]).await;
    app.click("#tab-settings").await;
    let field = app.wait_for("#setting-proxy", Duration::from_secs(10)).await;
    field.clear().await.expect("clear");
    let user = format!("e2e{}", std::process::id());
    field
        .send_keys(&format!("http://{user}:Typed-Pw-5@127.0.0.1:3128"))
        .await
        .expect("type");
    app.click("#settings-save").await;
    poll(Duration::from_secs(15), || async {
        app.text("#settings-status").await.starts_with("Saved")
    })
    .await;

    let file = app.config_text();
    assert!(
        file.contains(&format!("proxy = \"http://{user}@127.0.0.1:3128\"")),
        "{file}"
    );
    assert!(!file.contains("Typed-Pw-5"), "{file}");
    // The field shows the value in effect (the tests' SIGNIN_DOCTOR_PROXY
    // wins over the file), never the typed password.
    let shown = app.find("#setting-proxy").await.prop("value").await.expect("value");
    assert!(!shown.unwrap_or_default().contains("Typed-Pw-5"));
    let help = app.text("#view-settings").await;
    assert!(help.contains("kept in the system keychain"), "{help}");
    assert!(!app.log_text().contains("Typed-Pw-5"));
    app.screenshot("settings-proxy-password").await;

    // Going back to the default deletes the keychain item too.
    app.click("#setting-proxy + button").await;
    app.click("#settings-save").await;
    poll(Duration::from_secs(15), || async {
        !app.config_text().contains("proxy =")
    })
    .await;
    let account = url::Url::parse(&format!("http://{user}@127.0.0.1:3128")).expect("url");
    let account = doctor::store::ProxyAccount::of(&account).expect("user");
    // The keychain item goes just after the file is written.
    poll(Duration::from_secs(15), || async {
        use doctor::store::ProxyPasswords;
        matches!(doctor::store::Keychain.load_proxy_password(&account), Ok(None))
    })
    .await;
    app.close().await;
}

/// Issue 24: each value's source, the files and the personal value are
/// named in the engine's words (the view keeps no copy of them).
#[tokio::test]
async fn each_source_is_named_in_the_engines_words() {
    if !display_available() {
        return;
    }
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_CLIENT_ID", "e2e-client".to_owned())]).await;
    app.click("#tab-settings").await;
    app.wait_for("#setting-client_id", Duration::from_secs(10)).await;
    assert_eq!(
        app.text("#setting-client_id-source .source-kind").await,
        "Environment variable"
    );
    assert_eq!(
        app.text("#setting-scopes-source .source-kind").await,
        "Built-in default"
    );
    let files = app.text("#settings-files").await;
    assert!(
        files.contains("Your settings file") && files.contains("Your IT department's settings file"),
        "{files}"
    );
    // The personal value's reveal button names it in the engine's words.
    let reveal = app.attr("#setting-login_hint ~ .reveal-input", "aria-label").await;
    assert_eq!(reveal.as_deref(), Some("Show the sign-in name"));
    app.screenshot("settings-sources").await;
    app.close().await;
}
