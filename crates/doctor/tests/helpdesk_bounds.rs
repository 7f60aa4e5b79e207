//! Help-desk lookups against hostile Graph answers: the token follows a next
//! page only to the Graph it was sent to, a flood of entries ends in a short
//! list within a bound, a flood of failed policies is read a few at a time,
//! and a quote in a user's name is quoted in the OData filter
//! (issue 23, items 2, 8 and 12).

use chrono::Utc;
use doctor::clock::system_now;
use doctor::helpdesk::{helpdesk_profile, lookup, LookupAnswer, LookupContext, LookupInput, LookupLimits, ProblemKind};
use doctor::secret::Secret;
use serde_json::json;
use std::time::{Duration, Instant};
use test_peers::graph_fixtures as fx;
use test_peers::{GraphAnswer, GraphFlood, GraphLikeServer, GraphServer, GraphTenant, OidcProvider};

// Shared with the sign-in tests; the browser part is not used here.
#[allow(dead_code)]
mod support;

/// At most this many matches are listed (find.rs `MAX_MATCHES_LISTED`).
const MATCHES_LISTED: usize = 25;
/// At most this many policy requests at once (lookup.rs `POLICY_REQUESTS_AT_ONCE`).
const POLICY_REQUESTS_AT_ONCE: usize = 4;
/// At most this many distinct policies are read (lookup.rs `MAX_POLICIES_READ`).
const POLICIES_READ: usize = 25;
/// At most this many failed policies are explained (lookup.rs `MAX_POLICIES_EXPLAINED`).
const POLICIES_EXPLAINED: usize = 250;

/// One provider for every test here (node takes seconds to start on a busy machine).
fn provider() -> &'static OidcProvider {
    static PROVIDER: std::sync::OnceLock<OidcProvider> = std::sync::OnceLock::new();
    PROVIDER.get_or_init(|| OidcProvider::start().expect("oidc-provider starts"))
}

fn limits() -> LookupLimits {
    LookupLimits {
        max_wait_for_entry: Duration::ZERO,
        first_retry: Duration::from_millis(500),
        max_throttle_wait: Duration::from_secs(3),
        throttle_first_wait: Duration::from_millis(500),
        max_pages: 5,
    }
}

/// Looks `input` up at `graph_url` with `token` (a real help-desk token, or
/// a made-up one for a stand-in that checks none), on a thread of its own
/// so that a lookup that never ends fails the test instead of hanging it.
fn look_up(graph_url: String, token: Option<serde_json::Value>, input: LookupInput) -> (LookupAnswer, Duration) {
    let (done, answer) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let mut profile = match &token {
                Some(_) => support::profile(provider(), "helpdesk"),
                None => doctor::Profile::defaults(),
            };
            profile.graph_url = Some(url::Url::parse(&graph_url).expect("url"));
            let profile = helpdesk_profile(&profile);
            let http = support::http();
            let (access, scopes) = match &token {
                Some(minted) => (
                    minted["access_token"].as_str().expect("access token").to_owned(),
                    minted["scope"]
                        .as_str()
                        .unwrap_or_default()
                        .split(' ')
                        .map(str::to_owned)
                        .collect(),
                ),
                None => ("not-a-real-token".to_owned(), Vec::new()),
            };
            let ctx = LookupContext {
                profile: &profile,
                http: &http,
                token: Secret::new(access),
                granted_scopes: scopes,
                now: system_now(),
                limits: limits(),
            };
            let started = Instant::now();
            let answer = lookup(&ctx, &input, |_| {}).await;
            let _ = done.send((answer, started.elapsed()));
        });
    });
    answer
        .recv_timeout(Duration::from_secs(60))
        .expect("the lookup ends within a minute (it did not: it hangs on the answer)")
}

fn helpdesk_token() -> serde_json::Value {
    provider().helpdesk_token("helpdesk").expect("token")
}

fn by_request(id: &str) -> LookupInput {
    LookupInput {
        request_id: Some(id.to_owned()),
        ..LookupInput::default()
    }
}

fn kind(answer: &LookupAnswer) -> Option<ProblemKind> {
    answer.problem.as_ref().map(|p| p.kind)
}

/// Item 2: `http://127.0.0.1:P@127.0.0.1:Q/…` starts with Graph's
/// `http://127.0.0.1:P`, but its host is the second listener's (P is only
/// user-info). The token must not go there.
#[test]
fn a_next_link_to_another_host_by_the_user_info_trick_is_not_followed() {
    let graph = GraphServer::start(&provider().issuer, GraphTenant::contoso(Utc::now())).expect("graph peer");
    let elsewhere = GraphLikeServer::start(GraphAnswer::Me).expect("second listener");
    graph.next_link(&format!(
        "{}@127.0.0.1:{}/beta/auditLogs/signIns?$skiptoken=2",
        graph.base_url(),
        elsewhere.port
    ));
    let (answer, took) = look_up(
        graph.base_url(),
        Some(helpdesk_token()),
        by_request(fx::BLOCKED_BY_LOCATION),
    );
    assert_eq!(elsewhere.connections(), 0, "the second listener was sent the token");
    assert_eq!(elsewhere.last_authorization(), None);
    // A clear verdict: the first page's entry, explained.
    assert!(answer.found, "{answer:?}");
    assert_eq!(answer.problem, None);
    assert!(took < Duration::from_secs(20), "{took:?}");
}

