//! Presenter mode after a real sign-in: the test user's display name and
//! e-mail address appear nowhere on screen, in anything copied, or in an
//! export, because every view and copy masks from the engine's marks.

use crate::harness::{clipboard, display_available, poll, AppWindow};
use crate::signin::{env_for, reauthenticate_and_wait};
use serde_json::json;
use std::time::Duration;
use test_peers::OidcProvider;

/// The oidc-provider peer's user "alice" (tests/peers/oidc/server.mjs).
const NAME: &str = "Alice Example";
const EMAIL: &str = "alice@contoso.example";
const SIGNIN_ROW: &str = r#"li[data-check-id="signin"]"#;
const COPY_DETAILS: &str = r#"li[data-check-id="signin"] button[data-action="copy_details"]"#;

fn assert_masked(place: &str, text: &str) {
    for value in [NAME, EMAIL] {
        assert!(!text.contains(value), "{value} in {place}: {text}");
    }
}

/// Everything the page shows, with every row's details opened.
async fn screen_text(app: &AppWindow) -> String {
    let text = app
        .client
        .execute(
            "document.querySelectorAll('details').forEach((d) => { d.open = true; }); return document.body.innerText;",
            vec![],
        )
        .await
        .expect("page text");
    text.as_str().unwrap_or_default().to_owned()
}

/// Shows the Sign-in row at the top of the window, for the screenshots.
async fn show_signin_row(app: &AppWindow) {
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
            vec![json!(SIGNIN_ROW)],
        )
        .await
        .expect("scroll");
}

/// Clicks a copy button and reads the clipboard once it holds `expected`.
async fn copy(app: &AppWindow, button: &str, expected: &str) -> String {
    app.click(button).await;
    poll(Duration::from_secs(15), || async { clipboard().contains(expected) }).await;
    clipboard()
}

async fn open_tab(app: &AppWindow, tab: &str) {
    app.click(&format!("#tab-{tab}")).await;
}

#[tokio::test]
async fn with_presenter_mode_on_no_screen_copy_or_export_holds_the_users_name_or_address() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let app = AppWindow::launch(&env_for(&provider, "alice")).await;
    reauthenticate_and_wait(&app).await;
    assert_eq!(app.attr(SIGNIN_ROW, "data-status").await.as_deref(), Some("pass"));

    // The checklist: the name and the address are there, masked by their own rules.
    let checklist = screen_text(&app).await;
    assert_masked("the checklist", &checklist);
    assert!(checklist.contains("Signed in as a•••@c•••.example"), "{checklist}");
    assert!(checklist.contains("A••• E•••"), "the display name, masked: {checklist}");
    show_signin_row(&app).await;
    app.screenshot("presenter-checklist-on").await;
    // Each masked value says what it reveals.
    let labels = app
        .client
        .execute(
            "return [...document.querySelectorAll('#checklist .personal button.masked')].map((b) => b.getAttribute('aria-label'));",
            vec![],
        )
        .await
        .expect("labels");
    // (then the masked text itself, so the visible words are in the name)
    for label in ["Show the sign-in name, a•••@c•••.example", "Show the name, A••• E•••"] {
        assert!(
            labels.as_array().is_some_and(|l| l.contains(&json!(label))),
            "{label}: {labels}"
        );
    }

    // Copy details, then Copy for help-desk: both masked.
    let details = copy(&app, COPY_DETAILS, "Sign-in: Pass").await;
    assert_masked("Copy details", &details);
    assert!(details.contains("Name: A••• E•••"), "{details}");
    let packet = copy(&app, "#copy-packet", "Sign-in Doctor report").await;
    assert_masked("the help-desk packet", &packet);
    assert!(packet.contains("- Account: a•••@c•••.example"), "{packet}");

    // Export…, as JSON: every field of the packet.
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("for-help-desk.json");
    app.click("#export-packet").await;
    app.save_through_dialog("Export the help-desk report", &target, None)
        .await;
    poll(Duration::from_secs(5), || async {
        std::fs::read_to_string(&target).is_ok_and(|t| t.ends_with('}'))
    })
    .await;
    let exported = std::fs::read_to_string(&target).expect("saved");
    assert_masked("the export", &exported);
    assert!(exported.contains("\"presenter_mode\": true"), "{exported}");

    // History and the token inspector mask from the same marks.
    open_tab(&app, "history").await;
    app.wait_for(".history-entry", Duration::from_secs(5)).await;
    assert_masked("history", &screen_text(&app).await);
    open_tab(&app, "inspector").await;
    app.click("#token-mine-id").await;
    app.wait_for(r#"#token-claims tr[data-claim="name"]"#, Duration::from_secs(5))
        .await;
    let inspector = screen_text(&app).await;
    assert_masked("the token inspector", &inspector);
    assert!(inspector.contains("A••• E•••"), "{inspector}");

    // With presenter mode off, the same screen shows them, and so does a copy.
    app.click("#presenter-mode").await;
    let plain = screen_text(&app).await;
    assert!(plain.contains(NAME) && plain.contains(EMAIL), "{plain}");
    open_tab(&app, "checklist").await;
    show_signin_row(&app).await;
    app.screenshot("presenter-checklist-off").await;
    // What the clipboard waits for differs from the first copy, so this one is read only once it lands.
    copy(&app, COPY_DETAILS, &format!("Name: {NAME}")).await;
    app.close().await;
}

