//! The automation-account test against the real provider: each way a
//! client secret or certificate goes wrong gets its own diagnosis.

use chrono::Utc;
use doctor::clock::{fixed_now, system_now, Now};
use doctor::network::{fetch_discovery, HttpClient, ProxySettings, SystemResolver};
use doctor::profile::Authority;
use doctor::secret::Secret;
use doctor::signin::{test_credentials, ClientCertificate, Credential, CredentialProblem, ServicePrincipalOutcome};
use doctor::Profile;
use std::sync::Arc;
use std::time::Duration;
use test_peers::OidcProvider;

async fn try_credential(
    provider: &OidcProvider,
    client_id: &str,
    credential: Credential,
    now: Now,
) -> ServicePrincipalOutcome {
    let mut profile = Profile::defaults();
    profile.authority = Authority::parse(&provider.issuer).expect("issuer");
    profile.client_id = client_id.to_owned();
    let http = HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        Duration::from_secs(5),
    );
    let discovery = fetch_discovery(&http, &profile.authority).await.expect("discovery");
    test_credentials(&profile, &discovery, &http, &credential, "api", now).await
}

fn secret(text: &str) -> Credential {
    Credential::Secret(Secret::new(text.to_owned()))
}

fn problem(outcome: ServicePrincipalOutcome) -> CredentialProblem {
    match outcome {
        ServicePrincipalOutcome::Refused { problem, error } => {
            assert!(error.trace_id.is_some(), "Entra's IDs are kept");
            problem
        }
        ServicePrincipalOutcome::Accepted { .. } => panic!("expected a refusal, the credential was accepted"),
        ServicePrincipalOutcome::Failed(failure) => panic!("expected a refusal, got a failure: {failure}"),
    }
}

fn certificate(provider: &OidcProvider) -> Credential {
    let cert = std::fs::read(&provider.sp_certificate).expect("certificate file");
    let key = std::fs::read(&provider.sp_key).expect("key file");
    Credential::Certificate(ClientCertificate::from_pem(&cert, &key).expect("a usable certificate"))
}

#[tokio::test]
async fn a_right_secret_is_accepted_and_each_wrong_one_is_named() {
    let provider = OidcProvider::start().expect("provider");
    let accepted = try_credential(&provider, "sp-secret", secret("correct-secret"), system_now()).await;
    assert!(matches!(accepted, ServicePrincipalOutcome::Accepted { .. }));
    let cases = [
        ("sp-secret", "wrong-secret", CredentialProblem::WrongSecret),
        ("sp-expired-secret", "old-secret", CredentialProblem::ExpiredSecret),
        ("sp-disabled", "correct-secret", CredentialProblem::AppDisabled),
        ("no-such-app", "anything", CredentialProblem::AppNotFound),
    ];
    for (client, text, expected) in cases {
        let outcome = try_credential(&provider, client, secret(text), system_now()).await;
        assert_eq!(problem(outcome), expected, "{client}");
    }
}

#[tokio::test]
async fn a_certificate_is_accepted_and_a_wrong_clock_is_diagnosed() {
    let provider = OidcProvider::start().expect("provider");
    let accepted = try_credential(&provider, "sp-cert", certificate(&provider), system_now()).await;
    assert!(
        matches!(accepted, ServicePrincipalOutcome::Accepted { .. }),
        "the registered certificate works"
    );
    // A clock two hours slow signs an assertion that expired long ago.
    let slow_clock = fixed_now(Utc::now() - chrono::Duration::hours(2));
    let outcome = try_credential(&provider, "sp-cert", certificate(&provider), slow_clock).await;
    assert_eq!(problem(outcome), CredentialProblem::AssertionOutsideValidTime);
}

#[test]
fn unusable_certificate_files_are_refused_before_anything_is_sent() {
    assert!(ClientCertificate::from_pem(b"not pem", b"not pem").is_err());
    let key_as_cert = b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    assert!(ClientCertificate::from_pem(key_as_cert, key_as_cert)
        .err()
        .is_some_and(|e| e.to_string().contains("not a CERTIFICATE")));
}

/// issue 13: a token endpoint answering `expires_in: 10000000000000` (past
/// the calendar's end) used to overflow `now + expires_in` and abort the app.
/// The credential is accepted; only the expiry stays unknown.
#[tokio::test]
async fn a_lifetime_past_the_calendar_is_accepted_with_an_unknown_expiry() {
    let server = test_peers::OneShotHttpServer::start(
        "200 OK",
        "application/json",
        r#"{"access_token":"a","token_type":"Bearer","expires_in":10000000000000}"#,
    )
    .expect("token endpoint");
    let endpoint = |path: &str| format!("http://127.0.0.1:{}/{path}", server.port);
    let discovery = doctor::network::DiscoveryDocument {
        issuer: endpoint(""),
        authorization_endpoint: endpoint("authorize"),
        token_endpoint: endpoint("token"),
        jwks_uri: endpoint("jwks"),
        device_authorization_endpoint: None,
        userinfo_endpoint: None,
    };
    let mut profile = Profile::defaults();
    profile.authority = Authority::parse(&endpoint("")).expect("authority");
    profile.client_id = "sp-secret".to_owned();
    let http = HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        Duration::from_secs(5),
    );
    let outcome = test_credentials(&profile, &discovery, &http, &secret("s"), "api", system_now()).await;
    match outcome {
        ServicePrincipalOutcome::Accepted { expires_at, .. } => assert_eq!(expires_at, None),
        ServicePrincipalOutcome::Refused { error, .. } => panic!("refused: {error}"),
        ServicePrincipalOutcome::Failed(failure) => panic!("failed: {failure}"),
    }
}
