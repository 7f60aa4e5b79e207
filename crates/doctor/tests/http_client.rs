//! The shared client that carries every plain request, against real peers
//! on 127.0.0.1: it reuses its connections, follows the profile's proxy, and
//! names the failed step in the same words as the step-by-step connector.
//! DNS faults are injected through the resolver; nothing leaves the machine.

use doctor::network::proxy::ProxyRule;
use doctor::network::{fetch_discovery, HttpClient, NetworkFailure, ProxySettings, Resolver, Step};
use doctor::profile::Authority;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_peers::{closed_port, ForwardProxy, InspectingTlsServer, OidcProvider, SilentServer};

/// DNS that cannot find anything.
struct NoSuchName;

impl Resolver for NoSuchName {
    fn resolve<'a>(&'a self, host: &'a str, _port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>> {
        let message = format!("{host}: name not known");
        async move { Err(io::Error::new(io::ErrorKind::NotFound, message)) }.boxed()
    }
}

/// DNS that never answers.
struct HungDns;

impl Resolver for HungDns {
    fn resolve<'a>(&'a self, _host: &'a str, _port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>> {
        futures::future::pending().boxed()
    }
}

fn client(proxies: ProxySettings, resolver: impl Resolver + 'static, bound: Duration) -> HttpClient {
    HttpClient::new(Arc::new(proxies), Arc::new(resolver), bound)
}

fn through(proxy: &str) -> ProxySettings {
    ProxySettings {
        https: ProxyRule::parse(proxy),
        http: ProxyRule::parse(proxy),
        source: "the test's proxy".to_owned(),
        ..ProxySettings::none()
    }
}

async fn get(http: &HttpClient, url: &str) -> Result<u16, NetworkFailure> {
    let request = http::Request::get(url).body(Vec::new()).expect("request");
    http.send(request)
        .await
        .map(|response| response.status().as_u16())
        .map_err(|failure| failure.0)
}

#[tokio::test]
async fn connections_are_reused_and_go_through_the_proxy() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let proxy = ForwardProxy::start().expect("proxy");
    let http = client(through(&proxy.url()), NoSuchName, Duration::from_secs(5));
    let authority = Authority::parse(&provider.issuer).expect("issuer");
    for _ in 0..3 {
        let document = fetch_discovery(&http, &authority).await.expect("discovery");
        assert!(document.token_endpoint.starts_with(&provider.issuer), "{document:?}");
    }
    let target = url::Url::parse(&provider.issuer).expect("url");
    let expected = format!("127.0.0.1:{}", target.port().expect("port"));
    // Three requests, one connection through the proxy: the client kept it.
    assert_eq!(proxy.tunnels(), vec![expected]);
}

#[tokio::test]
async fn a_name_that_does_not_resolve_names_the_dns_step() {
    let http = client(ProxySettings::none(), NoSuchName, Duration::from_secs(2));
    let failure = get(&http, "https://login.contoso.invalid/x").await.expect_err("no DNS");
    assert_eq!(failure.step, Step::Dns, "{failure:?}");
    assert_eq!(failure.summary, "DNS failed: could not find login.contoso.invalid.");
    assert!(failure.fix_steps.iter().any(|s| s.contains("typo")), "{failure:?}");
}

