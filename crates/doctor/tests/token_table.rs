//! A table of malformed and tricky JWTs: each gets its named verdict, none
//! panics. Signed cases use a real RSA key (a checked-in test key).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use doctor::network::{FailedStep, Step};
use doctor::token::{
    compare_with_request, inspect, validate_id_token, DecodeError, Expectations, KeySource, TokenKind, TokenVerdict,
};
use doctor::Status;
use futures::future::BoxFuture;
use futures::FutureExt;
use jsonwebtoken::jwk::JwkSet;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

#[path = "support/token_rows.rs"]
mod token_rows;
use token_rows::malformed_token_rows;

const CLIENT: &str = "11111111-2222-3333-4444-555555555555";
const TENANT: &str = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const TEMPLATE: &str = "https://login.microsoftonline.com/{tenantid}/v2.0";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).single().expect("time")
}

struct TestKey {
    private_pem: Vec<u8>,
    jwk: Value,
}

/// One RSA key for the whole table, as an issuer's would be. A checked-in test
/// key (tests/fixtures/token/README.md says how it was made), so the table runs
/// the same on every OS, with no `openssl` command at test time.
fn key() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(|| TestKey {
        private_pem: include_bytes!("fixtures/token/issuer-test-key.pem").to_vec(),
        jwk: json!({
            "kty": "RSA", "kid": "key-1", "use": "sig",
            "n": include_str!("fixtures/token/issuer-test-key.n.b64url").trim(), "e": "AQAB"
        }),
    })
}

fn sign(header: Value, claims: Value) -> String {
    let mut h = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    h.kid = header.get("kid").and_then(Value::as_str).map(str::to_owned);
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(&key().private_pem).expect("key");
    // The engine's ring-backed jsonwebtoken provider, as its own signing path installs it.
    doctor::token::ensure_jwt_crypto();
    jsonwebtoken::encode(&h, &claims, &key).expect("sign")
}

fn id_claims() -> Value {
    json!({
        "aud": CLIENT, "iss": format!("https://login.microsoftonline.com/{TENANT}/v2.0"), "tid": TENANT,
        "sub": "s", "oid": "o", "nonce": "n-1", "preferred_username": "alice@contoso.example",
        "iat": now().timestamp() - 300, "nbf": now().timestamp() - 300, "exp": now().timestamp() + 3300, "ver": "2.0"
    })
}

fn with(mut claims: Value, name: &str, value: Value) -> Value {
    claims[name] = value;
    claims
}

fn unsigned(header: Value, claims: Value) -> String {
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// The issuer's key set, counting fetches; `rolled` serves the key only on refetch.
struct Keys {
    rolled: bool,
    fetches: AtomicUsize,
}

impl KeySource for Keys {
    fn keys(&self, refresh: bool) -> BoxFuture<'_, Result<JwkSet, FailedStep>> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        let keys = if self.rolled && !refresh {
            json!([])
        } else {
            json!([key().jwk])
        };
        async move {
            serde_json::from_value(json!({ "keys": keys })).map_err(|e| FailedStep::new(Step::Keys, e.to_string()))
        }
        .boxed()
    }
}

fn verdict<'a>(verdicts: &'a [TokenVerdict], id: &str) -> &'a TokenVerdict {
    verdicts
        .iter()
        .find(|v| v.id.name() == id)
        .unwrap_or_else(|| panic!("no {id} verdict in {verdicts:#?}"))
}

#[test]
fn malformed_tokens_get_named_decode_errors() {
    let cases = malformed_token_rows();
    for (text, id) in cases {
        match inspect(&text, now()) {
            Err(e) => assert_eq!(e.id(), id, "{}", &text[..text.len().min(40)]),
            Ok(_) => panic!("{} should not decode", &text[..text.len().min(40)]),
        }
    }
    assert_eq!(inspect("a.b.c.d.e", now()).err(), Some(DecodeError::Encrypted));
}

