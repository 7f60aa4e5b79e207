//! Any bytes as an issuer's key set (JWKS, RFC 7517 §5) and an ID token:
//! validation (OIDC Core §3.1.3.7) gives one named verdict per step, never
//! a panic, and a signature passes only with an allowed algorithm. The
//! input is the JWKS JSON, a 0x1F byte, then the token; without that byte
//! it is the token alone against a fixed key set. The token's times are
//! also judged at the calendar's ends.
#![no_main]

use chrono::{DateTime, Utc};
use doctor::network::{FailedStep, Step};
use doctor::token::{decode, inspect, offline_verdicts, validate_id_token, Expectations, KeySource, VerdictId};
use doctor::Status;
use futures::future::BoxFuture;
use futures::FutureExt;
use jsonwebtoken::jwk::JwkSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The token table's test issuer key (crates/doctor/tests/fixtures/token), as its JWKS.
fn fixed_keys() -> String {
    let n = include_str!("../../crates/doctor/tests/fixtures/token/issuer-test-key.n.b64url").trim();
    format!(r#"{{"keys":[{{"kty":"RSA","kid":"key-1","use":"sig","n":"{n}","e":"AQAB"}}]}}"#)
}

/// A key set as read from the jwks_uri, or why it could not be read.
struct Served(Result<JwkSet, String>);

impl KeySource for Served {
    fn keys(&self, _refresh: bool) -> BoxFuture<'_, Result<JwkSet, FailedStep>> {
        let answer = self.0.clone().map_err(|why| FailedStep::new(Step::Keys, why));
        async move { answer }.boxed()
    }
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| tokio::runtime::Builder::new_current_thread().build().expect("runtime"))
}

fn moments() -> [DateTime<Utc>; 4] {
    [
        DateTime::<Utc>::MIN_UTC,
        DateTime::UNIX_EPOCH,
        DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
        DateTime::<Utc>::MAX_UTC,
    ]
}

fuzz_target!(|data: &[u8]| {
    static FIXED: OnceLock<Result<JwkSet, String>> = OnceLock::new();
    // As FetchedKeys reads the jwks_uri's answer.
    let read = |jwks: &[u8]| serde_json::from_slice::<JwkSet>(jwks).map_err(|e| e.to_string());
    let (keys, token) = match data.iter().position(|b| *b == 0x1f) {
        Some(at) => (Served(read(&data[..at])), &data[at + 1..]),
        None => (
            Served(FIXED.get_or_init(|| read(fixed_keys().as_bytes())).clone()),
            data,
        ),
    };
    let text = String::from_utf8_lossy(token);
    for now in moments() {
        if let Ok((_, inspection)) = inspect(&text, now) {
            assert!(!inspection.verdicts.is_empty());
        }
    }
    let Ok(decoded) = decode(&text) else {
        return;
    };
    for now in moments() {
        for verdict in offline_verdicts(&decoded, now) {
            assert!(!verdict.message.is_empty());
        }
    }
    let expect = Expectations {
        client_id: "11111111-2222-3333-4444-555555555555",
        issuer: "https://login.microsoftonline.com/{tenantid}/v2.0",
        nonce: Some("n-1"),
    };
    let verdicts = runtime().block_on(validate_id_token(&decoded, &keys, &expect));
    let ids: Vec<VerdictId> = verdicts.iter().map(|v| v.id).collect();
    assert_eq!(
        ids,
        [
            VerdictId::Signature,
            VerdictId::Issuer,
            VerdictId::Audience,
            VerdictId::Nonce
        ]
    );
    let alg = decoded.header.get("alg").and_then(|a| a.as_str()).unwrap_or_default();
    if verdicts[0].status == Status::Pass {
        // RFC 8725 §3.1: never "none" or a shared-secret algorithm.
        assert!(
            ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384"].contains(&alg),
            "{alg} passed"
        );
    }
});
