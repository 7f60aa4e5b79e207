//! Help-desk lookups against the Graph peer, with tokens the real
//! oidc-provider peer issues for Graph (no browser needed at this level):
//! one test per problem kind, and the found-and-explained path. Then the
//! whole journey the window and the CLI run (`sign_in_and_look_up`): the
//! help-desk sign-in in headless Chromium or with a code, the saved sign-in
//! reused, every step with its words, and Cancel.

#[path = "support/memory_store.rs"]
mod memory_store;

use chrono::{Duration as Days, Utc};
use doctor::clock::system_now;
use doctor::helpdesk::{
    helpdesk_profile, lookup, sign_in_and_look_up, Cancelled, HelpDeskContext, HelpDeskProgress, LookupAnswer,
    LookupContext, LookupInput, LookupLimits, LookupProgress, ProblemKind, SignInWay, Unmet, WhatIfQuery,
};
use doctor::secret::Secret;
use doctor::signin::{Browser, BrowserError, Session};
use doctor::store::TokenStore;
use memory_store::MemoryStore;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use test_peers::graph_fixtures as fx;
use test_peers::{GraphServer, GraphTenant, OidcProvider, Throttle};

// Shared with the sign-in tests; the browser part is not used here.
#[allow(dead_code)]
mod support;

struct Peers {
    provider: &'static OidcProvider,
    graph: GraphServer,
}

/// One provider for every test here (node takes seconds to start on a busy
/// machine); each test has a Graph peer of its own. The provider exits when
/// this process ends (its stdin closes).
fn provider() -> &'static OidcProvider {
    static PROVIDER: std::sync::OnceLock<OidcProvider> = std::sync::OnceLock::new();
    PROVIDER.get_or_init(|| OidcProvider::start().expect("oidc-provider starts"))
}

fn peers(change: impl FnOnce(&mut GraphTenant)) -> Peers {
    let provider = provider();
    let mut tenant = GraphTenant::contoso(Utc::now());
    change(&mut tenant);
    let graph = GraphServer::start(&provider.issuer, tenant).expect("graph peer");
    Peers { provider, graph }
}

fn fast_limits() -> LookupLimits {
    LookupLimits {
        max_wait_for_entry: Duration::from_secs(2),
        first_retry: Duration::from_millis(500),
        max_throttle_wait: Duration::from_secs(3),
        throttle_first_wait: Duration::from_millis(500),
        max_pages: 5,
    }
}

async fn look_up(
    peers: &Peers,
    user: &str,
    input: LookupInput,
    limits: LookupLimits,
) -> (LookupAnswer, Vec<LookupProgress>) {
    look_up_at(peers, user, input, limits, system_now()).await
}

