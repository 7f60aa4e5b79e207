//! Export…: the real save dialog (GTK's file chooser) opens, a name is
//! typed into it as a user would (xdotool), and the packet is written in
//! the format the name asks for.

use crate::harness::{display_available, AppWindow};
use test_peers::closed_port;

#[tokio::test]
async fn export_saves_the_packet_as_html_through_the_save_dialog() {
    if !display_available() {
        return;
    }
    let port = closed_port().expect("port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{port}"))]).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("for-help-desk.html");

    app.click("#export-packet").await;
    app.save_through_dialog("Export the help-desk report", &target, Some("export-dialog"))
        .await;
    let page = std::fs::read_to_string(&target).expect("saved");
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("What If inputs"), "{page}");
    let status = app.text("#run-status").await;
    assert!(status.contains("Saved the report for help-desk to"), "{status}");
    app.close().await;
}
