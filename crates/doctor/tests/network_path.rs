//! "Network path" and "Microsoft service health" against real peers on
//! 127.0.0.1: a forward proxy, an inspecting TLS server, a captive portal,
//! a status feed, and servers that hang or trickle. One verdict per test.

use doctor::checks::ids;
use doctor::network::proxy::from_environment;
use doctor::network::{ProxySettings, Resolver};
use doctor::profile::{Authority, ProxyChoice};
use doctor::{CheckId, CheckResult, Diagnosis, Profile, RunSummary, Status};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use test_peers::{
    closed_port, ForwardProxy, InspectingTlsServer, OidcProvider, OneShotHttpServer, TricklingServer, AZURE_STATUS_FEED,
};
use url::Url;

fn closed(path: &str) -> Url {
    Url::parse(&format!("http://127.0.0.1:{}/{path}", closed_port().expect("port"))).expect("url")
}

/// Every endpoint on loopback: the authority given, the rest at closed ports.
fn profile_for(authority: &str) -> Profile {
    let mut profile = Profile::defaults();
    profile.authority = Authority::parse(authority).expect("authority");
    profile.check_timeout = Duration::from_secs(4);
    profile.ntp_servers = vec![format!("127.0.0.1:{}", closed_port().expect("port"))];
    profile.status_feed = closed("feed");
    profile.connectivity_check_url = closed("connecttest.txt");
    profile.proxy = ProxyChoice::Direct;
    profile
}

async fn run(diagnosis: Diagnosis) -> RunSummary {
    diagnosis.run(1, Arc::new(|_| {})).await
}

fn row(summary: &RunSummary, id: CheckId) -> CheckResult {
    summary
        .results
        .iter()
        .find(|r| r.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no {id} row"))
}

fn evidence(result: &CheckResult, label: &str) -> String {
    result
        .evidence
        .iter()
        .filter(|e| e.label == label)
        .map(|e| e.value.clone())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn env_proxy(pairs: &[(&str, String)]) -> ProxySettings {
    let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    from_environment(&move |name| map.get(name).cloned()).expect("a proxy in the environment")
}

#[tokio::test]
async fn requests_go_through_the_proxy_from_the_environment() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let proxy = ForwardProxy::start().expect("proxy");
    let proxies = env_proxy(&[("HTTPS_PROXY", proxy.url()), ("HTTP_PROXY", proxy.url())]);
    let summary = run(Diagnosis::new(profile_for(&provider.issuer)).with_proxies(proxies)).await;
    let reach = row(&summary, ids::REACHABILITY);
    assert_eq!(reach.status, Status::Pass, "{reach:#?}");
    let target = Url::parse(&provider.issuer).expect("issuer url");
    let expected = format!("127.0.0.1:{}", target.port().expect("port"));
    assert!(proxy.tunnels().contains(&expected), "tunnels: {:?}", proxy.tunnels());
    let path = row(&summary, ids::NETWORK_PATH);
    let said = evidence(&path, "Proxy");
    assert!(said.contains(&format!("127.0.0.1:{}", proxy.port)), "{said}");
    assert!(said.contains("environment variable HTTPS_PROXY"), "{said}");
}

#[tokio::test]
async fn no_proxy_sends_the_sign_in_host_direct() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let proxy = ForwardProxy::start().expect("proxy");
    let proxies = env_proxy(&[
        ("http_proxy", proxy.url()),
        ("no_proxy", "localhost,127.0.0.1".to_owned()),
    ]);
    let summary = run(Diagnosis::new(profile_for(&provider.issuer)).with_proxies(proxies)).await;
    assert_eq!(row(&summary, ids::REACHABILITY).status, Status::Pass);
    assert!(proxy.tunnels().is_empty(), "{:?}", proxy.tunnels());
    let said = evidence(&row(&summary, ids::NETWORK_PATH), "Proxy");
    assert!(said.contains("bypass list (\"127.0.0.1\")"), "{said}");
}