/// As `look_up`, with the lookup's clock reading `now`.
async fn look_up_at(
    peers: &Peers,
    user: &str,
    input: LookupInput,
    limits: LookupLimits,
    now: doctor::clock::Now,
) -> (LookupAnswer, Vec<LookupProgress>) {
    let minted = peers.provider.helpdesk_token(user).expect("token");
    let mut profile = support::profile(peers.provider, user);
    profile.graph_url = Some(url::Url::parse(&peers.graph.base_url()).expect("url"));
    let profile = helpdesk_profile(&profile);
    let http = support::http();
    let ctx = LookupContext {
        profile: &profile,
        http: &http,
        token: Secret::new(minted["access_token"].as_str().expect("access token").to_owned()),
        granted_scopes: minted["scope"]
            .as_str()
            .unwrap_or_default()
            .split(' ')
            .map(str::to_owned)
            .collect(),
        now,
        limits,
    };
    let seen = Mutex::new(Vec::new());
    let answer = lookup(&ctx, &input, |p| seen.lock().expect("lock").push(p)).await;
    (answer, seen.into_inner().expect("lock"))
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

#[tokio::test]
async fn a_block_by_location_is_found_by_request_id_and_explained_with_its_policy() {
    let peers = peers(|_| {});
    let input = LookupInput {
        request_id: Some(fx::BLOCKED_BY_LOCATION.to_ascii_uppercase()),
        what_if: Some(WhatIfQuery {
            country: Some("NG".into()),
            client_app_type: Some("browser".into()),
            ..WhatIfQuery::default()
        }),
        ..LookupInput::default()
    };
    let (answer, _) = look_up(&peers, "helpdesk", input, fast_limits()).await;
    assert!(answer.found, "{answer:?}");
    assert_eq!(answer.problem, None);
    let entry = answer.sign_in.as_ref().expect("entry");
    assert_eq!(
        entry.id.as_deref(),
        Some(fx::BLOCKED_BY_LOCATION),
        "GUIDs in lower case"
    );
    assert_eq!(entry.correlation_id.as_deref(), Some(fx::BLOCKED_CORRELATION));
    assert!(
        entry
            .created_at
            .as_deref()
            .is_some_and(|t| t.ends_with('Z') && t.len() == 20),
        "{:?}",
        entry.created_at
    );
    assert_eq!(entry.error_code, Some(53003));
    let blocking = &answer.blocking_policies;
    assert_eq!(blocking.len(), 1, "{blocking:?}");
    assert_eq!(blocking[0].name.as_deref(), Some("CA020: Block untrusted countries"));
    assert_eq!(blocking[0].unmet, Unmet::Location);
    assert!(
        blocking[0].why.contains("203.0.113.24 (Lagos, NG)"),
        "{}",
        blocking[0].why
    );
    assert_eq!(
        blocking[0].definition.as_ref().and_then(|d| d.state.as_deref()),
        Some("enabled"),
        "the definition is fetched by ID"
    );
    // Report-only results are there only with the Prefer header, which the app sends.
    assert_eq!(answer.report_only_failures.len(), 1);
    assert_eq!(answer.report_only_failures[0].unmet, Unmet::CompliantDevice);
    assert!(peers
        .graph
        .requests()
        .iter()
        .all(|r| r.contains("prefer=include-unknown-enum-members")));
    let what_if = answer.what_if.as_ref().expect("what if");
    assert_eq!(what_if.problem, None);
    let applies: Vec<_> = what_if
        .policies
        .iter()
        .filter(|p| p.applies)
        .filter_map(|p| p.name.clone())
        .collect();
    assert!(applies.iter().any(|n| n.starts_with("CA020")), "{what_if:?}");
    assert!(what_if.not_evaluated.contains(&"device_platform"), "{what_if:?}");
    let markdown = answer.summary_markdown(true);
    assert!(markdown.contains("CA020: Block untrusted countries"));
    assert!(!markdown.contains("alice@contoso.example"), "masked in presenter mode");
    assert!(!markdown.contains("eyJ"), "no token");
}

/// Against the real Graph each request is a round trip across the internet:
/// once the entry is found, the failed policies' definitions and What If do
/// not wait for one another (they need only the entry).
#[tokio::test]
async fn the_policies_and_what_if_are_asked_at_once_once_the_entry_is_found() {
    let peers = peers(|_| {});
    let input = LookupInput {
        request_id: Some(fx::BLOCKED_BY_LOCATION.to_owned()),
        what_if: Some(WhatIfQuery {
            country: Some("NG".into()),
            ..WhatIfQuery::default()
        }),
        ..LookupInput::default()
    };
    // One uncounted lookup: the peer reads the provider's keys on its first request.
    let _ = look_up(&peers, "helpdesk", input.clone(), fast_limits()).await;
    peers.graph.clear_seen();
    let delay = Duration::from_millis(400);
    peers.graph.delay(delay);
    let started = std::time::Instant::now();
    let (answer, _) = look_up(&peers, "helpdesk", input, fast_limits()).await;
    let took = started.elapsed();
    let requests = peers.graph.requests();
    // The sign-in list, CA020's and CA030's definitions, What If.
    assert_eq!(requests.len(), 4, "{requests:?}");
    assert_eq!(answer.problem, None, "{answer:?}");
    assert_eq!(
        answer.blocking_policies[0].name.as_deref(),
        Some("CA020: Block untrusted countries")
    );
    assert!(answer.blocking_policies[0].definition.is_some(), "{answer:?}");
    assert!(answer.report_only_failures[0].definition.is_some(), "{answer:?}");
    assert!(
        answer.what_if.as_ref().is_some_and(|w| w.problem.is_none()),
        "{answer:?}"
    );
    // One after another they would take 4 delays; the list, then the three at once, take 2.
    assert!(
        took < delay * 3,
        "{took:?} for 4 requests each {delay:?} away: the last three were asked one after another"
    );
}

#[tokio::test]
async fn compliant_device_and_device_code_verdicts_come_from_the_entrys_facts() {
    let peers = peers(|_| {});
    let (answer, _) = look_up(
        &peers,
        "helpdesk",
        by_request(fx::NEEDS_COMPLIANT_DEVICE),
        fast_limits(),
    )
    .await;
    let verdict = &answer.blocking_policies[0];
    assert_eq!(verdict.unmet, Unmet::CompliantDevice);
    assert!(verdict.why.contains("requires a compliant device"), "{}", verdict.why);
    assert!(verdict.fix.contains("Intune"), "{}", verdict.fix);
    // Non-interactive: found only because the app asks for both event types.
    let (answer, _) = look_up(&peers, "helpdesk", by_request(fx::DEVICE_CODE_BLOCKED), fast_limits()).await;
    assert!(answer.found, "{answer:?}");
    assert_eq!(
        answer.sign_in.as_ref().and_then(|s| s.protocol.as_deref()),
        Some("deviceCode")
    );
    assert_eq!(answer.blocking_policies[0].unmet, Unmet::AuthenticationFlow);
}

#[tokio::test]
async fn correlation_id_within_the_time_window_picks_the_ca_failure() {
    let peers = peers(|_| {});
    let input = LookupInput {
        correlation_id: Some(fx::BLOCKED_CORRELATION.to_owned()),
        at: Some(Utc::now() - Days::minutes(3)),
        ..LookupInput::default()
    };
    let (answer, progress) = look_up(&peers, "helpdesk", input, fast_limits()).await;
    assert_eq!(
        answer.sign_in.and_then(|s| s.id).as_deref(),
        Some(fx::BLOCKED_BY_LOCATION)
    );
    assert!(progress
        .iter()
        .any(|p| matches!(p, LookupProgress::Querying { what } if what.starts_with("by correlation ID"))));
    assert!(
        peers
            .graph
            .requests()
            .iter()
            .any(|r| r.contains("createdDateTime%20ge")),
        "{:?}",
        peers.graph.requests()
    );
}

/// A user without a time is searched in the two hours before the lookup's
/// own clock (the one it was given), not the computer's.
#[tokio::test]
async fn a_user_without_a_time_is_searched_around_the_lookups_clock() {
    let then = Utc::now() - Days::days(2);
    let peers = peers(|tenant| *tenant = GraphTenant::contoso(then));
    let input = LookupInput {
        user: Some("alice@contoso.example".to_owned()),
        ..LookupInput::default()
    };
    let (answer, _) = look_up_at(&peers, "helpdesk", input, fast_limits(), doctor::clock::fixed_now(then)).await;
    assert_ne!(kind(&answer), Some(ProblemKind::NotFoundYet), "{answer:?}");
    assert!(answer.found || !answer.matches.is_empty(), "{answer:?}");
}

#[tokio::test]
async fn several_matches_are_listed_and_none_is_picked() {
    let peers = peers(|_| {});
    let input = LookupInput {
        correlation_id: Some(fx::AMBIGUOUS_CORRELATION.to_owned()),
        ..LookupInput::default()
    };
    let (answer, _) = look_up(&peers, "helpdesk", input, fast_limits()).await;
    assert_eq!(kind(&answer), Some(ProblemKind::Ambiguous));
    assert!(!answer.found);
    assert_eq!(answer.matches.len(), 2);
}

#[tokio::test]
async fn an_entry_not_there_yet_is_waited_for_then_found_or_reported() {
    let peers = peers(|_| {});
    let limits = LookupLimits {
        max_wait_for_entry: Duration::from_secs(20),
        ..fast_limits()
    };
    let (answer, progress) = look_up(&peers, "helpdesk", by_request(fx::LATE), limits).await;
    assert!(answer.found, "{answer:?}");
    assert!(
        progress.iter().any(|p| matches!(p, LookupProgress::Waiting { .. })),
        "the wait is shown"
    );

    let started = std::time::Instant::now();
    let (answer, _) = look_up(
        &peers,
        "helpdesk",
        by_request("00000000-0000-4000-8000-000000000000"),
        fast_limits(),
    )
    .await;
    assert_eq!(kind(&answer), Some(ProblemKind::NotFoundYet));
    assert!(started.elapsed() < Duration::from_secs(10), "bounded");
}

#[tokio::test]
async fn too_old_is_said_without_asking() {
    let peers = peers(|_| {});
    let input = LookupInput {
        user: Some("alice@contoso.example".into()),
        at: Some(Utc::now() - Days::days(40)),
        ..LookupInput::default()
    };
    let (answer, _) = look_up(&peers, "helpdesk", input, fast_limits()).await;
    assert_eq!(kind(&answer), Some(ProblemKind::TooOld));
    assert!(peers.graph.requests().is_empty());
}

#[tokio::test]
async fn role_consent_licence_and_missing_ca_details_are_each_named() {
    let peers = peers(|_| {});
    let (answer, _) = look_up(
        &peers,
        "helpdesk-noroles",
        by_request(fx::BLOCKED_BY_LOCATION),
        fast_limits(),
    )
    .await;
    assert_eq!(kind(&answer), Some(ProblemKind::Role));
    assert!(answer
        .problem
        .as_ref()
        .is_some_and(|p| p.message.contains("Security Reader")));

    let (answer, _) = look_up(
        &peers,
        "helpdesk-nologs",
        by_request(fx::BLOCKED_BY_LOCATION),
        fast_limits(),
    )
    .await;
    assert_eq!(kind(&answer), Some(ProblemKind::Consent));
    assert!(answer
        .problem
        .as_ref()
        .is_some_and(|p| p.message.contains("AuditLog.Read.All") && p.message.contains("admin")));

    let (answer, _) = look_up(
        &peers,
        "helpdesk-nopolicy",
        by_request(fx::BLOCKED_BY_LOCATION),
        fast_limits(),
    )
    .await;
    assert_eq!(kind(&answer), Some(ProblemKind::NoCaDetails));
    assert!(answer.found);
    assert!(answer
        .problem
        .as_ref()
        .is_some_and(|p| p.message.contains("Policy.Read.All")));

    peers.graph.edit(|t| {
        t.roles.insert("helpdesk".into(), vec!["Reports Reader".into()]);
    });
    let (answer, _) = look_up(&peers, "helpdesk", by_request(fx::BLOCKED_BY_LOCATION), fast_limits()).await;
    assert_eq!(kind(&answer), Some(ProblemKind::NoCaDetails));
    assert!(answer
        .problem
        .as_ref()
        .is_some_and(|p| p.message.contains("Security Reader")));

    peers.graph.edit(|t| t.premium = false);
    let (answer, _) = look_up(&peers, "helpdesk", by_request(fx::BLOCKED_BY_LOCATION), fast_limits()).await;
    assert_eq!(kind(&answer), Some(ProblemKind::Licence));
}

#[tokio::test]
async fn throttling_is_waited_out_within_a_bound() {
    let peers = peers(|_| {});
    peers.graph.throttle(Throttle {
        requests: 1,
        retry_after: Some(1),
    });
    let (answer, progress) = look_up(&peers, "helpdesk", by_request(fx::BLOCKED_BY_LOCATION), fast_limits()).await;
    assert!(answer.found, "Retry-After honoured: {answer:?}");
    assert!(progress
        .iter()
        .any(|p| matches!(p, LookupProgress::Waiting { seconds: 1, .. })));

    peers.graph.throttle(Throttle {
        requests: 100,
        retry_after: None,
    });
    let started = std::time::Instant::now();
    let (answer, _) = look_up(&peers, "helpdesk", by_request(fx::BLOCKED_BY_LOCATION), fast_limits()).await;
    assert_eq!(kind(&answer), Some(ProblemKind::Throttled));
    assert!(started.elapsed() < Duration::from_secs(8));

    peers.graph.throttle(Throttle {
        requests: 1,
        retry_after: Some(86_400),
    });
    let (answer, _) = look_up(&peers, "helpdesk", by_request(fx::BLOCKED_BY_LOCATION), fast_limits()).await;
    assert_eq!(
        kind(&answer),
        Some(ProblemKind::Throttled),
        "a day's Retry-After is not waited"
    );
}

#[tokio::test]
async fn unreachable_and_unsupported_clouds() {
    let peers = peers(|t| t.no_sign_in_logs = true);
    let (answer, _) = look_up(&peers, "helpdesk", by_request(fx::BLOCKED_BY_LOCATION), fast_limits()).await;
    assert_eq!(kind(&answer), Some(ProblemKind::UnsupportedCloud));

    // An authority that is no Microsoft cloud, and no Graph address set.
    let minted = peers.provider.helpdesk_token("helpdesk").expect("token");
    let profile = helpdesk_profile(&support::profile(peers.provider, "helpdesk"));
    let http = support::http();
    let ctx = LookupContext {
        profile: &profile,
        http: &http,
        token: Secret::new(minted["access_token"].as_str().unwrap_or_default().to_owned()),
        granted_scopes: Vec::new(),
        now: system_now(),
        limits: fast_limits(),
    };
    let answer = lookup(&ctx, &by_request(fx::BLOCKED_BY_LOCATION), |_| {}).await;
    assert_eq!(kind(&answer), Some(ProblemKind::UnsupportedCloud));

    let mut closed = support::profile(peers.provider, "helpdesk");
    closed.graph_url = Some(
        url::Url::parse(&format!(
            "http://127.0.0.1:{}",
            test_peers::closed_port().expect("port")
        ))
        .expect("url"),
    );
    let closed = helpdesk_profile(&closed);
    let ctx = LookupContext {
        profile: &closed,
        ..ctx
    };
    let answer = lookup(&ctx, &by_request(fx::BLOCKED_BY_LOCATION), |_| {}).await;
    assert_eq!(kind(&answer), Some(ProblemKind::Unreachable), "{answer:?}");
}

/// A lookup against a Graph stand-in that answers `answer` (no token check).
async fn against(graph_url: String, limits: LookupLimits) -> LookupAnswer {
    let mut profile = doctor::Profile::defaults();
    profile.graph_url = Some(url::Url::parse(&graph_url).expect("url"));
    profile.check_timeout = Duration::from_secs(2);
    let profile = helpdesk_profile(&profile);
    let http = doctor::network::HttpClient::new(
        std::sync::Arc::new(doctor::network::ProxySettings::none()),
        std::sync::Arc::new(doctor::network::SystemResolver),
        Duration::from_secs(2),
    );
    let ctx = LookupContext {
        profile: &profile,
        http: &http,
        token: Secret::new("not-a-real-token".to_owned()),
        granted_scopes: Vec::new(),
        now: system_now(),
        limits,
    };
    lookup(&ctx, &by_request(fx::BLOCKED_BY_LOCATION), |_| {}).await
}

#[tokio::test]
async fn hostile_answers_end_in_a_verdict_without_hanging() {
    let limits = LookupLimits {
        max_wait_for_entry: Duration::ZERO,
        ..fast_limits()
    };
    // A captive portal's page where Graph's JSON should be.
    let portal = test_peers::OneShotHttpServer::start("200 OK", "text/html", "<html>Sign in to the hotel Wi-Fi</html>")
        .expect("peer");
    assert_eq!(
        kind(&against(portal.url(), limits.clone()).await),
        Some(ProblemKind::Unreachable)
    );
    // A next page elsewhere is never followed (the token stays with Graph); an
    // entry that is not an object is skipped.
    let elsewhere = test_peers::OneShotHttpServer::start(
        "200 OK",
        "application/json",
        r#"{"value": [7, null, "x"], "@odata.nextLink": "http://203.0.113.9/steal"}"#,
    )
    .expect("peer");
    assert_eq!(
        kind(&against(elsewhere.url(), limits.clone()).await),
        Some(ProblemKind::NotFoundYet)
    );
    // An answer that never comes: one request bound, not a hang.
    let silent = test_peers::SilentServer::start().expect("peer");
    let started = std::time::Instant::now();
    let answer = against(format!("http://127.0.0.1:{}", silent.port), limits).await;
    assert_eq!(kind(&answer), Some(ProblemKind::Unreachable), "{answer:?}");
    assert!(started.elapsed() < Duration::from_secs(6));
}

/// The app's share of a lookup: N lookups, against N replays of the same
/// Graph requests (same client, token and URLs) as bare round trips.
/// `cargo test -p doctor --test helpdesk -- --ignored --nocapture lookup_overhead`
#[tokio::test]
#[ignore = "a measurement, not a check"]
async fn lookup_overhead() {
    let peers = peers(|_| {});
    let runs = 20;
    let input = by_request(fx::BLOCKED_BY_LOCATION);
    let _ = look_up(&peers, "helpdesk", input.clone(), fast_limits()).await;
    let minted = peers.provider.helpdesk_token("helpdesk").expect("token");
    let token = minted["access_token"].as_str().unwrap_or_default().to_owned();
    let mut profile = support::profile(peers.provider, "helpdesk");
    profile.graph_url = Some(url::Url::parse(&peers.graph.base_url()).expect("url"));
    let profile = helpdesk_profile(&profile);
    let client = support::http();
    let ctx = LookupContext {
        profile: &profile,
        http: &client,
        token: Secret::new(token.clone()),
        granted_scopes: Vec::new(),
        now: system_now(),
        limits: fast_limits(),
    };
    let before = peers.graph.requests().len();
    let started = std::time::Instant::now();
    for _ in 0..runs {
        assert!(lookup(&ctx, &input, |_| {}).await.found);
    }
    let lookups = started.elapsed();
    let requests: Vec<String> = peers.graph.requests()[before..].to_vec();
    let http = client.clone();
    let base = peers.graph.base_url();
    let started = std::time::Instant::now();
    for request in &requests {
        let mut words = request.split(' ');
        let (method, target) = (words.next().unwrap_or("GET"), words.next().unwrap_or("/"));
        let request = http::Request::builder()
            .method(method)
            .uri(format!("{base}{target}"))
            .header("Authorization", format!("Bearer {token}"))
            .header("Prefer", "include-unknown-enum-members")
            .body(Vec::new())
            .expect("request");
        let _ = http.send(request).await.expect("answer");
    }
    let replays = started.elapsed();
    println!(
        "{runs} lookups: {} ms; their {} Graph requests replayed bare: {} ms; ratio {:.2}",
        lookups.as_millis(),
        requests.len(),
        replays.as_millis(),
        lookups.as_secs_f64() / replays.as_secs_f64().max(1e-9)
    );
}

#[tokio::test]
async fn a_retry_after_of_zero_forever_is_not_a_tight_loop() {
    let peers = peers(|_| {});
    peers.graph.throttle(Throttle {
        requests: 10_000,
        retry_after: Some(0),
    });
    let started = std::time::Instant::now();
    let (answer, _) = look_up(&peers, "helpdesk", by_request(fx::BLOCKED_BY_LOCATION), fast_limits()).await;
    assert_eq!(kind(&answer), Some(ProblemKind::Throttled));
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        peers.graph.requests().len() <= 13,
        "{} requests",
        peers.graph.requests().len()
    );
}

