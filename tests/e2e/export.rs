//! Export…: the real save dialog (GTK's file chooser) opens, a name is
//! typed into it as a user would (xdotool), and the packet is written in
//! the format the name asks for.

use crate::harness::{display_available, poll, AppWindow};
use std::process::Command;
use std::time::Duration;
use test_peers::closed_port;

fn xdotool(args: &[&str]) -> bool {
    Command::new("xdotool")
        .args(args)
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

#[tokio::test]
async fn export_saves_the_packet_as_html_through_the_save_dialog() {
    if !display_available() {
        return;
    }
    let port = closed_port().expect("port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{port}"))]).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("for-help-desk.html");

    app.find("#export-packet").await.click().await.expect("Export…");
    // The dialog is a separate top-level window titled by the app.
    poll(Duration::from_secs(10), || async {
        xdotool(&["search", "--name", "Export the help-desk report"])
    })
    .await;
    app.screenshot("export-dialog").await;
    let _ = Command::new("import")
        .args(["-window", "root"])
        .arg(crate::harness::e2e_dir().join("export-dialog-screen.png"))
        .status();
    // GTK's chooser takes a full path typed into its name field. There is
    // no window manager on the virtual display, so focus is set directly.
    assert!(xdotool(&[
        "search",
        "--name",
        "Export the help-desk report",
        "windowfocus",
        "--sync"
    ]));
    assert!(xdotool(&["key", "--clearmodifiers", "ctrl+a"]));
    assert!(xdotool(&["type", "--delay", "5", &target.to_string_lossy()]));
    assert!(xdotool(&["key", "Return"]));
    poll(Duration::from_secs(10), || async { target.exists() }).await;
    let page = std::fs::read_to_string(&target).expect("saved");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("What If inputs"), "{page}");
    let status = app.text("#run-status").await;
    assert!(status.contains("Saved the report for help-desk to"), "{status}");
    app.close().await;
}