#[tokio::test]
async fn dns_that_never_answers_times_out_in_the_dns_step() {
    let started = Instant::now();
    let http = client(ProxySettings::none(), HungDns, Duration::from_secs(1));
    let failure = get(&http, "https://login.contoso.invalid/x")
        .await
        .expect_err("hung DNS");
    assert_eq!(failure.step, Step::Dns, "{failure:?}");
    assert!(failure.timed_out);
    assert!(
        failure
            .summary
            .starts_with("Timed out after 1.0 s looking up login.contoso.invalid"),
        "{}",
        failure.summary
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_refused_connection_names_the_connect_step() {
    let http = client(ProxySettings::none(), NoSuchName, Duration::from_secs(2));
    let port = closed_port().expect("port");
    let failure = get(&http, &format!("http://127.0.0.1:{port}/"))
        .await
        .expect_err("refused");
    assert_eq!(failure.step, Step::Connect, "{failure:?}");
    assert!(
        failure
            .summary
            .starts_with(&format!("Connection refused by 127.0.0.1:{port}")),
        "{}",
        failure.summary
    );
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_in_the_http_step() {
    let silent = SilentServer::start().expect("silent server");
    let http = client(ProxySettings::none(), NoSuchName, Duration::from_secs(1));
    let failure = get(&http, &format!("http://127.0.0.1:{}/", silent.port))
        .await
        .expect_err("no answer");
    assert_eq!(failure.step, Step::Http, "{failure:?}");
    assert!(failure.timed_out);
    assert!(failure.summary.contains("no HTTP response came"), "{}", failure.summary);
}

#[tokio::test]
async fn a_server_that_never_starts_tls_times_out_while_connecting() {
    let silent = SilentServer::start().expect("silent server");
    let http = client(ProxySettings::none(), NoSuchName, Duration::from_secs(1));
    let failure = get(&http, &format!("https://127.0.0.1:{}/", silent.port))
        .await
        .expect_err("no handshake");
    assert_eq!(failure.step, Step::Connect, "{failure:?}");
    assert!(failure.timed_out);
    assert!(
        failure.summary.contains("no secure connection was made"),
        "{}",
        failure.summary
    );
}

#[tokio::test]
async fn an_untrusted_certificate_names_the_tls_step() {
    let server = InspectingTlsServer::start("Contoso Corporate TLS Inspection CA").expect("tls server");
    let http = client(ProxySettings::none(), NoSuchName, Duration::from_secs(3));
    let failure = get(&http, &server.url()).await.expect_err("untrusted");
    assert_eq!(failure.step, Step::Tls, "{failure:?}");
    assert!(
        failure.summary.contains("not from an issuer this computer trusts"),
        "{}",
        failure.summary
    );
}

#[tokio::test]
async fn a_proxy_that_wants_a_password_names_the_proxy_step() {
    let proxy = ForwardProxy::start_with(Some("YWxpY2U6czNjcmV0".to_owned())).expect("proxy");
    let http = client(through(&proxy.url()), NoSuchName, Duration::from_secs(2));
    let port = closed_port().expect("port");
    let failure = get(&http, &format!("https://127.0.0.1:{port}/"))
        .await
        .expect_err("407");
    assert_eq!(failure.step, Step::Proxy, "{failure:?}");
    assert!(failure.summary.contains("HTTP 407"), "{}", failure.summary);
    // With the password in the proxy URL, the proxy lets the request through.
    let server = InspectingTlsServer::start("Contoso Corporate TLS Inspection CA").expect("tls server");
    let with_password = format!("http://alice:s3cret@127.0.0.1:{}", proxy.port);
    let http = client(through(&with_password), NoSuchName, Duration::from_secs(3));
    let failure = get(&http, &server.url()).await.expect_err("untrusted");
    assert_eq!(failure.step, Step::Tls, "the tunnel opened: {failure:?}");
    assert!(!format!("{failure:?}").contains("s3cret"));
}

#[tokio::test]
async fn plain_http_goes_nowhere_but_loopback() {
    let http = client(ProxySettings::none(), NoSuchName, Duration::from_secs(2));
    let failure = get(&http, "http://login.contoso.invalid/token")
        .await
        .expect_err("refused");
    assert_eq!(failure.step, Step::Connect, "{failure:?}");
    assert!(failure.summary.contains("only https is safe"), "{}", failure.summary);
}

/// `http://127.0.0.1:P@127.0.0.1:Q/` reads as port P to a prefix check but
/// goes to Q: an address with a user name or password hides where a request
/// (and its token) really goes, so none is sent (RFC 3986 §3.2.1 deprecates
/// "user:password" in an authority; RFC 9110 §4.2.4 forbids it in http(s)).
#[tokio::test]
async fn an_address_with_a_user_name_in_it_gets_nothing() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listener");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("address").port();
    let http = client(ProxySettings::none(), NoSuchName, Duration::from_secs(2));
    for url in [
        format!("http://127.0.0.1:1@127.0.0.1:{port}/v1.0/auditLogs/signIns"),
        format!("http://help:desk@127.0.0.1:{port}/"),
    ] {
        let failure = get(&http, &url).await.expect_err("refused");
        assert_eq!(failure.step, Step::Connect, "{failure:?}");
        assert!(failure.summary.contains("user name"), "{}", failure.summary);
        assert!(
            !failure.summary.contains("desk@"),
            "no password in words: {}",
            failure.summary
        );
    }
    let accepted = listener.accept();
    assert!(
        matches!(&accepted, Err(e) if e.kind() == io::ErrorKind::WouldBlock),
        "the listener behind the user name was reached: {accepted:?}"
    );
}
