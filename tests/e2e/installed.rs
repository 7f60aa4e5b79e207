//! The installed package, driven like the build: scripts/package-smoke.sh
//! installs the .deb and runs this with SIGNIN_DOCTOR_APP_BINARY set to the
//! installed binary. Skipped otherwise (the other tests drive this build).

use crate::harness::{app_binary, display_available, AppWindow};
use std::time::Duration;
use test_peers::OidcProvider;

const ROW: &str = r#"li[data-check-id="reachability"]"#;

#[tokio::test]
async fn installed_app_runs_a_check() {
    if std::env::var_os("SIGNIN_DOCTOR_APP_BINARY").is_none() {
        eprintln!("skipping: SIGNIN_DOCTOR_APP_BINARY is not set (scripts/package-smoke.sh sets it)");
        return;
    }
    if !display_available() {
        return;
    }
    eprintln!("driving {}", app_binary());
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", provider.issuer.clone())]).await;
    app.run_checks_and_wait(Duration::from_secs(15)).await;
    assert_eq!(app.attr(ROW, "data-status").await.as_deref(), Some("pass"));
    let summary = app.text(&format!("{ROW} .check-summary")).await;
    assert!(summary.contains(&provider.issuer), "{summary}");
    // The package carries the version this source tree says.
    app.click("#open-about").await;
    app.wait_for("dialog#about[open]", Duration::from_secs(5)).await;
    crate::harness::poll(Duration::from_secs(5), || async {
        app.text("#about-version").await == format!("Version {}", env!("CARGO_PKG_VERSION"))
    })
    .await;
    app.screenshot("installed-app-check").await;
    app.close().await;
}