/// The user in a help-desk packet and in the sign-in log entry the lookup
/// finds: a guest, whose sign-in name has `_` and `#` (Markdown's own marks).
const UPN: &str = "alice_fabrikam.com#EXT#@contoso.onmicrosoft.com";
/// The same name as the packet's Markdown writer escapes it.
const UPN_IN_MARKDOWN: &str = r"alice\_fabrikam.com\#EXT\#@contoso.onmicrosoft.com";
/// The IP address in the packet's What If inputs and in the entry (the Graph peer's).
const IP_ADDRESS: &str = "203.0.113.24";
const DEVICE_NAME: &str = "CONTOSO-LAPTOP-7";

#[tokio::test]
async fn with_presenter_mode_on_the_help_desk_view_shows_no_personal_value_of_the_packet_or_the_answer() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let graph = test_peers::GraphServer::start(&provider.issuer, test_peers::GraphTenant::contoso(chrono::Utc::now()))
        .expect("graph peer");
    // A packet made with presenter mode off: its user and IP address are plain in it.
    let (request_id, correlation_id) = (
        "4d5e6f70-8192-4a3b-8c4d-5e6f70819203",
        "5e6f7081-9203-4b4c-9d5e-6f7081920314",
    );
    let when = chrono::Utc::now();
    let mut entry = test_peers::graph_fixtures::blocked_entry(request_id, correlation_id, when, UPN);
    entry["deviceDetail"]["displayName"] = json!(DEVICE_NAME);
    // Graph's words name the user too: the window shows them by their marks.
    entry["status"]["failureReason"] = json!(format!(
        "Access has been blocked for {UPN} by Conditional Access policies."
    ));
    graph.edit(|tenant| tenant.sign_ins.push(entry));
    let dir = tempfile::tempdir().expect("temp dir");
    let packet = dir.path().join("from the user.md");
    std::fs::write(
        &packet,
        format!(
            "# Sign-in Doctor report\n\nMade {time} UTC by Sign-in Doctor 0.1.0.\n\n## The error\n\n\
             **AADSTS53003 BlockedByConditionalAccess**: Access has been blocked by Conditional Access policies.\n\n\
             - Request ID (Trace ID): `{request_id}`\n- Correlation ID: `{correlation_id}`\n- Timestamp (UTC): `{time}`\n\n\
             ## What If inputs (Entra admin center › Conditional Access › Policies › What If)\n\n\
             - User: {UPN_IN_MARKDOWN}\n- Device platform: Windows 11\n- Client apps: Browser\n- Location / IP: {IP_ADDRESS} (NG)\n\n\
             _No tokens are included in this report._\n",
            time = when.format("%Y-%m-%d %H:%M:%S"),
        ),
    )
    .expect("write the packet");

    let env = crate::helpdesk::env_with_graph(&provider, &graph);
    let app = AppWindow::launch_with_args(&env, None, &[packet.display().to_string()]).await;
    app.wait_for("#packet-result:not([hidden])", Duration::from_secs(10))
        .await;
    let personal = [UPN, UPN_IN_MARKDOWN, "fabrikam", IP_ADDRESS, DEVICE_NAME];
    let assert_none = |place: &str, text: &str| {
        for value in personal {
            assert!(!text.contains(value), "{value} in {place}: {text}");
        }
    };
    let packet_view = screen_text(&app).await;
    assert_none("the packet's reading", &packet_view);
    assert!(packet_view.contains("a•••@c•••.com"), "the user, masked: {packet_view}");
    assert!(
        packet_view.contains("203.0.113.•••"),
        "the IP address, masked: {packet_view}"
    );

    // The answer, found by the help-desk sign-in (headless Chromium) and the Graph peer.
    app.click("#helpdesk-sign-in").await;
    app.wait_for(r#"#answer[data-found="true"]"#, Duration::from_secs(45))
        .await;
    app.wait_for("#answer-body:not([hidden])", Duration::from_secs(5)).await;
    let answered = screen_text(&app).await;
    assert_none("the answer", &answered);
    assert!(answered.contains(request_id), "the IDs stay: {answered}");
    app.scroll_to("#answer").await;
    app.screenshot("presenter-helpdesk-answer").await;

    app.click("#answer-copy").await;
    poll(Duration::from_secs(5), || async {
        app.text("#answer-copy-status").await.starts_with("Copied the answer")
    })
    .await;
    let copied = clipboard();
    assert!(copied.contains(request_id), "{copied}");
    assert_none("the copied answer", &copied);

    // With presenter mode off, the same view shows the values.
    app.click("#presenter-mode").await;
    let plain = screen_text(&app).await;
    assert!(plain.contains(UPN) && plain.contains(IP_ADDRESS), "{plain}");
    app.close().await;
}