#[tokio::test]
async fn a_proxy_that_wants_a_password_is_named_and_one_given_in_the_url_is_sent() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    // "alice:s3cret" in Basic.
    let proxy = ForwardProxy::start_with(Some("YWxpY2U6czNjcmV0".to_owned())).expect("proxy");
    let refused =
        run(Diagnosis::new(profile_for(&provider.issuer)).with_proxies(env_proxy(&[("ALL_PROXY", proxy.url())]))).await;
    let reach = row(&refused, ids::REACHABILITY);
    assert_eq!(reach.status, Status::Fail);
    assert!(reach.summary.contains("HTTP 407"), "{}", reach.summary);
    assert_eq!(evidence(&reach, "Failed step"), "proxy");

    let with_password = format!("http://alice:s3cret@127.0.0.1:{}", proxy.port);
    let passed =
        run(Diagnosis::new(profile_for(&provider.issuer)).with_proxies(env_proxy(&[("ALL_PROXY", with_password)])))
            .await;
    let path = row(&passed, ids::NETWORK_PATH);
    assert_eq!(row(&passed, ids::REACHABILITY).status, Status::Pass);
    let text = format!("{path:?}");
    assert!(
        !text.contains("s3cret"),
        "the proxy password never reaches a result: {text}"
    );
    assert!(evidence(&path, "Proxy").contains("with a user name and password"));
}

#[tokio::test]
async fn an_inspecting_middlebox_is_named_by_its_issuer() {
    let server = InspectingTlsServer::start("Contoso Corporate TLS Inspection CA").expect("tls server");
    let summary = run(Diagnosis::new(profile_for(&server.url()))).await;
    let path = row(&summary, ids::NETWORK_PATH);
    assert_eq!(path.status, Status::Fail, "{path:#?}");
    assert!(path.summary.contains("Your network inspects TLS"), "{}", path.summary);
    assert!(path.summary.contains(&server.issuer), "{}", path.summary);
    assert!(evidence(&path, "Root").contains("not a public root"), "{path:#?}");
    assert!(
        path.fix_steps.iter().any(|s| s.contains("exemption")),
        "{:?}",
        path.fix_steps
    );
    assert_eq!(row(&summary, ids::REACHABILITY).status, Status::Fail);
    // The headline names the inspection, not the "untrusted issuer" it causes.
    let diagnosis = summary.diagnosis.as_ref().expect("a diagnosis");
    assert_eq!(diagnosis.cause, doctor::headline::Cause::TlsInspectionUntrusted);
    assert_eq!(diagnosis.evidence, vec![ids::NETWORK_PATH, ids::REACHABILITY]);
}

#[tokio::test]
async fn an_expired_chain_points_at_the_clock() {
    let server = InspectingTlsServer::start_valid("Acme Root", (2019, 2021)).expect("tls server");
    let summary = run(Diagnosis::new(profile_for(&server.url()))).await;
    let path = row(&summary, ids::NETWORK_PATH);
    assert_eq!(path.status, Status::Fail);
    assert!(path.summary.contains("expired on 2021-01-01"), "{}", path.summary);
    assert!(path.summary.contains("Clock check"), "{}", path.summary);
    // This computer's clock is right here, so the certificate itself is named.
    let diagnosis = summary.diagnosis.as_ref().expect("a diagnosis");
    assert_eq!(diagnosis.cause, doctor::headline::Cause::CertificateOutOfDate);
}

#[tokio::test]
async fn a_captive_portal_redirect_has_its_own_verdict() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let portal = OneShotHttpServer::redirecting_to("http://127.0.0.1:9/hotel-wifi/login").expect("portal");
    let mut profile = profile_for(&provider.issuer);
    profile.connectivity_check_url = Url::parse(&format!("{}/connecttest.txt", portal.url())).expect("url");
    let summary = run(Diagnosis::new(profile)).await;
    let path = row(&summary, ids::NETWORK_PATH);
    assert_eq!(path.status, Status::Fail, "{path:#?}");
    assert!(path.summary.contains("captive portal"), "{}", path.summary);
    let diagnosis = summary.diagnosis.as_ref().expect("a diagnosis");
    assert_eq!(diagnosis.cause, doctor::headline::Cause::CaptivePortal);
    assert!(path.summary.contains("/hotel-wifi/login"), "{}", path.summary);
}