// ---- The whole journey: sign in as help-desk, then look up ----

/// A browser that opens nothing, or fails to start; it counts what it was asked.
#[derive(Default)]
struct NoBrowser {
    fails: bool,
    opened: Mutex<u32>,
}

impl Browser for NoBrowser {
    fn open(&self, _url: &str) -> Result<(), BrowserError> {
        *self.opened.lock().expect("lock") += 1;
        if self.fails {
            Err(BrowserError::new("no browser on this computer"))
        } else {
            Ok(())
        }
    }
}

/// A help-desk person at the provider's help-desk client, as `user`: their
/// user-side profile (with the Graph peer, unless `graph` is false), their
/// keychain and the lookup's bounds.
#[derive(Clone)]
struct Desk {
    user_side: doctor::Profile,
    store: Arc<MemoryStore>,
    limits: LookupLimits,
}

impl Desk {
    fn new(peers: &Peers, user: &str, graph: bool) -> Self {
        let mut profile = support::profile(peers.provider, "alice");
        profile.helpdesk_client_id = "signin-doctor-helpdesk".to_owned();
        profile.helpdesk_login_hint = Some(user.to_owned());
        profile.helpdesk_scopes = "openid profile offline_access AuditLog.Read.All Directory.Read.All Policy.Read.All"
            .split(' ')
            .map(str::to_owned)
            .collect();
        if graph {
            profile.graph_url = Some(url::Url::parse(&peers.graph.base_url()).expect("url"));
        }
        Self {
            user_side: profile,
            store: Arc::default(),
            limits: fast_limits(),
        }
    }

