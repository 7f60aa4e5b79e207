//! The whole checklist in the real window on hostile networks: every
//! endpoint hung, and one endpoint slow. Both print their timings.

use crate::harness::{display_available, AppWindow};
use std::net::UdpSocket;
use std::time::Duration;
use test_peers::{OidcProvider, OneShotHttpServer, SilentServer, AZURE_STATUS_FEED};

/// Every row's status and its whole text (summary, evidence, fix steps).
async fn rows(app: &AppWindow) -> Vec<(String, String, String)> {
    let value = app
        .client
        .execute(
            "return [...document.querySelectorAll('#checklist > li')].map(li => [li.dataset.checkId, li.dataset.status, li.textContent]);",
            Vec::new(),
        )
        .await
        .expect("read rows");
    serde_json::from_value(value).expect("rows as [id, status, text]")
}

async fn engine_elapsed(app: &AppWindow) -> Duration {
    let ms = app
        .attr("#checklist", "data-elapsed-ms")
        .await
        .and_then(|v| v.parse().ok())
        .expect("data-elapsed-ms on a finished run");
    Duration::from_millis(ms)
}

#[tokio::test]
async fn with_every_endpoint_hung_every_row_says_timeout_within_one_bound() {
    if !display_available() {
        return;
    }
    let (authority, feed, portal_test) = (
        SilentServer::start().expect("silent"),
        SilentServer::start().expect("silent"),
        SilentServer::start().expect("silent"),
    );
    // NTP: a UDP socket that takes every packet and never answers.
    let ntp = UdpSocket::bind("127.0.0.1:0").expect("udp");
    let ntp_port = ntp.local_addr().expect("addr").port();
    let bound = Duration::from_secs(3);
    let app = AppWindow::launch(&[
        (
            "SIGNIN_DOCTOR_AUTHORITY",
            format!("http://127.0.0.1:{}", authority.port),
        ),
        (
            "SIGNIN_DOCTOR_STATUS_FEED",
            format!("http://127.0.0.1:{}/feed", feed.port),
        ),
        (
            "SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL",
            format!("http://127.0.0.1:{}/connecttest.txt", portal_test.port),
        ),
        ("SIGNIN_DOCTOR_NTP_SERVERS", format!("127.0.0.1:{ntp_port}")),
        ("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", bound.as_secs().to_string()),
    ])
    .await;
    let took = app.run_checks_and_wait(Duration::from_secs(15)).await;
    let engine = engine_elapsed(&app).await;
    println!(
        "all endpoints hung, bound {:.1} s: the run took {:.2} s in the engine, {:.2} s click to last row",
        bound.as_secs_f64(),
        engine.as_secs_f64(),
        took.as_secs_f64()
    );
    let rows = rows(&app).await;
    assert!(rows.len() >= 7, "{rows:?}");
    for (id, status, text) in &rows {
        // The device row reads this computer's own tools (no endpoint at all),
        // so it has nothing to time out on and still reports what it found.
        if id == "device" {
            assert_eq!(status, "pass", "{text}");
            continue;
        }
        assert!(status == "fail" || status == "warn", "{id} ended {status}: {text}");
        let lower = text.to_lowercase();
        assert!(
            lower.contains("timed out") || lower.contains("timeout"),
            "{id} does not say timeout: {text}"
        );
    }
    app.screenshot("network-all-hung").await;
    // Issue 15: one headline says the service did not answer.
    assert_eq!(
        app.attr("#diagnosis", "data-cause").await.as_deref(),
        Some("service_unreachable")
    );
    let headline = app.text("#diagnosis-headline").await;
    assert!(headline.contains("did not answer in time"), "{headline}");
    app.client
        .execute(
            "document.querySelector('li[data-check-id=\"refresh\"]').scrollIntoView();",
            Vec::new(),
        )
        .await
        .expect("scroll");
    // Let WebKit paint the scrolled view before the screenshot.
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("network-all-hung-lower-rows").await;
    assert!(
        engine < bound + Duration::from_secs(1),
        "engine run {engine:?} for a {bound:?} bound"
    );
    assert!(
        took < bound + Duration::from_secs(2),
        "click to last row {took:?} for a {bound:?} bound"
    );
    app.close().await;
}

