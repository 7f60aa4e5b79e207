//! The device row: what Conditional Access sees of this computer, each fact
//! measured here or marked as not available on this OS.

use crate::harness::{display_available, AppWindow};
use std::time::Duration;
use test_peers::OidcProvider;

const ROW: &str = r#"li[data-check-id="device"]"#;

#[tokio::test]
async fn the_device_row_shows_what_conditional_access_sees() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", provider.issuer.clone())]).await;
    app.run_checks_and_wait(Duration::from_secs(20)).await;
    assert_eq!(app.attr(ROW, "data-status").await.as_deref(), Some("pass"));
    let summary = app.text(&format!("{ROW} .check-summary")).await;
    assert!(summary.starts_with("Linux · "), "{summary}");
    app.click(&format!("{ROW} details summary")).await;
    let evidence = app.text(&format!("{ROW} .evidence")).await;
    for expected in [
        "Device platform (as Conditional Access sees it)",
        "Microsoft Entra join (dsregcmd /status)",
        "not available on this OS (Only on Windows.)",
        "Microsoft Identity Broker",
        "Default browser",
        "Sign-in flow used",
        "No sign-in through the app yet",
        "Client app ID",
    ] {
        assert!(evidence.contains(expected), "{expected} missing from: {evidence}");
    }
    app.scroll_to(&format!("{ROW} .evidence dd:last-of-type")).await;
    app.screenshot("device-row").await;
    app.close().await;
}