    fn saved(&self) -> bool {
        let key = helpdesk_profile(&self.user_side).session_key();
        self.store.load_refresh_token(&key).expect("store").is_some()
    }

    async fn look_up(&self, input: &LookupInput, way: SignInWay<'_>) -> Journey {
        self.look_up_until(input, way, |_| false).await
    }

    /// Runs the journey; it is interrupted when `cancel_at` says so of a step.
    async fn look_up_until(
        &self,
        input: &LookupInput,
        way: SignInWay<'_>,
        cancel_at: impl Fn(&HelpDeskProgress) -> bool + Send + Sync,
    ) -> Journey {
        let session = Session::default();
        let ctx = HelpDeskContext {
            token_store: self.store.clone(),
            limits: self.limits.clone(),
            ..HelpDeskContext::new(&self.user_side, &session)
        };
        let steps = Mutex::new(Vec::new());
        let (cancel, cancelled) = tokio::sync::watch::channel(false);
        let interrupt = async move {
            let mut cancelled = cancelled;
            let _ = cancelled.wait_for(|c| *c).await;
        };
        let result = sign_in_and_look_up(&ctx, input, way, interrupt, |step| {
            if cancel_at(&step) {
                let _ = cancel.send(true);
            }
            if let HelpDeskProgress::DeviceCodeShown {
                verification_uri_complete: Some(url),
                ..
            } = &step
            {
                // The "other device": headless Chromium at the complete address.
                test_peers::open_in_headless_chromium(url).expect("browser");
            }
            steps.lock().expect("lock").push(step);
        })
        .await;
        Journey {
            result,
            steps: steps.into_inner().expect("lock"),
        }
    }
}