#[test]
fn offline_verdicts_name_each_problem() {
    let cases: Vec<(String, &str, Status)> = vec![
        (unsigned(json!({"alg": "none"}), id_claims()), "algorithm", Status::Fail),
        (unsigned(json!({"typ": "JWT"}), id_claims()), "algorithm", Status::Fail),
        (
            unsigned(json!({"alg": "RS256"}), id_claims()),
            "algorithm",
            Status::Fail,
        ),
        (
            sign(
                json!({"kid": "key-1"}),
                with(id_claims(), "exp", json!(now().timestamp() - 3600)),
            ),
            "expiry",
            Status::Fail,
        ),
        (
            sign(
                json!({"kid": "key-1"}),
                with(id_claims(), "exp", json!(now().timestamp() - 60)),
            ),
            "expiry",
            Status::Warn,
        ),
        (
            sign(json!({"kid": "key-1"}), with(id_claims(), "exp", json!("tomorrow"))),
            "expiry",
            Status::Fail,
        ),
        (
            sign(
                json!({"kid": "key-1"}),
                with(id_claims(), "nbf", json!(now().timestamp() + 3600)),
            ),
            "not_before",
            Status::Fail,
        ),
        (
            sign(json!({"kid": "key-1"}), json!({"aud": CLIENT, "sub": "s"})),
            "expiry",
            Status::Warn,
        ),
        (sign(json!({"kid": "key-1"}), id_claims()), "expiry", Status::Pass),
    ];
    for (token, id, status) in cases {
        let (_, inspection) = inspect(&token, now()).expect("decodes");
        assert_eq!(
            verdict(&inspection.verdicts, id).status,
            status,
            "{id}: {:#?}",
            inspection.verdicts
        );
    }
}

#[test]
fn a_graph_access_token_is_said_to_be_verifiable_only_by_graph() {
    let claims =
        json!({"aud": "00000003-0000-0000-c000-000000000000", "scp": "User.Read", "exp": now().timestamp() + 600});
    let token = unsigned(json!({"alg": "RS256", "nonce": "graph-nonce", "kid": "x"}), claims);
    let token = format!("{token}c2lnbmF0dXJl");
    let (_, inspection) = inspect(&token, now()).expect("decodes");
    assert_eq!(inspection.kind, TokenKind::AccessToken);
    let graph = verdict(&inspection.verdicts, "graph_token");
    assert_eq!(graph.status, Status::Warn);
    assert!(graph.message.contains("no one but Graph can verify it"));
}

async fn validated(token: &str, issuer: &str, nonce: Option<&str>, keys: &dyn KeySource) -> Vec<TokenVerdict> {
    let (decoded, _) = inspect(token, now()).expect("decodes");
    validate_id_token(
        &decoded,
        keys,
        &Expectations {
            client_id: CLIENT,
            issuer,
            nonce,
        },
    )
    .await
}

fn keys(rolled: bool) -> Keys {
    Keys {
        rolled,
        fetches: AtomicUsize::new(0),
    }
}

