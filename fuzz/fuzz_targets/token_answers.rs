//! Any bytes as the token endpoint's answer (RFC 6749 §5.1, with the ID
//! token of OIDC Core §3.1.3.3), its error answer (RFC 6749 §5.2 with
//! Entra's error_codes, trace_id and AADSTS text) and the device
//! authorization answer (RFC 8628 §3.2): each is read into tokens, a named
//! refusal or an unreadable answer, never a panic, whatever `now` is.
#![no_main]

use chrono::{DateTime, Utc};
use doctor::signin::{DeviceAuthorization, SignInError, TokenAnswer, TokenErrorBody, TokenSet};
use libfuzzer_sys::fuzz_target;
use std::time::Duration;

/// `SignInError::headline`'s cap (a title longer than this is cut, with "…").
const MAX_HEADLINE_CHARS: usize = 300;

/// The local clock at the calendar's ends, at the epoch and today.
fn moments() -> [DateTime<Utc>; 4] {
    [
        DateTime::<Utc>::MIN_UTC,
        DateTime::UNIX_EPOCH,
        DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
        DateTime::<Utc>::MAX_UTC,
    ]
}

fuzz_target!(|data: &[u8]| {
    if let Ok(answer) = serde_json::from_slice::<TokenAnswer>(data) {
        for now in moments() {
            let tokens = TokenSet::from_answer(&answer, now);
            // A lifetime is never negative: unknown rather than wrong.
            if let Some(expires_at) = tokens.expires_at {
                assert!(expires_at >= now, "{expires_at} before {now}");
            }
            if let Some(account) = tokens.account() {
                let _ = account.marked_label();
            }
            // Debug output never carries the token bytes.
            let printed = format!("{tokens:?}");
            let token = tokens.access_token.expose();
            let elsewhere = tokens.scopes.iter().any(|s| s.contains(token.as_str()));
            if token.len() >= 16 && !elsewhere {
                assert!(!printed.contains(token.as_str()), "{printed}");
            }
        }
    }
    if let Ok(body) = serde_json::from_slice::<TokenErrorBody>(data) {
        let error = SignInError::from_token_response(&body);
        one_short_line(&error);
        let _ = error.captured_from();
        let _ = body.to_string();
        // A refusal keeps the codes the service named.
        for code in &body.error_codes {
            assert!(error.error_codes.contains(code));
        }
    }
    if let Ok(authorization) = DeviceAuthorization::from_json(data) {
        let lifetime = authorization.lifetime();
        assert!((Duration::from_secs(1)..=Duration::from_secs(3600)).contains(&lifetime));
        let interval = authorization.poll_interval();
        assert!((Duration::from_secs(1)..=Duration::from_secs(60)).contains(&interval));
    }
});

/// The headline is one short line with no control characters.
fn one_short_line(error: &SignInError) {
    let headline = error.headline();
    assert!(
        headline.chars().count() <= MAX_HEADLINE_CHARS + 1,
        "{} characters",
        headline.chars().count()
    );
    assert!(!headline.chars().any(char::is_control), "{headline:?}");
    assert!(!error.to_string().contains('\n'));
}