/// One journey: how it ended, and its steps as they were reported.
struct Journey {
    result: Result<LookupAnswer, Cancelled>,
    steps: Vec<HelpDeskProgress>,
}

impl Journey {
    /// The steps' kinds as they go out, a wait's countdown left out.
    fn kinds(&self) -> Vec<String> {
        self.steps
            .iter()
            .filter(|s| !s.is_tick())
            .map(|s| {
                serde_json::to_value(s).expect("json")["kind"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    }

    fn answer(&self) -> &LookupAnswer {
        self.result.as_ref().expect("answered, not cancelled")
    }
}

/// Every step goes out with its kind and the engine's words for it.
fn assert_worded(steps: &[HelpDeskProgress]) {
    for step in steps {
        let value = serde_json::to_value(step).expect("json");
        assert!(value["kind"].is_string(), "{value}");
        assert_eq!(value["words"], step.words(), "{value}");
        assert!(step.words().len() > 10, "{value}");
    }
}

#[tokio::test]
async fn the_journey_signs_in_in_the_browser_then_reuses_the_saved_sign_in_and_cancel_ends_a_wait() {
    if !test_peers::real_session_available() {
        return;
    }
    let peers = peers(|_| {});
    let desk = Desk::new(&peers, "helpdesk", true);
    let input = by_request(fx::BLOCKED_BY_LOCATION);

    let first = desk
        .look_up(&input, SignInWay::Browser(&support::HeadlessChromium))
        .await;
    let answer = first.answer();
    assert!(answer.found, "{answer:?}");
    assert_eq!(
        answer.blocking_policies[0].name.as_deref(),
        Some("CA020: Block untrusted countries")
    );
    let kinds = first.kinds();
    assert_eq!(
        kinds[..5],
        [
            "checking_saved_sign_in",
            "signing_in",
            "waiting_for_browser",
            "exchanging_code",
            "signed_in"
        ],
        "{kinds:?}"
    );
    assert!(kinds.contains(&"querying".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"fetching_policy".to_owned()), "{kinds:?}");
    assert!(first.steps.contains(&HelpDeskProgress::SignedIn { saved: false }));
    assert_worded(&first.steps);
    assert!(desk.saved(), "the help-desk sign-in is saved under its own key");

    // The saved sign-in is used: no browser.
    let browser = NoBrowser::default();
    let second = desk.look_up(&input, SignInWay::Browser(&browser)).await;
    assert!(second.answer().found, "{:?}", second.answer());
    assert_eq!(*browser.opened.lock().expect("lock"), 0);
    assert_eq!(
        second.kinds()[..3],
        ["checking_saved_sign_in", "signed_in", "querying"],
        "{:?}",
        second.kinds()
    );
    assert_eq!(
        second.steps[1].words(),
        "Using your saved help-desk sign-in.",
        "{:?}",
        second.steps
    );

    // Cancel while the lookup waits for an entry not in the logs yet: it ends
    // at once, and the wait was counted down in words until then.
    let waits_long = Desk {
        limits: LookupLimits {
            max_wait_for_entry: Duration::from_secs(60),
            first_retry: Duration::from_secs(3),
            ..fast_limits()
        },
        ..desk.clone()
    };
    let started = std::time::Instant::now();
    let third = waits_long
        .look_up_until(
            &by_request("00000000-0000-4000-8000-000000000000"),
            SignInWay::Browser(&browser),
            |step| {
                matches!(
                    step,
                    HelpDeskProgress::Waiting {
                        next_try_in_seconds: 1,
                        ..
                    }
                )
            },
        )
        .await;
    assert_eq!(third.result.as_ref().err(), Some(&Cancelled), "{:?}", third.steps);
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    let waits: Vec<String> = third
        .steps
        .iter()
        .filter(|s| matches!(s, HelpDeskProgress::Waiting { .. }))
        .map(HelpDeskProgress::words)
        .collect();
    assert!(waits.len() >= 3, "{waits:?}");
    assert!(
        waits[0].contains("not in the logs yet") && waits[0].contains("Next try in 3 s"),
        "{waits:?}"
    );
    assert!(waits.last().is_some_and(|w| w.contains("Next try in 1 s")), "{waits:?}");
    assert_worded(&third.steps);
}

#[tokio::test]
async fn the_journey_signs_in_with_a_code_shown_with_its_address_and_expiry() {
    if !test_peers::real_session_available() {
        return;
    }
    let peers = peers(|_| {});
    let desk = Desk::new(&peers, "helpdesk", true);
    let done = desk
        .look_up(&by_request(fx::BLOCKED_BY_LOCATION), SignInWay::DeviceCode)
        .await;
    assert!(done.answer().found, "{:?}", done.answer());
    let shown = done
        .steps
        .iter()
        .find(|s| matches!(s, HelpDeskProgress::DeviceCodeShown { .. }))
        .expect("the code is shown");
    let HelpDeskProgress::DeviceCodeShown {
        user_code,
        verification_uri,
        expires_at,
        ..
    } = shown
    else {
        unreachable!()
    };
    assert!(*expires_at > Utc::now(), "{expires_at}");
    let words = shown.words();
    assert!(
        words.contains(user_code.as_str()) && words.contains(verification_uri.as_str()),
        "{words}"
    );
    assert!(
        words.contains(&format!("until {} UTC", expires_at.format("%H:%M"))),
        "{words}"
    );
    assert_eq!(
        done.kinds()[..3],
        ["checking_saved_sign_in", "signing_in", "device_code_shown"]
    );
    assert!(done.steps.contains(&HelpDeskProgress::SigningIn { device_code: true }));
    assert_worded(&done.steps);
    assert!(desk.saved());
}

#[tokio::test]
async fn cancel_ends_the_wait_for_the_browser_and_nothing_is_saved() {
    let peers = peers(|_| {});
    let desk = Desk::new(&peers, "helpdesk", true);
    // The browser "opens" and nobody signs in: only Cancel ends the wait.
    let browser = NoBrowser::default();
    let started = std::time::Instant::now();
    let done = desk
        .look_up_until(
            &by_request(fx::BLOCKED_BY_LOCATION),
            SignInWay::Browser(&browser),
            |step| matches!(step, HelpDeskProgress::WaitingForBrowser { .. }),
        )
        .await;
    assert_eq!(done.result.as_ref().err(), Some(&Cancelled));
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    assert_eq!(*browser.opened.lock().expect("lock"), 1);
    assert_eq!(
        done.kinds(),
        ["checking_saved_sign_in", "signing_in", "waiting_for_browser"]
    );
    assert_eq!(
        done.steps[2].words(),
        "Finish signing in with your help-desk account in your web browser. Waiting up to 30 seconds."
    );
    assert!(!desk.saved(), "nothing saved");
    assert!(peers.graph.requests().is_empty(), "Graph was never asked");
}

#[tokio::test]
async fn a_sign_in_that_fails_is_the_answers_problem_and_a_cloud_without_logs_is_said_first() {
    let peers = peers(|_| {});
    let input = by_request(fx::BLOCKED_BY_LOCATION);

    // No Microsoft cloud and no Graph address: said before anyone signs in.
    let browser = NoBrowser::default();
    let done = Desk::new(&peers, "helpdesk", false)
        .look_up(&input, SignInWay::Browser(&browser))
        .await;
    assert_eq!(kind(done.answer()), Some(ProblemKind::UnsupportedCloud));
    assert!(done.steps.is_empty(), "{:?}", done.steps);
    assert_eq!(*browser.opened.lock().expect("lock"), 0);

    // A browser that does not start: the sign-in's failure, as a problem.
    let browser = NoBrowser {
        fails: true,
        ..NoBrowser::default()
    };
    let done = Desk::new(&peers, "helpdesk", true)
        .look_up(&input, SignInWay::Browser(&browser))
        .await;
    let problem = done.answer().problem.as_ref().expect("a problem");
    assert_eq!(problem.kind, ProblemKind::Unreachable);
    assert!(
        problem.message.starts_with("The help-desk sign-in did not complete")
            && problem.message.contains("no browser on this computer"),
        "{problem:?}"
    );
    assert_eq!(done.kinds(), ["checking_saved_sign_in", "signing_in"]);
    assert!(peers.graph.requests().is_empty());
}