#[tokio::test]
async fn id_token_validation_names_each_failed_claim() {
    let good = sign(json!({"kid": "key-1"}), id_claims());
    let all = validated(&good, TEMPLATE, Some("n-1"), &keys(false)).await;
    assert!(all.iter().all(|v| v.status == Status::Pass), "{all:#?}");

    let cases: Vec<(String, &str, Option<&str>, &str)> = vec![
        (
            sign(json!({"kid": "key-2"}), id_claims()),
            TEMPLATE,
            Some("n-1"),
            "signature",
        ),
        (
            sign(json!({"kid": "key-1"}), with(id_claims(), "aud", json!("someone-else"))),
            TEMPLATE,
            Some("n-1"),
            "audience",
        ),
        (good.clone(), TEMPLATE, Some("another-nonce"), "nonce"),
        (
            sign(json!({"kid": "key-1"}), with(id_claims(), "nonce", Value::Null)),
            TEMPLATE,
            Some("n-1"),
            "nonce",
        ),
        (
            sign(
                json!({"kid": "key-1"}),
                with(id_claims(), "tid", json!("ffffffff-0000-0000-0000-000000000000")),
            ),
            TEMPLATE,
            None,
            "issuer",
        ),
        (
            sign(json!({"kid": "key-1"}), with(id_claims(), "tid", Value::Null)),
            TEMPLATE,
            None,
            "issuer",
        ),
        (
            good.clone(),
            "https://login.microsoftonline.com/other-tenant/v2.0",
            None,
            "issuer",
        ),
    ];
    for (token, issuer, nonce, id) in cases {
        let verdicts = validated(&token, issuer, nonce, &keys(false)).await;
        assert_eq!(verdict(&verdicts, id).status, Status::Fail, "{id}: {verdicts:#?}");
    }

    // A tampered payload keeps the old signature: the signature fails.
    let parts: Vec<&str> = good.split('.').collect();
    let forged_claims =
        URL_SAFE_NO_PAD.encode(with(id_claims(), "preferred_username", json!("mallory@contoso.example")).to_string());
    let tampered = format!("{}.{forged_claims}.{}", parts[0], parts[2]);
    assert_eq!(
        verdict(&validated(&tampered, TEMPLATE, None, &keys(false)).await, "signature").status,
        Status::Fail
    );

    // The header's algorithm is not trusted: HS256 against an RSA key is refused.
    let hs_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","kid":"key-1"}"#);
    let confused = format!("{hs_header}.{}.{}", parts[1], parts[2]);
    let refused = validated(&confused, TEMPLATE, None, &keys(false)).await;
    assert!(
        verdict(&refused, "signature").message.contains("RFC 8725"),
        "{refused:#?}"
    );
}

#[tokio::test]
async fn an_unknown_kid_is_refetched_once_for_key_rollover() {
    let token = sign(json!({"kid": "key-1"}), id_claims());
    let rolled = keys(true);
    let verdicts = validated(&token, TEMPLATE, None, &rolled).await;
    assert_eq!(
        verdict(&verdicts, "signature").status,
        Status::Pass,
        "found after the refetch"
    );
    assert_eq!(rolled.fetches.load(Ordering::SeqCst), 2);

    let unknown = sign(json!({"kid": "retired-key"}), id_claims());
    let source = keys(false);
    let verdicts = validated(&unknown, TEMPLATE, None, &source).await;
    assert_eq!(verdict(&verdicts, "signature").status, Status::Fail);
    assert_eq!(source.fetches.load(Ordering::SeqCst), 2, "exactly one refetch");
}

/// A key set served as given; `refetch` is what a second fetch answers.
struct Served {
    first: Value,
    refetch: Option<Value>,
}

impl KeySource for Served {
    fn keys(&self, refresh: bool) -> BoxFuture<'_, Result<JwkSet, FailedStep>> {
        let answer = if refresh {
            self.refetch.clone()
        } else {
            Some(self.first.clone())
        };
        async move {
            let keys = answer.ok_or_else(|| FailedStep::new(Step::Keys, "connection refused"))?;
            serde_json::from_value(json!({ "keys": keys })).map_err(|e| FailedStep::new(Step::Keys, e.to_string()))
        }
        .boxed()
    }
}

fn rsa_key_with(name: &str, value: Value) -> Value {
    let mut jwk = key().jwk.clone();
    if let Some(members) = jwk.as_object_mut() {
        if value.is_null() {
            members.remove(name);
        } else {
            members.insert(name.to_owned(), value);
        }
    }
    jwk
}

