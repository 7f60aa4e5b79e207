//! "Sign-in service reachable" against real servers on 127.0.0.1, one test
//! per step that can fail.

use doctor::checks::ids;
use doctor::network::Resolver;
use doctor::profile::Authority;
use doctor::{CheckResult, Diagnosis, Profile, Status};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_peers::{closed_port, OidcProvider, OneShotHttpServer, SilentServer};

fn profile_for(authority: &str, bound_secs: u64) -> Profile {
    let mut profile = Profile::defaults();
    profile.authority = Authority::parse(authority).expect("test authority parses");
    profile.check_timeout = Duration::from_secs(bound_secs);
    // Tests talk to 127.0.0.1 only: no real time servers, status feed or proxy.
    profile.ntp_servers = vec![format!("127.0.0.1:{}", closed_port().expect("port"))];
    let closed = |path: &str| {
        url::Url::parse(&format!("http://127.0.0.1:{}/{path}", closed_port().expect("port"))).expect("url")
    };
    profile.status_feed = closed("feed");
    profile.connectivity_check_url = closed("connecttest.txt");
    profile.proxy = doctor::profile::ProxyChoice::Direct;
    profile
}

async fn reachability(diagnosis: Diagnosis) -> CheckResult {
    let summary = diagnosis.run(1, Arc::new(|_| {})).await;
    summary
        .results
        .into_iter()
        .find(|r| r.id == ids::REACHABILITY)
        .expect("the reachability row is in every run")
}

fn evidence<'a>(result: &'a CheckResult, label: &str) -> &'a str {
    result
        .evidence
        .iter()
        .find(|e| e.label == label)
        .map(|e| e.value.as_str())
        .unwrap_or_else(|| panic!("no {label:?} evidence in {result:#?}"))
}

#[tokio::test]
async fn passes_against_a_real_openid_provider_and_names_its_issuer() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let result = reachability(Diagnosis::new(profile_for(&provider.issuer, 10))).await;
    assert_eq!(result.status, Status::Pass, "{result:#?}");
    assert!(result.summary.contains(&provider.issuer), "{}", result.summary);
    assert_eq!(evidence(&result, "Issuer"), provider.issuer);
    assert_eq!(
        evidence(&result, "Token endpoint"),
        format!("{}/token", provider.issuer)
    );
    assert!(evidence(&result, "Timing").contains("HTTP"));
}

#[tokio::test]
async fn a_refused_connection_names_the_connect_step() {
    let port = closed_port().expect("free port");
    let result = reachability(Diagnosis::new(profile_for(&format!("http://127.0.0.1:{port}"), 5))).await;
    assert_eq!(result.status, Status::Fail);
    assert!(result.summary.contains("refused"), "{}", result.summary);
    assert_eq!(evidence(&result, "Failed step"), "connect");
    assert!(!result.fix_steps.is_empty());
}

/// Fault injection: a resolver that answers NXDOMAIN, so no DNS query leaves the machine.
struct NoSuchHost;

impl Resolver for NoSuchHost {
    fn resolve<'a>(&'a self, host: &'a str, _port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>> {
        let message = format!("failed to lookup address information: Name or service not known ({host})");
        async move { Err(io::Error::other(message)) }.boxed()
    }
}

#[tokio::test]
async fn a_dns_failure_names_the_dns_step_and_the_host() {
    let diagnosis = Diagnosis::new(profile_for("https://login.contoso.invalid/organizations/v2.0", 5))
        .with_resolver(Arc::new(NoSuchHost));
    let result = reachability(diagnosis).await;
    assert_eq!(result.status, Status::Fail);
    assert_eq!(evidence(&result, "Failed step"), "DNS");
    assert!(result.summary.contains("login.contoso.invalid"), "{}", result.summary);
}

#[tokio::test]
async fn an_untrusted_certificate_names_the_tls_step() {
    let server = SelfSignedTlsServer::start().await;
    let result = reachability(Diagnosis::new(profile_for(
        &format!("https://127.0.0.1:{}", server.port),
        5,
    )))
    .await;
    assert_eq!(result.status, Status::Fail, "{result:#?}");
    assert_eq!(evidence(&result, "Failed step"), "TLS");
    assert!(
        result.summary.contains("not from an issuer this computer trusts"),
        "{}",
        result.summary
    );
}

#[tokio::test]
async fn an_http_500_names_the_status() {
    let server = OneShotHttpServer::start("500 Internal Server Error", "text/plain", "boom").expect("server");
    let result = reachability(Diagnosis::new(profile_for(&server.url(), 5))).await;
    assert_eq!(result.status, Status::Fail);
    assert_eq!(evidence(&result, "Failed step"), "HTTP");
    assert!(result.summary.starts_with("HTTP 500"), "{}", result.summary);
}

#[tokio::test]
async fn an_entra_error_body_is_quoted() {
    let body = r#"{"error":"invalid_tenant","error_description":"AADSTS90002: Tenant 'nope' not found. Check to make sure you have the correct tenant ID.\r\nTrace ID: 0b6b1e0e"}"#;
    let server = OneShotHttpServer::start("400 Bad Request", "application/json", body).expect("server");
    let result = reachability(Diagnosis::new(profile_for(&server.url(), 5))).await;
    assert_eq!(result.status, Status::Fail);
    assert!(
        result.summary.contains("AADSTS90002: Tenant 'nope' not found."),
        "{}",
        result.summary
    );
    assert!(
        result.fix_steps.iter().any(|s| s.contains("authority")),
        "{:?}",
        result.fix_steps
    );
}

