//! Issue 11, help-desk mode: a user's packet opened → the blocking policy
//! shown, against the Graph peer (which verifies tokens the oidc-provider
//! peer issued for Graph), with the share of it spent in Graph's round trips.
//!
//! The app's path is measured as the window runs it once the help-desk
//! person is signed in (src-tauri/packet.rs and helpdesk_lookup.rs): the
//! packet file read (`packet::read_file`, on a blocking thread), the lookup
//! input made from it, `helpdesk::lookup` with the progress serialised as
//! the window's channel gets it, and the answer the window shows
//! (`packet::marked_answer`) serialised as the IPC reply. The interactive
//! sign-in is not in it: the help-desk token is minted by the provider
//! before, as the saved help-desk session would give it.
//!
//! Its yardstick, alternated with it in the same run: the very requests the
//! engine sent (as the peer received them: method, target, every header
//! with the bearer token and Prefer, body) sent again one after another
//! with a plain client (a TCP connection each, as the peer closes each one,
//! the bytes written, the answer read to its end, nothing parsed).

use crate::figure::{millis, Figure};
use chrono::{Duration as Days, Utc};
use doctor::helpdesk::packet::{marked_answer, read_file};
use doctor::helpdesk::{helpdesk_profile, lookup, HelpDeskProgress, LookupContext, LookupInput, LookupLimits, Unmet};
use doctor::network::HttpClient;
use doctor::report::{Format, Packet};
use doctor::secret::Secret;
use doctor::signin::{Attempt, AttemptOutcome, Flow, SignInError, TokenErrorBody};
use doctor::Profile;
use std::path::Path;
use std::time::{Duration, Instant};
use test_peers::graph_fixtures as fx;
use test_peers::{GraphServer, GraphTenant, OidcProvider, SeenRequest};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Each replayed request's connect, write and read together are bounded by this.
const REPLAY_BOUND: Duration = Duration::from_secs(5);

