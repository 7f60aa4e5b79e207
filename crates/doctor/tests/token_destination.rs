//! Issue 23 item 1: the session's access token goes only to its issuer (or
//! the Graph of the issuer's cloud), never to an address another profile's
//! discovery document names. Real listeners on 127.0.0.1 record every
//! request they receive.

#[allow(dead_code)] // the shared helpers this test does not use
mod support;

#[path = "support/memory_store.rs"]
mod memory_store;

use doctor::checks::ids;
use doctor::secret::Secret;
use doctor::signin::{
    reauthenticate, Account, Attempt, AttemptOutcome, Flow, Interruption, Prompt, Session, SignInContext, TokenSet,
    OTHER_AUTHORITY,
};
use doctor::{Diagnosis, Profile, Status};
use memory_store::MemoryStore;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use support::{profile, HeadlessChromium};
use test_peers::{real_session_available, OidcProvider};

/// A listener that keeps the head of every request it receives and answers
/// `body` (as JSON) to each.
struct Recorder {
    port: u16,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    /// `body` is given this recorder's own address, to name itself in it.
    fn start(body: impl Fn(&str) -> String + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = heads.clone();
        let body = body(&format!("http://127.0.0.1:{port}"));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = answer(stream, &body, &seen);
            }
        });
        Self { port, heads }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn saw_a_token(&self) -> bool {
        self.heads()
            .iter()
            .any(|head| head.to_ascii_lowercase().contains("\r\nauthorization:"))
    }
}

fn answer(mut stream: TcpStream, body: &str, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    seen.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(String::from_utf8_lossy(&head).into_owned());
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()
}

/// An OpenID provider's discovery document whose own endpoints are on its
/// own origin but whose `userinfo_endpoint` is `userinfo`.
fn discovery_naming(userinfo: String) -> impl Fn(&str) -> String {
    move |me: &str| {
        serde_json::json!({
            "issuer": me,
            "authorization_endpoint": format!("{me}/authorize"),
            "token_endpoint": format!("{me}/token"),
            "jwks_uri": format!("{me}/jwks"),
            "userinfo_endpoint": userinfo,
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        })
        .to_string()
    }
}

fn at(profile: &Profile, authority: &str) -> Profile {
    let mut p = profile.clone();
    p.authority = doctor::profile::Authority::parse(authority).expect("authority");
    p
}

async fn run(profile: Profile, session: Arc<Session>) -> doctor::checks::RunSummary {
    Diagnosis::new(profile)
        .with_session(session)
        .with_token_store(Arc::new(MemoryStore::default()))
        .run(2, Arc::new(|_| {}))
        .await
}

#[tokio::test]
async fn a_sign_in_at_one_authority_sends_nothing_to_anothers_userinfo() {
    if !real_session_available() {
        return;
    }
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let profile_a = profile(&provider, "alice");
    let session = Arc::new(Session::default());
    let http = support::http();
    let ctx = SignInContext {
        profile: &profile_a,
        http: &http,
        session: &session,
        token_store: Arc::new(MemoryStore::default()),
        now: doctor::clock::system_now(),
    };
    let attempt = reauthenticate(
        &ctx,
        &HeadlessChromium,
        Prompt::SelectAccount,
        |_| {},
        std::future::pending::<Interruption>(),
    )
    .await;
    assert!(
        matches!(attempt.outcome, AttemptOutcome::SignedIn { .. }),
        "{attempt:#?}"
    );

    // The settings change to peer B, whose discovery names the recorder.
    let recorder = Recorder::start(|_| "{}".to_owned());
    let peer_b = Recorder::start(discovery_naming(format!("{}/userinfo", recorder.url())));
    let summary = run(at(&profile_a, &peer_b.url()), session).await;

    assert!(!peer_b.heads().is_empty(), "the run did reach peer B's discovery");
    assert!(!recorder.saw_a_token(), "{:#?}", recorder.heads());
    assert!(!peer_b.saw_a_token(), "{:#?}", peer_b.heads());
    for id in [ids::SIGNIN, ids::TOKEN, ids::TOKEN_CALL] {
        let row = summary.results.iter().find(|r| r.id == id).expect("row");
        assert_eq!(row.status, Status::Skipped, "{row:#?}");
        assert_eq!(row.summary, OTHER_AUTHORITY, "{row:#?}");
    }
}

/// A session recorded as if signed in at `profile` (the token is opaque:
/// the app reads it as a token for no resource in particular).
fn signed_in_at(profile: &Profile) -> Arc<Session> {
    let session = Arc::new(Session::default());
    let now = chrono::Utc::now();
    let attempt = Attempt {
        flow: Flow::AuthorizationCode,
        client_request_id: String::new(),
        started_at: now,
        finished_at: now,
        token_round_trip_ms: None,
        outcome: AttemptOutcome::SignedIn {
            account: Account {
                username: Some("alice@contoso.example".to_owned()),
                name: None,
                tenant_id: None,
            },
            expires_at: None,
            scopes: Vec::new(),
            refresh_token_status: "not asked for".to_owned(),
        },
    };
    let tokens = TokenSet {
        access_token: Secret::new("opaque-access-token".to_owned()),
        refresh_token: None,
        id_token: None,
        expires_at: None,
        scopes: Vec::new(),
        nonce: None,
    };
    session.record(profile, attempt, Some(tokens));
    session
}

#[tokio::test]
async fn the_issuers_own_discovery_cannot_point_the_token_at_another_host() {
    let template = Profile::defaults();
    let elsewhere = Recorder::start(|_| "{}".to_owned());
    let issuer = Recorder::start(discovery_naming(format!("{}/userinfo", elsewhere.url())));
    let profile = support_profile_at(&template, &issuer.url());
    let summary = run(profile.clone(), signed_in_at(&profile)).await;
    assert!(!elsewhere.saw_a_token(), "{:#?}", elsewhere.heads());
    let reach = summary.results.iter().find(|r| r.id == ids::REACHABILITY).expect("row");
    assert_eq!(reach.status, Status::Pass, "{reach:#?}");
    let row = summary.results.iter().find(|r| r.id == ids::TOKEN_CALL).expect("row");
    assert_eq!(row.status, Status::Warn, "{row:#?}");
    assert!(row.summary.contains("not sent"), "{row:#?}");

    // Its own userinfo is called, with the token.
    let own = Recorder::start(|me: &str| discovery_naming(format!("{me}/userinfo"))(me));
    let profile = support_profile_at(&template, &own.url());
    let summary = run(profile.clone(), signed_in_at(&profile)).await;
    assert!(own.saw_a_token(), "{:#?}", own.heads());
    let row = summary.results.iter().find(|r| r.id == ids::TOKEN_CALL).expect("row");
    assert_eq!(row.status, Status::Pass, "{row:#?}");
}

/// The defaults, at `authority`, with every outside address closed.
fn support_profile_at(template: &Profile, authority: &str) -> Profile {
    let mut p = at(template, authority);
    p.client_id = "signin-doctor-tests".to_owned();
    p.check_timeout = Duration::from_secs(5);
    let closed = |path: &str| {
        url::Url::parse(&format!(
            "http://127.0.0.1:{}/{path}",
            test_peers::closed_port().expect("port")
        ))
        .expect("url")
    };
    p.ntp_servers = vec![format!("127.0.0.1:{}", test_peers::closed_port().expect("port"))];
    p.status_feed = closed("feed");
    p.connectivity_check_url = closed("connecttest.txt");
    p.proxy = doctor::profile::ProxyChoice::Direct;
    p
}
