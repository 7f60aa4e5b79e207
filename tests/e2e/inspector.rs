//! The token inspector in the real window.

use crate::harness::{display_available, AppWindow};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::time::Duration;
use test_peers::closed_port;

pub(crate) fn token() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let header = serde_json::json!({"alg": "RS256", "kid": "k1", "typ": "JWT"});
    let claims = serde_json::json!({
        "aud": "11111111-2222-3333-4444-555555555555", "iss": "https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0",
        "tid": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "sub": "s", "oid": "o", "nonce": "n",
        "preferred_username": "alice@contoso.example", "name": "Alice Example",
        "iat": now - 300, "nbf": now - 300, "exp": now + 3600, "amr": ["pwd", "mfa"]
    });
    format!(
        "{}.{}.c2lnbmF0dXJl",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

#[tokio::test]
async fn a_pasted_token_is_explained_with_a_live_countdown_and_masked_in_presenter_mode() {
    if !display_available() {
        return;
    }
    // The checklist's own runs go nowhere: a closed loopback port stands in for the authority.
    let port = closed_port().expect("port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{port}"))]).await;
    app.click("#tab-inspector").await;
    app.find("#token-input").await.send_keys(&token()).await.expect("paste");
    app.click("#token-inspect").await;
    app.wait_for("#token-result:not([hidden])", Duration::from_secs(5))
        .await;

    assert_eq!(app.text("#token-kind").await, "ID token");
    let aud_meaning = app.text(r#"#token-claims tr[data-claim="aud"] .claim-meaning"#).await;
    assert!(
        aud_meaning.contains("the app or API this token is for"),
        "{aud_meaning}"
    );
    let amr = app.text(r#"#token-claims tr[data-claim="amr"] .claim-meaning"#).await;
    assert!(amr.contains("multi-factor"), "{amr}");
    let exp = app.text(r#"#token-claims tr[data-claim="exp"] .claim-time"#).await;
    assert!(exp.contains("UTC") && exp.contains("local"), "{exp}");

    // The countdown is live: it shows and it moves.
    let first: i64 = app
        .attr("#token-countdown", "data-seconds-left")
        .await
        .and_then(|s| s.parse().ok())
        .expect("seconds");
    assert!((3500..=3600).contains(&first), "{first}");
    assert!(app.text("#token-countdown").await.starts_with("Expires in 59 min") || first == 3600);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let later: i64 = app
        .attr("#token-countdown", "data-seconds-left")
        .await
        .and_then(|s| s.parse().ok())
        .expect("seconds");
    assert!(later < first, "the countdown moves: {first} then {later}");

    let verdicts = app.text("#token-verdicts").await;
    assert!(verdicts.contains("Valid until"), "{verdicts}");

    // Presenter mode (on by default) masks personal claims until revealed one by one.
    let name_cell = r#"#token-claims tr[data-claim="preferred_username"] .claim-value"#;
    let masked = app.text(name_cell).await;
    assert!(!masked.contains("alice@"), "{masked}");
    app.screenshot("inspector-presenter").await;
    let reveal = app.find(&format!("{name_cell} .personal button.masked")).await;
    // Its name says what it reveals, then the masked text on screen (label in name).
    let label = reveal.attr("aria-label").await.expect("label").unwrap_or_default();
    let shown = reveal.text().await.expect("masked text");
    assert_eq!(label, format!("Show the sign-in name, {shown}"));
    reveal.click().await.expect("reveal");
    assert!(app.text(name_cell).await.contains("alice@contoso.example"));
    app.close().await;
}
