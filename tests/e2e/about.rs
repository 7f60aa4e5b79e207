//! The About box: the version and licence from the build, and a help link.

use crate::harness::{display_available, poll, AppWindow};
use std::time::Duration;

#[tokio::test]
async fn about_box_shows_the_version_licence_and_help_page() {
    if !display_available() {
        return;
    }
    // The app runs its checks at start: aim them at a closed loopback port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://{closed}"))]).await;
    app.click("#open-about").await;
    app.wait_for("dialog#about[open]", Duration::from_secs(5)).await;
    poll(Duration::from_secs(5), || async {
        app.text("#about-version").await == format!("Version {}", env!("CARGO_PKG_VERSION"))
    })
    .await;
    assert_eq!(app.text("#about-title").await, "Sign-in Doctor");
    assert_eq!(app.text("#about-licence").await, env!("CARGO_PKG_LICENSE"));
    assert_eq!(app.text("#about-help-address").await, env!("CARGO_PKG_HOMEPAGE"));
    // The dialog is modal and takes focus, so keyboard users land inside it.
    let focused = app
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .expect("active element");
    assert_eq!(focused.as_str(), Some("about-close"));
    // WebKit's WebDriver screenshot leaves out the top layer a modal dialog
    // is drawn in, so take the display's picture instead.
    // Let WebKit paint the dialog before the picture is taken.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let shot = concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e/about.png");
    let taken = std::process::Command::new("import")
        .args(["-window", "root", shot])
        .status()
        .expect("ImageMagick import runs");
    assert!(taken.success(), "screenshot of the display");
    app.click("#about-close").await;
    poll(Duration::from_secs(5), || async {
        app.find("#about").await.attr("open").await.ok().flatten().is_none()
    })
    .await;
    app.close().await;
}