#[tokio::test]
async fn a_redirect_is_reported_as_a_likely_captive_portal() {
    let server = OneShotHttpServer::start(
        "302 Found\r\nLocation: http://portal.hotel.example/login",
        "text/html",
        "",
    )
    .expect("server");
    let result = reachability(Diagnosis::new(profile_for(&server.url(), 5))).await;
    assert_eq!(result.status, Status::Fail);
    assert!(result.summary.contains("captive portal"), "{}", result.summary);
    assert!(result.summary.contains("portal.hotel.example"), "{}", result.summary);
}

#[tokio::test]
async fn html_instead_of_json_names_the_json_step() {
    let server = OneShotHttpServer::start(
        "200 OK",
        "text/html; charset=utf-8",
        "<!doctype html><title>Sign in to Wi-Fi</title>",
    )
    .expect("server");
    let result = reachability(Diagnosis::new(profile_for(&server.url(), 5))).await;
    assert_eq!(result.status, Status::Fail);
    assert_eq!(evidence(&result, "Failed step"), "JSON");
    assert!(result.summary.contains("text/html"), "{}", result.summary);
    assert!(result.summary.contains("<!doctype html>"), "{}", result.summary);
}

#[tokio::test]
async fn json_that_is_not_a_discovery_document_names_what_is_missing() {
    let server = OneShotHttpServer::start("200 OK", "application/json", r#"{"status":"ok","issuer":"http://x"}"#)
        .expect("server");
    let result = reachability(Diagnosis::new(profile_for(&server.url(), 5))).await;
    assert_eq!(result.status, Status::Fail);
    assert_eq!(evidence(&result, "Failed step"), "discovery document");
    assert!(result.summary.contains("jwks_uri"), "{}", result.summary);
    assert!(
        !result.summary.contains("issuer,"),
        "issuer was present: {}",
        result.summary
    );
}

fn discovery_body(issuer: &str, authorize: &str) -> String {
    serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": authorize,
        "token_endpoint": "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
        "jwks_uri": "https://login.microsoftonline.com/organizations/discovery/v2.0/keys",
        "response_types_supported": ["code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"]
    })
    .to_string()
}

#[tokio::test]
async fn a_document_for_another_issuer_or_with_an_unsafe_endpoint_is_refused_naming_the_member() {
    let cases = [
        (
            discovery_body(
                "https://login.evil.example/organizations/v2.0",
                "https://login.evil.example/authorize",
            ),
            "issuer",
        ),
        (
            discovery_body("https://login.evil.example/organizations/v2.0", "file:///etc/passwd"),
            "authorization_endpoint",
        ),
    ];
    for (body, member) in cases {
        let server = OneShotHttpServer::start("200 OK", "application/json", &body).expect("server");
        let result = reachability(Diagnosis::new(profile_for(&server.url(), 5))).await;
        assert_eq!(result.status, Status::Fail, "{member}: {result:#?}");
        assert_eq!(evidence(&result, "Failed step"), "discovery document");
        assert!(result.summary.contains(member), "{}", result.summary);
    }
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_within_the_bound() {
    let server = SilentServer::start().expect("server");
    let bound = Duration::from_secs(2);
    let started = Instant::now();
    let result = reachability(Diagnosis::new(profile_for(
        &format!("http://127.0.0.1:{}", server.port),
        2,
    )))
    .await;
    let took = started.elapsed();
    assert_eq!(result.status, Status::Fail);
    assert!(
        result.summary.starts_with("Timed out after 2.0 s"),
        "{}",
        result.summary
    );
    assert_eq!(evidence(&result, "Failed step"), "HTTP");
    assert!(
        took >= bound && took < bound + Duration::from_millis(750),
        "took {took:?}"
    );
}

#[tokio::test]
async fn a_tls_server_that_never_answers_the_handshake_times_out_in_the_tls_step() {
    let server = SilentServer::start().expect("server");
    let result = reachability(Diagnosis::new(profile_for(
        &format!("https://127.0.0.1:{}", server.port),
        1,
    )))
    .await;
    assert_eq!(result.status, Status::Fail);
    assert_eq!(evidence(&result, "Failed step"), "TLS");
    assert!(result.summary.contains("TLS handshake"), "{}", result.summary);
}

/// A TLS server whose certificate no trust store knows: what an
/// HTTPS-inspecting middlebox looks like to a machine without its root.
struct SelfSignedTlsServer {
    port: u16,
    task: tokio::task::JoinHandle<()>,
}

impl SelfSignedTlsServer {
    async fn start() -> Self {
        use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
        let issued = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).expect("certificate");
        let cert = CertificateDer::from(issued.cert.der().to_vec());
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(issued.signing_key.serialize_der()));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .expect("server config");
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let _ = acceptor.accept(stream).await;
                });
            }
        });
        Self { port, task }
    }
}

impl Drop for SelfSignedTlsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