#[tokio::test]
async fn only_asymmetric_signature_keys_are_trusted() {
    let good = sign(json!({"kid": "key-1"}), id_claims());
    let parts: Vec<&str> = good.split('.').collect();
    // RFC 8725 §3.1-3.2: a symmetric (oct) key published by kid lets anyone
    // who reads the key set forge tokens with HS256; it is refused.
    let secret = b"a shared secret anyone can read in the JWKS";
    // A genuine HS256 token (RFC 7518 §3.2), signed here with ring's HMAC:
    // the engine's jsonwebtoken provider deliberately does not sign HMAC.
    let hs_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT","kid":"key-1"}"#),
        URL_SAFE_NO_PAD.encode(id_claims().to_string())
    );
    let mac = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret),
        hs_input.as_bytes(),
    );
    let hs = format!("{hs_input}.{}", URL_SAFE_NO_PAD.encode(mac.as_ref()));
    let oct = json!({"kty": "oct", "kid": "key-1", "alg": "HS256", "k": URL_SAFE_NO_PAD.encode(secret)});
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","kid":"key-1"}"#),
        parts[1]
    );
    let cases: Vec<(&str, String, Value)> = vec![
        ("oct key", hs, json!([oct])),
        ("alg none", none, json!([key().jwk])),
        ("use enc", good.clone(), json!([rsa_key_with("use", json!("enc"))])),
        ("use other", good.clone(), json!([rsa_key_with("use", json!("tls"))])),
        (
            "alg HS256 on an RSA key",
            good.clone(),
            json!([rsa_key_with("alg", json!("HS256"))]),
        ),
    ];
    for (case, token, set) in cases {
        let source = Served {
            first: set,
            refetch: None,
        };
        let verdicts = validated(&token, TEMPLATE, None, &source).await;
        assert_eq!(
            verdict(&verdicts, "signature").status,
            Status::Fail,
            "{case}: {verdicts:#?}"
        );
    }
    // No `use` at all is fine (RFC 7517 §4.2: optional); `use: sig` too.
    for set in [json!([rsa_key_with("use", Value::Null)]), json!([key().jwk])] {
        let source = Served {
            first: set,
            refetch: None,
        };
        let verdicts = validated(&good, TEMPLATE, None, &source).await;
        assert_eq!(verdict(&verdicts, "signature").status, Status::Pass, "{verdicts:#?}");
    }
}

#[tokio::test]
async fn an_unknown_kid_whose_refetch_fails_is_a_failure() {
    let unknown = sign(json!({"kid": "retired-key"}), id_claims());
    let source = Served {
        first: json!([key().jwk]),
        refetch: None,
    };
    let verdicts = validated(&unknown, TEMPLATE, None, &source).await;
    assert_eq!(verdict(&verdicts, "signature").status, Status::Fail, "{verdicts:#?}");
}

#[test]
fn an_access_token_is_compared_with_what_was_asked() {
    let requested: Vec<String> = [
        "openid",
        "profile",
        "offline_access",
        "https://graph.microsoft.com/User.Read",
        "https://graph.microsoft.com/Mail.Read",
    ]
    .map(str::to_owned)
    .to_vec();
    let for_graph = unsigned(
        json!({"alg": "RS256"}),
        json!({"aud": "00000003-0000-0000-c000-000000000000", "scp": "User.Read openid"}),
    );
    let (decoded, _) = inspect(&for_graph, now()).expect("decodes");
    let verdicts = compare_with_request(&decoded, &requested);
    assert_eq!(verdict(&verdicts, "requested_audience").status, Status::Pass);
    let scopes = verdict(&verdicts, "requested_scopes");
    assert_eq!(scopes.status, Status::Warn);
    assert!(
        scopes.message.contains("Mail.Read") && !scopes.message.contains("User.Read"),
        "{}",
        scopes.message
    );

    let for_azure = unsigned(
        json!({"alg": "RS256"}),
        json!({"aud": "https://management.core.windows.net/", "scp": "user_impersonation"}),
    );
    let (decoded, _) = inspect(&for_azure, now()).expect("decodes");
    assert_eq!(
        verdict(&compare_with_request(&decoded, &requested), "requested_audience").status,
        Status::Fail
    );
}
