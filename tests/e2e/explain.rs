//! "Explain an error" and "Copy for help-desk" in the real window; the
//! clipboard is read back with xclip, as another program would paste it.

use crate::harness::{clipboard, display_available, poll, AppWindow};
use std::time::Duration;
use test_peers::closed_port;

const TRACE: &str = "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e";
const CORRELATION: &str = "7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f";

#[tokio::test]
async fn a_pasted_53003_page_is_explained_and_the_packet_masks_addresses_in_presenter_mode() {
    if !display_available() {
        return;
    }
    let port = closed_port().expect("port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{port}"))]).await;
    // Presenter mode is on from the first start: screen-sharing is safe by default.
    assert!(
        app.find("#presenter-mode")
            .await
            .is_selected()
            .await
            .expect("switch state"),
        "presenter mode is on by default"
    );
    app.click("#tab-explain").await;
    let page = format!(
        "Sign in as alice@contoso.example\nYou cannot access this right now\nTroubleshooting details\nRequest Id: {TRACE}\nCorrelation Id: {CORRELATION}\nTimestamp: 2023-05-29T05:46:34.837Z\nApp name: Microsoft Azure CLI\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nIP address: 203.0.113.24\nDevice identifier: 11111111-aaaa-4bbb-8ccc-222222222222\nDevice platform: Windows 10\nDevice state: Unregistered\nError Code: 53003"
    );
    app.find("#error-input").await.send_keys(&page).await.expect("paste");
    app.click("#error-explain").await;
    app.wait_for("#error-result:not([hidden])", Duration::from_secs(5))
        .await;

    let typed = app
        .find("#error-input")
        .await
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    assert_eq!(
        app.text("#error-code").await,
        "AADSTS53003 BlockedByConditionalAccess",
        "typed: {typed:?}"
    );
    let category = app.text("#error-category").await;
    assert!(
        category.contains("Conditional Access") && category.contains("a tenant administrator"),
        "{category}"
    );
    assert!(!app.text("#error-steps").await.is_empty());
    let ids = app.text("#error-ids").await;
    assert!(
        ids.contains(TRACE) && ids.contains(CORRELATION) && ids.contains("2023-05-29T05:46:34Z"),
        "{ids}"
    );
    assert!(
        !ids.contains("11111111-aaaa"),
        "the device identifier is not an ID help-desk searches by"
    );
    // What Conditional Access saw, from the page; presenter mode masks the address.
    let seen = app.text("#error-page").await;
    for fact in ["Microsoft Azure CLI", "Windows 10", "Unregistered", "203.0.113."] {
        assert!(seen.contains(fact), "{fact} in {seen}");
    }
    assert!(!seen.contains("203.0.113.24"), "{seen}");
    app.screenshot("explain-53003").await;
    app.scroll_to("#error-page").await;
    // WebKit's screenshot is the last painted frame: let the scroll paint.
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot("explain-53003-page-facts").await;

    app.click("#error-copy").await;
    poll(Duration::from_secs(5), || async { clipboard().contains("AADSTS53003") }).await;
    let packet = clipboard();
    assert!(packet.contains(TRACE) && packet.contains(CORRELATION), "{packet}");
    assert!(packet.contains("Who can fix it: a tenant administrator"), "{packet}");
    assert!(
        !packet.contains("alice@contoso.example"),
        "presenter mode masks addresses: {packet}"
    );
    assert!(packet.contains("No tokens are included"), "{packet}");
    // The 53003 context: device facts, each measured or marked, and the What If inputs.
    assert!(
        packet.contains("- Device platform (as Conditional Access sees it): Linux"),
        "{packet}"
    );
    assert!(
        packet.contains("- Microsoft Entra join (dsregcmd /status): not available on this OS"),
        "{packet}"
    );
    assert!(packet.contains("What If inputs"), "{packet}");
    assert!(
        packet.contains("- Client apps: Mobile apps and desktop clients"),
        "{packet}"
    );
    app.close().await;
}

/// The view shows the engine's words: before, its own copy said "Account"
/// where the engine says "Account and password".
#[tokio::test]
async fn the_explain_view_shows_the_engines_category_and_who_words() {
    if !display_available() {
        return;
    }
    let port = closed_port().expect("port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{port}"))]).await;
    app.click("#tab-explain").await;
    app.find("#error-input")
        .await
        .send_keys("AADSTS50126: Error validating credentials due to invalid username or password.")
        .await
        .expect("paste");
    app.click("#error-explain").await;
    app.wait_for("#error-result:not([hidden])", Duration::from_secs(5))
        .await;
    assert_eq!(
        app.text("#error-category").await,
        "Account and password · who can fix it: you"
    );
    assert!(app.text("#error-steps").await.starts_with("You: "));
    app.screenshot("explain-50126-words").await;
    app.close().await;
}

/// Issue 12: Open a log file… reads a 10 MiB and a 64 MiB log whose
/// AADSTS53003 is on the last line, through the real open dialog; the engine
/// reads the file itself, and the view says what was read. Past 64 MiB the
/// view says what was not read.
#[tokio::test]
async fn open_a_log_file_explains_the_last_line_of_a_10_and_a_64_mib_log() {
    use test_peers::{long_log, LOG_CORRELATION_ID, LOG_LAST_LINE, LOG_TIMESTAMP, LOG_TRACE_ID};
    if !display_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mib = 1024 * 1024;
    let logs = [
        (
            "az-login-10mib.log",
            10 * mib,
            "Read all of az-login-10mib.log (10.0 MiB).",
        ),
        (
            "az-login-64mib.log",
            64 * mib,
            "Read all of az-login-64mib.log (64.0 MiB).",
        ),
        (
            "az-login-70mib.log",
            70 * mib,
            "Read the last 64.0 MiB of az-login-70mib.log (70.0 MiB); the first 6.0 MiB were not read.",
        ),
    ];
    let port = closed_port().expect("port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{port}"))]).await;
    app.click("#tab-explain").await;
    for (name, bytes, read_words) in logs {
        let path = dir.path().join(name);
        std::fs::write(&path, long_log(bytes, LOG_LAST_LINE)).expect("write the log");
        app.click("#error-open").await;
        let dialog_shot = (bytes == 64 * mib).then_some("explain-open-dialog");
        app.open_through_dialog("Open a log file to explain", &path, dialog_shot)
            .await;
        poll(Duration::from_secs(30), || async {
            app.text("#error-source").await.contains(name)
        })
        .await;
        let source = app.text("#error-source").await;
        assert!(source.starts_with(read_words), "{name}: {source}");
        assert_eq!(bytes > 64 * mib, source.contains("were not"), "{name}: {source}");
        assert_eq!(
            app.text("#error-code").await,
            "AADSTS53003 BlockedByConditionalAccess",
            "{name}"
        );
        let ids = app.text("#error-ids").await;
        assert!(
            ids.contains(LOG_TRACE_ID) && ids.contains(LOG_CORRELATION_ID) && ids.contains(LOG_TIMESTAMP),
            "{name}: {ids}"
        );
        assert_eq!(app.text("#error-status").await, "", "{name}");
        if bytes == 64 * mib {
            app.screenshot("explain-log-64mib").await;
        }
        std::fs::remove_file(&path).expect("remove the log");
    }
    app.screenshot("explain-log-70mib").await;
    app.close().await;
}