pub async fn figures(provider: &OidcProvider, profile: &Profile, runs: usize) -> Result<Vec<Figure>, String> {
    let graph = GraphServer::start(&provider.issuer, GraphTenant::contoso(Utc::now()))
        .map_err(|e| format!("the Graph peer did not start: {e}"))?;
    let dir = std::env::temp_dir().join(format!("signin-doctor-bench-helpdesk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let result = measure(provider, profile, &graph, &dir, runs).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// The packet as Export… writes it (JSON, presenter mode as by default) for
/// the fixture tenant's sign-in blocked by location.
fn packet_text(issuer: &str) -> String {
    let now = Utc::now();
    let failed_at = now - Days::minutes(3);
    let body = TokenErrorBody {
        error: "invalid_grant".to_owned(),
        error_description: Some(
            "AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow \
             token issuance."
                .to_owned(),
        ),
        error_codes: vec![53003],
        timestamp: Some(failed_at.format("%Y-%m-%d %H:%M:%SZ").to_string()),
        trace_id: Some(fx::BLOCKED_BY_LOCATION.to_owned()),
        correlation_id: Some(fx::BLOCKED_CORRELATION.to_owned()),
        ..TokenErrorBody::default()
    };
    let attempt = Attempt {
        flow: Flow::AuthorizationCode,
        client_request_id: fx::BLOCKED_CORRELATION.to_owned(),
        started_at: failed_at - Days::seconds(8),
        finished_at: failed_at,
        token_round_trip_ms: None,
        outcome: AttemptOutcome::Refused {
            error: SignInError::from_token_response(&body),
        },
    };
    let what_if = doctor::device::WhatIfInputs {
        user: Some("alice@contoso.example".to_owned()),
        client_app_id: "de8bc8b5-d9f9-48b1-a8ad-b748da725064".to_owned(),
        resource: "Microsoft Graph (00000003-0000-0000-c000-000000000000), https://graph.microsoft.com".to_owned(),
        client_app_type: "Browser".to_owned(),
        authentication_flow: None,
        device_platform: "Windows".to_owned(),
        device_state: "Not registered".to_owned(),
        location: "Not measured here: use the IP address shown in the sign-in log entry".to_owned(),
        sign_in_time_utc: Some(failed_at.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        client_app_name: None,
        ip_address: None,
        from_pasted_error: Vec::new(),
    };
    Format::Json.render(&Packet {
        generated_at: now,
        authority: issuer.to_owned(),
        client_id: "signin-doctor-tests".to_owned(),
        tenant: None,
        run: None,
        attempt: Some(&attempt),
        pasted: None,
        device: None,
        sign_in_facts: &[],
        what_if: Some(&what_if),
        mask_personal: true,
    })
}

struct Token {
    access: Secret<String>,
    scopes: Vec<String>,
}

/// Packet opened → the answer the window shows, checked. Returns the time it took.
async fn app_path(profile: &Profile, http: &HttpClient, token: &Token, packet: &Path) -> Result<Duration, String> {
    let path = packet.to_path_buf();
    let started = Instant::now();
    let reading = tokio::task::spawn_blocking(move || read_file(&path))
        .await
        .map_err(|e| format!("the packet reader did not finish: {e}"))?
        .map_err(|e| format!("the packet did not read: {e}"))?;
    let input = LookupInput::from_packet(&reading, true);
    let ctx = LookupContext {
        profile,
        http,
        token: token.access.clone(),
        granted_scopes: token.scopes.clone(),
        now: doctor::clock::system_now(),
        limits: LookupLimits::default(),
    };
    // The window's progress channel gets each step as JSON.
    let answer = lookup(&ctx, &input, |p| {
        let _ = std::hint::black_box(serde_json::to_string(&HelpDeskProgress::from(p)));
    })
    .await;
    let shown = serde_json::to_string(&marked_answer(&answer)).map_err(|e| e.to_string())?;
    let took = started.elapsed();
    let blocking = answer.blocking_policies.first();
    let right = answer.problem.is_none()
        && blocking.is_some_and(|p| p.unmet == Unmet::Location)
        && shown.contains("CA020: Block untrusted countries")
        && answer.what_if.as_ref().is_some_and(|w| w.problem.is_none());
    if right {
        Ok(took)
    } else {
        Err(format!("the lookup did not show the blocking policy: {answer:?}"))
    }
}

/// The requests as bytes on the wire, as the peer received them.
fn wire(request: &SeenRequest) -> Vec<u8> {
    let mut bytes = format!("{} {} HTTP/1.1\r\n", request.method, request.target).into_bytes();
    for (name, value) in &request.headers {
        bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(&request.body);
    bytes
}

/// One request's round trip: connect, write, read until the peer closes. Checks only the status line.
async fn round_trip(port: u16, request: &[u8]) -> Result<(), String> {
    let exchange = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
        stream.write_all(request).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = tokio::time::timeout(REPLAY_BOUND, exchange)
        .await
        .map_err(|_| format!("a replayed request had no answer within {} s", REPLAY_BOUND.as_secs()))?
        .map_err(|e| format!("a replayed request failed: {e}"))?;
    if answer.starts_with(b"HTTP/1.1 200 ") {
        Ok(())
    } else {
        let status = String::from_utf8_lossy(answer.get(..answer.len().min(80)).unwrap_or_default()).into_owned();
        Err(format!("a replayed request was not answered 200: {status}"))
    }
}

/// The Graph round trips alone: every request, one after another.
async fn replay(port: u16, requests: &[Vec<u8>]) -> Result<Duration, String> {
    let started = Instant::now();
    for request in requests {
        round_trip(port, request).await?;
    }
    Ok(started.elapsed())
}

/// The same requests one after another through the engine's own HTTP client
/// (`HttpClient::send`: reqwest and hyper, as every lookup request goes), nothing parsed.
async fn replay_through(http: &HttpClient, port: u16, requests: &[SeenRequest]) -> Result<Duration, String> {
    let mut built = Vec::new();
    for seen in requests {
        let mut request = http::Request::builder()
            .method(seen.method.as_str())
            .uri(format!("http://127.0.0.1:{port}{}", seen.target));
        for (name, value) in &seen.headers {
            // The client writes these itself.
            if !name.eq_ignore_ascii_case("host") && !name.eq_ignore_ascii_case("content-length") {
                request = request.header(name.as_str(), value.as_str());
            }
        }
        built.push(request.body(seen.body.clone()).map_err(|e| e.to_string())?);
    }
    let started = Instant::now();
    for request in built {
        let answer = http
            .send(request)
            .await
            .map_err(|e| format!("a replayed request failed: {}", e.0.summary))?;
        if !answer.status().is_success() {
            return Err(format!("a replayed request was answered {}", answer.status()));
        }
    }
    Ok(started.elapsed())
}

/// Samples of one configuration, milliseconds.
#[derive(Default)]
struct Samples {
    app: Vec<f64>,
    bare: Vec<f64>,
    engine_client: Vec<f64>,
    share: Vec<f64>,
    /// What the lookup sent, e.g. "GET /beta/auditLogs/signIns, GET …/policies, POST …/evaluate".
    requests: Vec<String>,
}

/// `runs` of the app's path, each followed by the replays of its requests, after one uncounted run of each.
async fn alternate(
    profile: &Profile,
    http: &HttpClient,
    token: &Token,
    packet: &Path,
    graph: &GraphServer,
    runs: usize,
) -> Result<Samples, String> {
    // One of each first, not counted: the peer reads the provider's keys on its first request.
    graph.clear_seen();
    app_path(profile, http, token, packet).await?;
    let seen = graph.seen();
    if seen.is_empty() {
        return Err("the lookup sent no request to the Graph peer".to_owned());
    }
    let requests: Vec<Vec<u8>> = seen.iter().map(wire).collect();
    replay(graph.port, &requests).await?;
    replay_through(http, graph.port, &seen).await?;
    let mut samples = Samples {
        requests: seen
            .iter()
            .map(|r| {
                let path = r.target.split('?').next().unwrap_or_default();
                let path = path.rsplit_once("/policies/").map_or(path, |(before, _)| before);
                format!("{} {path}", r.method)
            })
            .collect(),
        ..Samples::default()
    };
    for _ in 0..runs {
        graph.clear_seen();
        let app = app_path(profile, http, token, packet).await?;
        let sent = graph.seen().len();
        if sent != requests.len() {
            return Err(format!(
                "the lookup sent {sent} requests this time, not {}",
                requests.len()
            ));
        }
        let bare = replay(graph.port, &requests).await?;
        samples
            .engine_client
            .push(millis(replay_through(http, graph.port, &seen).await?));
        samples.app.push(millis(app));
        samples.bare.push(millis(bare));
        samples
            .share
            .push(100.0 * bare.as_secs_f64() / app.as_secs_f64().max(f64::EPSILON));
    }
    Ok(samples)
}

/// Graph across the internet, for comparison: each answer this much later.
const GRAPH_AWAY: Duration = Duration::from_millis(50);

async fn measure(
    provider: &OidcProvider,
    user_side: &Profile,
    graph: &GraphServer,
    dir: &Path,
    runs: usize,
) -> Result<Vec<Figure>, String> {
    let packet = dir.join("packet from alice.json");
    std::fs::write(&packet, packet_text(&provider.issuer)).map_err(|e| format!("{}: {e}", packet.display()))?;
    let minted = provider
        .helpdesk_token("helpdesk")
        .map_err(|e| format!("the provider gave no help-desk token: {e}"))?;
    let token = Token {
        access: Secret::new(
            minted["access_token"]
                .as_str()
                .ok_or("the provider's help-desk token has no access_token")?
                .to_owned(),
        ),
        scopes: minted["scope"]
            .as_str()
            .unwrap_or_default()
            .split(' ')
            .map(str::to_owned)
            .collect(),
    };
    let mut user_side = user_side.clone();
    user_side.graph_url = Some(url::Url::parse(&graph.base_url()).map_err(|e| e.to_string())?);
    let profile = helpdesk_profile(&user_side);
    // The app makes its client before the help-desk sign-in, which already used it.
    let http = HttpClient::system(&profile).await;

    let near = alternate(&profile, &http, &token, &packet, graph, runs).await?;
    graph.delay(GRAPH_AWAY);
    // Each run waits for the peer's delay several times: fewer runs suffice.
    let away = alternate(&profile, &http, &token, &packet, graph, runs.div_ceil(3)).await;
    graph.delay(Duration::ZERO);
    let away = away?;

    let n = near.requests.len();
    let list = near.requests.join(", ");
    let away_ms = millis(GRAPH_AWAY);
    Ok(vec![
        Figure::new(
            "helpdesk_packet_to_policy",
            "ms",
            near.app,
            format!(
                "Help-desk mode as the window runs it once the help-desk person is signed in: the user's packet \
                 (the JSON Export… writes, AADSTS53003 blocked by location) read from its file on a blocking thread \
                 (`packet::read_file`), the lookup input made from it with What If, `helpdesk::lookup` against the \
                 Graph peer on 127.0.0.1 ({n} requests: {list}; the policies and What If at once once the entry \
                 is found), each progress step serialised as the window's channel gets it, and the answer the \
                 window shows (`packet::marked_answer`) serialised; the answer checked (CA020 by name, its unmet \
                 location, What If). The interactive browser sign-in is not part of it: the help-desk token for \
                 Graph is issued by the oidc-provider peer before, as a saved help-desk session gives it; the \
                 engine's HTTP client is made before too, as the app makes it before the sign-in. Alternated with \
                 the replays below, after one uncounted run of each."
            ),
        ),
        Figure::new(
            "helpdesk_graph_round_trips",
            "ms",
            near.bare,
            format!(
                "The sum of the same {n} Graph round trips alone: the requests the engine sent, as the peer \
                 received them (method, URL, every header with the bearer token and `Prefer`, the What If body), \
                 sent again one after another with a plain client (a new TCP connection each, as the peer closes \
                 each one; the bytes written and the answer read to its end, nothing parsed). The peer does all its \
                 work again (token signature, audience and scopes, filter, JSON), so this is what the Graph calls \
                 themselves cost. Measured this way rather than by timings the engine reports of itself, which \
                 would leave out whatever the engine does around a request."
            ),
        ),
        Figure::new(
            "helpdesk_graph_share",
            "%",
            near.share,
            "The Graph round trips' share of packet opened → policy shown, run by run (round trips ÷ app path).",
        ),
        Figure::new(
            "helpdesk_engine_client_round_trips",
            "ms",
            near.engine_client,
            format!(
                "The same {n} requests one after another through the engine's own HTTP client \
                 (`HttpClient::send`: reqwest on hyper, as every lookup request goes), nothing parsed: the HTTP \
                 stack's part, apart from the lookup's own work."
            ),
        ),
        Figure::new(
            "helpdesk_packet_to_policy_graph_away",
            "ms",
            away.app,
            format!(
                "Packet opened → policy shown as above, with the Graph peer answering each request {away_ms:.0} ms \
                 late (Graph across the internet)."
            ),
        ),
        Figure::new(
            "helpdesk_graph_round_trips_away",
            "ms",
            away.bare,
            format!("The sum of the same Graph round trips alone, each answered {away_ms:.0} ms late."),
        ),
    ])
}