#[tokio::test]
async fn one_endpoint_a_second_late_makes_the_run_take_about_a_second_not_the_sum() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let delay = Duration::from_secs(1);
    let feed = OneShotHttpServer::start_with(
        "200 OK",
        &[("Content-Type", "application/rss+xml; charset=utf-8")],
        AZURE_STATUS_FEED,
        delay,
    )
    .expect("delayed feed");
    let portal_test = OneShotHttpServer::start("200 OK", "text/plain", "Microsoft Connect Test").expect("ncsi");
    let app = AppWindow::launch(&[
        ("SIGNIN_DOCTOR_AUTHORITY", provider.issuer.clone()),
        ("SIGNIN_DOCTOR_STATUS_FEED", format!("{}/feed", feed.url())),
        (
            "SIGNIN_DOCTOR_CONNECTIVITY_CHECK_URL",
            format!("{}/connecttest.txt", portal_test.url()),
        ),
        ("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "3".to_owned()),
    ])
    .await;
    let took = app.run_checks_and_wait(Duration::from_secs(15)).await;
    let engine = engine_elapsed(&app).await;
    println!(
        "one endpoint {:.1} s late, the rest quick: the run took {:.2} s in the engine, {:.2} s click to last row",
        delay.as_secs_f64(),
        engine.as_secs_f64(),
        took.as_secs_f64()
    );
    let health = r#"li[data-check-id="service_health"]"#;
    assert_eq!(app.attr(health, "data-status").await.as_deref(), Some("warn"));
    let summary = app.text(&format!("{health} .check-summary")).await;
    assert!(summary.contains("Microsoft Entra ID"), "{summary}");
    assert_eq!(
        app.attr(r#"li[data-check-id="network_path"]"#, "data-status")
            .await
            .as_deref(),
        Some("pass")
    );
    app.screenshot("network-one-slow").await;
    app.client
        .execute(
            "document.querySelector('li[data-check-id=\"service_health\"]').scrollIntoView();",
            Vec::new(),
        )
        .await
        .expect("scroll");
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("network-one-slow-service-health").await;
    assert!(engine >= delay, "the late endpoint was waited for: {engine:?}");
    assert!(
        engine < delay + Duration::from_millis(800),
        "about one second, not a sum: {engine:?}"
    );
    app.close().await;
}

/// Issue 15: TLS inspection leads the headline, ahead of the "untrusted
/// issuer" failure it causes on the Sign-in service row.
#[tokio::test]
async fn tls_inspection_is_the_headline_ahead_of_the_failure_it_causes() {
    if !display_available() {
        return;
    }
    let server = test_peers::InspectingTlsServer::start("Contoso Corporate TLS Inspection CA").expect("tls server");
    let app = AppWindow::launch(&[
        ("SIGNIN_DOCTOR_AUTHORITY", server.url()),
        ("SIGNIN_DOCTOR_CHECK_TIMEOUT_SECONDS", "5".to_owned()),
    ])
    .await;
    app.run_checks_and_wait(Duration::from_secs(20)).await;
    assert_eq!(
        app.attr("#diagnosis", "data-cause").await.as_deref(),
        Some("tls_inspection_untrusted")
    );
    let headline = app.text("#diagnosis-headline").await;
    assert!(headline.starts_with("Your network inspects TLS"), "{headline}");
    let shown_by = app.text("#diagnosis-evidence").await;
    assert!(
        shown_by.contains("Network path") && shown_by.contains("Sign-in service"),
        "{shown_by}"
    );
    // The other rows that failed or warned are one click away, and a click
    // brings the row into view with the focus on it.
    let others = app.text("#diagnosis-others").await;
    assert!(others.contains("Microsoft service health"), "{others}");
    app.click("#diagnosis-others button[data-check-id=\"service_health\"]")
        .await;
    let focused = app
        .client
        .execute(
            "return document.activeElement.closest('li')?.dataset.checkId ?? ''",
            vec![],
        )
        .await
        .expect("focus");
    assert_eq!(focused.as_str(), Some("service_health"));
    app.client
        .execute("document.querySelector('main').scrollTop = 0", vec![])
        .await
        .expect("scroll to the top");
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("diagnosis-tls-inspection").await;
    app.close().await;
}
