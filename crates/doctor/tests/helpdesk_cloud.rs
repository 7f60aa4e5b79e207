//! Issue 23 item 3: the help-desk token goes only to Microsoft Graph of the
//! cloud the help-desk person signed in to, never to the cloud a packet
//! names. Every request goes through a real forward proxy on 127.0.0.1
//! that carries the other cloud's Graph host to a local listener and logs
//! each tunnel it opens (DNS answers nothing, so only the proxy could carry
//! a request out).

use doctor::helpdesk::{helpdesk_profile, lookup, LookupContext, LookupInput, LookupLimits};
use doctor::network::proxy::ProxyRule;
use doctor::network::{HttpClient, ProxySettings, Resolver};
use doctor::secret::Secret;
use doctor::Profile;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use test_peers::ForwardProxy;

/// DNS that knows no name: a request can only leave through the proxy.
struct NoSuchName;

impl Resolver for NoSuchName {
    fn resolve<'a>(&'a self, host: &'a str, _port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>> {
        let message = format!("{host}: name not known");
        async move { Err(io::Error::new(io::ErrorKind::NotFound, message)) }.boxed()
    }
}

fn through(proxy: &ForwardProxy) -> HttpClient {
    let proxies = ProxySettings {
        https: ProxyRule::parse(&proxy.url()),
        http: ProxyRule::parse(&proxy.url()),
        source: "the test's proxy".to_owned(),
        ..ProxySettings::none()
    };
    HttpClient::new(Arc::new(proxies), Arc::new(NoSuchName), Duration::from_secs(2))
}

fn input_from(authority: &str) -> LookupInput {
    LookupInput {
        request_id: Some("5f3c2a1e-0b7d-4e1a-9c2f-8d6e4b3a2c10".to_owned()),
        at: Some(chrono::Utc::now()),
        authority: Some(authority.to_owned()),
        ..LookupInput::default()
    }
}

#[tokio::test]
async fn a_packet_from_another_cloud_gets_no_help_desk_token() {
    // The help-desk person signed in at Microsoft's global cloud (the defaults).
    let mut profile = helpdesk_profile(&Profile::defaults());
    profile.check_timeout = Duration::from_secs(2);
    // Stands in for the other cloud's Graph: it accepts, and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let stand_in = format!("127.0.0.1:{}", listener.local_addr().expect("addr").port());
    for (packet, graph, to) in [
        (
            "https://login.microsoftonline.us/contoso.us/v2.0",
            "graph.microsoft.us:443",
            "login.microsoftonline.us",
        ),
        (
            "https://login.chinacloudapi.cn/contoso.cn/v2.0",
            "microsoftgraph.chinacloudapi.cn:443",
            "login.chinacloudapi.cn",
        ),
    ] {
        let proxy = ForwardProxy::start_routing(graph, &stand_in).expect("proxy");
        let http = through(&proxy);
        let ctx = LookupContext {
            profile: &profile,
            http: &http,
            token: Secret::new("help-desk-access-token".to_owned()),
            granted_scopes: Vec::new(),
            now: doctor::clock::system_now(),
            limits: LookupLimits::default(),
        };
        let answer = lookup(&ctx, &input_from(packet), |_| {}).await;
        assert_eq!(proxy.tunnels(), Vec::<String>::new(), "{packet}: a request left");
        let problem = answer.problem.expect("a problem");
        assert_eq!(
            serde_json::to_value(problem.kind).expect("json"),
            "cloud_mismatch",
            "{packet}: {problem:?}"
        );
        assert!(problem.message.contains(to), "{problem:?}");
        assert!(problem.message.contains("sign in as help-desk"), "{problem:?}");
    }
}