/// Item 8: a page of 60,000 distinct entries (under the 1 MiB body bound),
/// each page naming the next: bounded entries, a linear choice, a short list.
#[test]
fn sixty_thousand_entries_end_in_a_short_list_within_two_seconds() {
    let flood = GraphFlood::start(60_000).expect("flood peer");
    assert!(flood.page_bytes < 1024 * 1024, "{} bytes", flood.page_bytes);
    let (answer, took) = look_up(flood.base_url(), None, by_request(fx::BLOCKED_BY_LOCATION));
    println!(
        "60,000 entries a page ({} bytes): {} ms, {} list requests, {} matches",
        flood.page_bytes,
        took.as_millis(),
        flood.list_requests(),
        answer.matches.len()
    );
    assert_eq!(kind(&answer), Some(ProblemKind::Ambiguous), "{:?}", answer.problem);
    assert_eq!(answer.matches.len(), MATCHES_LISTED);
    let message = &answer.problem.as_ref().expect("problem").message;
    assert!(
        message.contains(&format!("the first {MATCHES_LISTED} are listed")),
        "{message}"
    );
    // Not all were read: the count says "more than", not a number it cannot know.
    assert!(message.starts_with("More than 1000 sign-ins match"), "{message}");
    // The page held more than the app reads in all: no second page is asked for.
    assert_eq!(flood.list_requests(), 1);
    // The one time bound, generous for a loaded machine (the figure is printed above).
    assert!(took < Duration::from_secs(2), "{took:?}");
}

/// Item 8: one sign-in refused by 5,000 distinct policies: a few read at a
/// time, a bounded number read at all, a bounded number explained.
#[test]
fn five_thousand_failed_policies_are_read_a_few_at_a_time() {
    let applied: Vec<serde_json::Value> = (0..5_000)
        .map(|n| json!({"id": format!("00000000-0000-4000-8000-{n:012}"), "result": "failure"}))
        .collect();
    let mut tenant = GraphTenant::contoso(Utc::now());
    let entry = tenant
        .sign_ins
        .iter_mut()
        .find(|e| {
            e["id"]
                .as_str()
                .is_some_and(|id| id.eq_ignore_ascii_case(fx::BLOCKED_BY_LOCATION))
        })
        .expect("fixture entry");
    entry["appliedConditionalAccessPolicies"] = json!(applied);
    let graph = GraphServer::start(&provider().issuer, tenant).expect("graph peer");
    // Each answer takes a while, as across the internet: requests sent at once overlap.
    graph.delay(Duration::from_millis(30));
    let (answer, took) = look_up(
        graph.base_url(),
        Some(helpdesk_token()),
        by_request(fx::BLOCKED_BY_LOCATION),
    );
    let policy_requests = graph
        .requests()
        .iter()
        .filter(|r| r.contains("/identity/conditionalAccess/policies/"))
        .count();
    println!(
        "5,000 failed policies: {} ms, {policy_requests} policy requests, at most {} at once",
        took.as_millis(),
        graph.max_in_flight()
    );
    assert!(answer.found, "{answer:?}");
    assert!(
        graph.max_in_flight() <= POLICY_REQUESTS_AT_ONCE,
        "{}",
        graph.max_in_flight()
    );
    assert!(graph.max_in_flight() >= 2, "the policies are still read side by side");
    assert_eq!(policy_requests, POLICIES_READ);
    assert_eq!(answer.blocking_policies.len(), POLICIES_EXPLAINED);
}

/// Item 12: a quote in a user's name is doubled inside the OData string
/// (OData URL conventions §5.1.1.6.1), and the real peer, which reads the
/// filter as Graph does, finds the user's sign-in by it.
#[test]
fn a_quote_in_the_user_name_is_doubled_in_the_filter_graph_receives() {
    let upn = "o'brien@contoso.com";
    let mut tenant = GraphTenant::contoso(Utc::now());
    let when = Utc::now() - chrono::Duration::minutes(3);
    tenant.sign_ins.push(fx::blocked_entry(
        "3a9e1c44-1f0b-4b8e-9d2a-0c1e2f3a4b5c",
        "4b0f2d55-2a1c-4c9f-8e3b-1d2f3a4b5c6d",
        when,
        upn,
    ));
    let graph = GraphServer::start(&provider().issuer, tenant).expect("graph peer");
    let input = LookupInput {
        user: Some(upn.to_owned()),
        at: Some(when),
        ..LookupInput::default()
    };
    let (answer, _) = look_up(graph.base_url(), Some(helpdesk_token()), input);
    let filters = graph.filters();
    assert!(
        filters
            .iter()
            .any(|f| f.contains("userPrincipalName eq 'o''brien@contoso.com'")),
        "{filters:?}"
    );
    assert!(answer.found, "{answer:?}");
    assert_eq!(
        answer.sign_in.and_then(|s| s.id).as_deref(),
        Some("3a9e1c44-1f0b-4b8e-9d2a-0c1e2f3a4b5c")
    );
}
