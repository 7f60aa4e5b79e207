//! Help-desk mode in the real window: a user hits 53003 against the
//! oidc-provider peer and exports the packet; Open packet… (the real GTK
//! open dialog) loads it, and the window shows what help-desk searches by.
//! A packet file given at launch, or to a second launch, opens the same way.

use crate::harness::{app_binary, display_available, poll, AppWindow};
use crate::signin::{env_for, reauthenticate_and_wait};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use test_peers::OidcProvider;

/// The user's side: a 53003 sign-in, then Export… as JSON.
async fn user_exports_a_53003_packet(app: &AppWindow, target: &Path) {
    reauthenticate_and_wait(app).await;
    app.click("#export-packet").await;
    app.save_through_dialog("Export the help-desk report", target, None)
        .await;
}

/// What the packet view shows for the provider's 53003.
async fn assert_packet_shown(app: &AppWindow, provider: &OidcProvider) {
    app.wait_for("#packet-result:not([hidden])", Duration::from_secs(10))
        .await;
    let sent = provider.last_error().expect("the provider's error");
    let facts = app.text("#packet-facts").await;
    for field in ["trace_id", "correlation_id"] {
        let value = sent[field].as_str().expect("sent").to_ascii_lowercase();
        assert!(facts.contains(&value), "{field} {value} not shown: {facts}");
    }
    let error = app.text("#packet-error").await;
    assert!(error.starts_with("AADSTS53003 BlockedByConditionalAccess"), "{error}");
    // The packet was made in presenter mode (the default): the user is masked in it.
    assert!(facts.contains("(masked in the packet)"), "{facts}");
    let notes = app.text("#packet-notes").await;
    assert!(notes.contains("presenter mode"), "{notes}");
    let what_if = app.text("#packet-what-if").await;
    assert!(what_if.contains("mobileAppsAndDesktopClients"), "{what_if}");
    assert!(
        app.text("#packet-not-in").await.contains("IP address"),
        "inputs the packet lacks are named"
    );
    assert!(
        app.find("#helpdesk-signin").await.is_displayed().await.expect("shown"),
        "the next step is offered"
    );
}

#[tokio::test]
async fn open_packet_reads_the_json_a_user_exported_after_a_53003() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let app = AppWindow::launch(&env_for(&provider, "ca-redirect")).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let packet = dir.path().join("packet from the user.json");
    user_exports_a_53003_packet(&app, &packet).await;
    let text = std::fs::read_to_string(&packet).expect("exported");
    assert!(text.contains("\"kind\": \"refused\""), "{text}");

    app.click("#tab-helpdesk").await;
    let opened = Instant::now();
    app.click("#packet-open").await;
    app.open_through_dialog("Open the packet a user sent", &packet, Some("helpdesk-open-dialog"))
        .await;
    assert_packet_shown(&app, &provider).await;
    eprintln!("packet shown {:?} after the dialog closed", opened.elapsed());
    let status = app.text("#packet-status").await;
    assert_eq!(
        status,
        "Read packet from the user.json as a Sign-in Doctor packet (JSON)."
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("helpdesk-packet-opened").await;

    // A paste goes through the same reader; text with nothing to look up gets a verdict.
    app.client
        .execute("document.getElementById('packet-paste-box').open = true", vec![])
        .await
        .expect("open the paste box");
    app.find("#packet-input")
        .await
        .send_keys("my computer says no")
        .await
        .expect("type");
    app.click("#packet-read").await;
    poll(Duration::from_secs(5), || async {
        app.text("#packet-status").await.contains("nothing to look up")
    })
    .await;
    assert!(!app.find("#packet-result").await.is_displayed().await.expect("hidden"));
    app.close().await;
}

#[tokio::test]
async fn a_packet_file_given_at_launch_or_to_a_second_launch_opens_in_the_help_desk_view() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let dir = tempfile::tempdir().expect("temp dir");
    let packet = dir.path().join("alice.signindoctor");
    {
        let app = AppWindow::launch(&env_for(&provider, "ca-redirect")).await;
        user_exports_a_53003_packet(&app, &packet).await;
        app.close().await;
    }

    // First launch: the file is the app's argument (a double-click).
    let env = env_for(&provider, "ca-redirect");
    let app = AppWindow::launch_with_args(&env, None, &[packet.display().to_string()]).await;
    assert_packet_shown(&app, &provider).await;
    assert_eq!(
        app.attr("#tab-helpdesk", "aria-selected").await.as_deref(),
        Some("true"),
        "the help-desk view is shown"
    );
    app.screenshot("helpdesk-packet-at-launch").await;

    // Second launch while the app runs: single-instance hands the file over.
    app.click("#tab-checklist").await;
    let other = dir.path().join("bob.md");
    std::fs::write(
        &other,
        "# Sign-in Doctor report\n\n## The error\n\n**AADSTS53000 DeviceNotCompliant**: x\n\n- Request ID (Trace ID): `11111111-2222-4333-8444-555555555555`\n",
    )
    .expect("write");
    let mut second = Command::new(app_binary())
        .arg(&other)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("SIGNIN_DOCTOR_CONFIG", app.scratch_dir().join("config.toml"))
        .env("SIGNIN_DOCTOR_SYSTEM_CONFIG", app.scratch_dir().join("system.toml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("second launch");
    let started = Instant::now();
    let exited = loop {
        match second.try_wait() {
            Ok(Some(status)) => break Some(status),
            _ if started.elapsed() > Duration::from_secs(20) => break None,
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    if exited.is_none() {
        let _ = second.kill();
        let _ = second.wait();
    }
    assert!(exited.is_some(), "the second launch hands over and exits");
    poll(Duration::from_secs(10), || async {
        app.text("#packet-error").await.starts_with("AADSTS53000")
    })
    .await;
    assert_eq!(
        app.attr("#tab-helpdesk", "aria-selected").await.as_deref(),
        Some("true")
    );
    let facts = app.text("#packet-facts").await;
    assert!(facts.contains("11111111-2222-4333-8444-555555555555"), "{facts}");
    assert_eq!(
        app.text("#packet-status").await,
        "Read bob.md as a Sign-in Doctor packet (Markdown)."
    );
    app.close().await;
}
