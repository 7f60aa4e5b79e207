//! The Clock row in the real window, against a real chronyd shifted with faketime.

use crate::harness::{display_available, AppWindow};
use std::time::Duration;
use test_peers::{ChronyServer, OidcProvider};

const CLOCK_ROW: &str = r#"li[data-check-id="clock"]"#;

#[tokio::test]
async fn a_time_server_seven_minutes_ahead_turns_the_clock_row_fail() {
    if !display_available() {
        return;
    }
    let chrony = ChronyServer::start(420).expect("a chronyd shifted +420 s (scripts/test.sh fetches chrony)");
    let provider = OidcProvider::start().expect("provider");
    let app = AppWindow::launch(&[
        ("SIGNIN_DOCTOR_AUTHORITY", provider.issuer.clone()),
        ("SIGNIN_DOCTOR_NTP_SERVERS", chrony.server()),
    ])
    .await;
    app.run_checks_and_wait(Duration::from_secs(20)).await;
    let summary = app.text(&format!("{CLOCK_ROW} .check-summary")).await;
    assert_eq!(
        app.attr(CLOCK_ROW, "data-status").await.as_deref(),
        Some("fail"),
        "{summary}"
    );
    assert!(summary.contains("7 min"), "about seven minutes: {summary}");
    app.click(&format!("{CLOCK_ROW} details summary")).await;
    let fixes = app.text(&format!("{CLOCK_ROW} .fix-steps")).await;
    assert!(
        fixes.contains("timedatectl") || fixes.contains("w32tm") || fixes.contains("sntp"),
        "{fixes}"
    );
    app.screenshot("clock-fail").await;
    // Issue 15: the headline names the clock before anything it breaks.
    assert_eq!(app.attr("#diagnosis", "data-cause").await.as_deref(), Some("clock_off"));
    let headline = app.text("#diagnosis-headline").await;
    assert!(headline.contains("7 minutes behind"), "{headline}");
    app.close().await;
}
