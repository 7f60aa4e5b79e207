//! Issue 15 part 2: the controlled call with the token, against real peers on
//! 127.0.0.1: oidc-provider's own userinfo endpoint, and a resource server
//! that answers like Microsoft Graph in each of its ways.

use doctor::network::{HttpClient, ProxySettings, SystemResolver};
use doctor::secret::Secret;
use doctor::token_call::{call, CallVerdict};
use std::sync::Arc;
use std::time::Duration;
use test_peers::{GraphAnswer, GraphLikeServer, OidcProvider};
use url::Url;

fn http() -> HttpClient {
    HttpClient::new(
        Arc::new(ProxySettings::none()),
        Arc::new(SystemResolver),
        Duration::from_secs(5),
    )
}

const TOKEN: &str = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2ln";

#[tokio::test]
async fn each_graph_answer_gets_its_verdict_and_only_the_header_carries_the_token() {
    for (answer, expect) in [
        (GraphAnswer::Me, "works"),
        (GraphAnswer::Expired, "expired"),
        (GraphAnswer::ClaimsChallenge, "claims"),
        (GraphAnswer::Forbidden, "forbidden"),
    ] {
        let graph = GraphLikeServer::start(answer).expect("graph-like server");
        let url = Url::parse(&graph.me_url()).expect("url");
        let verdict = call(&http(), &url, &Secret::new(TOKEN.to_owned())).await;
        let got = match &verdict {
            CallVerdict::Works { status: 200 } => "works",
            CallVerdict::TokenRefused { expired: true, .. } => "expired",
            CallVerdict::ClaimsChallenge { claims: Some(claims) } if claims.contains("\"nbf\"") => "claims",
            CallVerdict::Forbidden {
                description: Some(d), ..
            } if d.contains("Insufficient privileges") => "forbidden",
            _ => "something else",
        };
        assert_eq!(got, expect, "{answer:?}: {verdict:?}");
        assert_eq!(graph.last_authorization(), Some(format!("Bearer {TOKEN}")));
        assert!(!format!("{verdict:?}").contains(TOKEN), "{verdict:?}");
    }
}

#[tokio::test]
async fn the_real_providers_userinfo_refuses_a_token_it_never_issued() {
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let discovery: serde_json::Value = get_json(&format!("{}/.well-known/openid-configuration", provider.issuer)).await;
    let userinfo = Url::parse(discovery["userinfo_endpoint"].as_str().expect("userinfo_endpoint")).expect("url");
    let verdict = call(&http(), &userinfo, &Secret::new("not-a-token-it-issued".to_owned())).await;
    assert!(
        matches!(verdict, CallVerdict::TokenRefused { expired: false, .. }),
        "{verdict:?}"
    );
}

#[tokio::test]
async fn a_dead_resource_is_no_answer_within_the_bound() {
    let port = test_peers::closed_port().expect("port");
    let url = Url::parse(&format!("http://127.0.0.1:{port}/v1.0/me")).expect("url");
    let verdict = call(&http(), &url, &Secret::new(TOKEN.to_owned())).await;
    assert!(matches!(verdict, CallVerdict::NoAnswer(_)), "{verdict:?}");
}

/// The discovery document through the app's own client.
async fn get_json(url: &str) -> serde_json::Value {
    let request = http::Request::get(url).body(Vec::new()).expect("request");
    let answer = http().send(request).await.expect("answer");
    serde_json::from_slice(answer.body()).expect("json")
}