#[tokio::test]
async fn the_expected_connectivity_answer_passes_the_path() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let ncsi = OneShotHttpServer::start("200 OK", "text/plain", "Microsoft Connect Test").expect("ncsi");
    let mut profile = profile_for(&provider.issuer);
    profile.connectivity_check_url = Url::parse(&format!("{}/connecttest.txt", ncsi.url())).expect("url");
    let path = row(&run(Diagnosis::new(profile)).await, ids::NETWORK_PATH);
    assert_eq!(path.status, Status::Pass, "{path:#?}");
    assert!(path.summary.contains("No captive portal"), "{}", path.summary);
}

/// Fault injection: DNS that answers loopback for the real sign-in host (as a
/// hosts-file entry or a filtering DNS does). Nothing leaves the machine: the
/// address it gives is a closed port on 127.0.0.1.
struct HijackedDns(u16);

impl Resolver for HijackedDns {
    fn resolve<'a>(&'a self, _host: &'a str, _port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>> {
        let address = SocketAddr::from(([127, 0, 0, 1], self.0));
        async move { Ok(vec![address]) }.boxed()
    }
}

#[tokio::test]
async fn dns_pointing_the_sign_in_host_at_loopback_has_its_own_verdict() {
    let profile = profile_for("https://login.microsoftonline.com/organizations/v2.0");
    let diagnosis = Diagnosis::new(profile).with_resolver(Arc::new(HijackedDns(closed_port().expect("port"))));
    let path = row(&run(diagnosis).await, ids::NETWORK_PATH);
    assert_eq!(path.status, Status::Fail, "{path:#?}");
    assert!(
        path.summary
            .contains("DNS sends login.microsoftonline.com to 127.0.0.1, a loopback"),
        "{}",
        path.summary
    );
}

#[tokio::test]
async fn the_status_feed_shows_the_entra_incident_and_not_the_other() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let feed =
        OneShotHttpServer::start("200 OK", "application/rss+xml; charset=utf-8", AZURE_STATUS_FEED).expect("feed");
    let mut profile = profile_for(&provider.issuer);
    profile.status_feed = Url::parse(&format!("{}/en-us/status/feed/", feed.url())).expect("url");
    let health = row(&run(Diagnosis::new(profile)).await, ids::SERVICE_HEALTH);
    assert_eq!(health.status, Status::Warn, "{health:#?}");
    assert!(health.summary.contains("1 active incident"), "{}", health.summary);
    assert!(health.summary.contains("Microsoft Entra ID"), "{}", health.summary);
    assert!(evidence(&health, "Other incident (not about sign-in)").contains("Azure Storage"));
    assert!(evidence(&health, "For admins: Microsoft 365 service health")
        .contains("https://admin.microsoft.com/#/servicehealth"));
}

#[tokio::test]
async fn an_unreachable_feed_says_so() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let health = row(
        &run(Diagnosis::new(profile_for(&provider.issuer))).await,
        ids::SERVICE_HEALTH,
    );
    assert_eq!(health.status, Status::Warn);
    assert!(
        health.summary.starts_with("Could not read Microsoft's status feed"),
        "{}",
        health.summary
    );
    assert!(health.summary.contains("refused"), "{}", health.summary);
}

#[tokio::test]
async fn a_feed_that_trickles_one_byte_a_second_times_out_within_the_bound() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let slow = TricklingServer::start().expect("trickling server");
    let mut profile = profile_for(&provider.issuer);
    profile.check_timeout = Duration::from_secs(2);
    profile.status_feed = Url::parse(&format!("{}/feed", slow.url())).expect("url");
    let summary = run(Diagnosis::new(profile)).await;
    let health = row(&summary, ids::SERVICE_HEALTH);
    assert_eq!(health.status, Status::Warn, "{health:#?}");
    assert!(health.summary.contains("Timed out after 2."), "{}", health.summary);
    assert!(health.timed_out);
    assert!(summary.elapsed_ms < 3_000, "run took {} ms", summary.elapsed_ms);
}
