//! The clock check against real clocks on 127.0.0.1: `chronyd -x` shifted
//! with libfaketime, an HTTP server with a shifted `Date`, and an SNTP server
//! that answers with broken packets. Nothing is sent anywhere else.
//!
//! Sign convention under test: offset = local − remote, so a server 420 s
//! ahead means this computer is 420 s behind: −420.

use doctor::checks::{run_checks, Probe, RunInputs};
use doctor::clock::system_now;
use doctor::network::{HttpClient, ProxySettings, Resolver};
use doctor::profile::Authority;
use doctor::remote_clock::{measure, ClockProbe, ClockReport, ClockSources, NtpServer, SourceKind, Verdict};
use doctor::signin::Session;
use doctor::{ActionKind, Profile, Status};
use futures::future::BoxFuture;
use futures::FutureExt;
use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_peers::{
    chrony_available, closed_port, BadNtpAnswer, BadNtpServer, ChronyServer, ForwardProxy, ShiftedHttpServer,
    SilentServer,
};

/// chronyd on loopback answers within a millisecond or so; 10 ms is the bar.
const LOOPBACK_ACCURACY: f64 = 0.010;

/// Every source in these tests is an IP address; a DNS lookup would be a bug.
struct NoDns;

impl Resolver for NoDns {
    fn resolve<'a>(&'a self, host: &'a str, _port: u16) -> BoxFuture<'a, io::Result<Vec<SocketAddr>>> {
        let message = format!("tests send no DNS queries ({host})");
        async move { Err(io::Error::other(message)) }.boxed()
    }
}

fn ntp(servers: &[String]) -> ClockSources {
    ClockSources {
        ntp: servers
            .iter()
            .map(|s| NtpServer::parse(s).expect("a test server parses"))
            .collect(),
        http_date: None,
    }
}

async fn measure_within(sources: &ClockSources, bound: Duration) -> ClockReport {
    let http = HttpClient::new(Arc::new(ProxySettings::none()), Arc::new(NoDns), bound);
    measure(sources, &http, Arc::new(NoDns), bound).await
}

/// A UDP port nothing listens on: the kernel answers "port unreachable".
fn closed_udp_port() -> u16 {
    let socket = UdpSocket::bind("127.0.0.1:0").expect("bind");
    socket.local_addr().expect("address").port()
}

fn offset(report: &ClockReport) -> f64 {
    report
        .offset_seconds
        .unwrap_or_else(|| panic!("no offset: {report:#?}"))
}

#[tokio::test]
async fn a_server_420_s_ahead_fails_and_says_this_clock_is_behind() {
    if !chrony_available() {
        return;
    }
    let chrony = ChronyServer::start(420).expect("chronyd starts");
    let report = measure_within(&ntp(&[chrony.server()]), Duration::from_secs(3)).await;
    let measured = offset(&report);
    eprintln!(
        "chronyd +420 s: measured {measured:+.6} s ± {:.6} s, error {:+.6} s",
        report.uncertainty_seconds.unwrap_or_default(),
        measured + 420.0
    );
    assert_eq!(report.verdict, Verdict::Fail, "{report:#?}");
    assert!((measured + 420.0).abs() < LOOPBACK_ACCURACY, "{measured}");
    assert!(report.uncertainty_seconds.is_some_and(|u| u < LOOPBACK_ACCURACY));
    assert!(
        report
            .summary
            .starts_with("Your clock is 7 min 0 s behind (−420.0 s ± "),
        "{}",
        report.summary
    );
    let source = &report.sources[0];
    assert_eq!(source.kind, SourceKind::Ntp);
    assert!(source.reading.is_ok());
    assert!(!report.fix_steps.is_empty());
    let json = serde_json::to_value(&report).expect("JSON");
    assert_eq!(json["verdict"], "fail");
    assert!(json["offset_seconds"].as_f64().is_some_and(|o| o < -419.99));
    assert_eq!(json["sources"][0]["kind"], "ntp");
    assert_eq!(json["sources"][0]["stratum"], 10);
}

#[tokio::test]
async fn a_server_90_s_behind_warns_and_says_this_clock_is_ahead() {
    if !chrony_available() {
        return;
    }
    let chrony = ChronyServer::start(-90).expect("chronyd starts");
    let report = measure_within(&ntp(&[chrony.server()]), Duration::from_secs(3)).await;
    assert_eq!(report.verdict, Verdict::Warn, "{report:#?}");
    assert!((offset(&report) - 90.0).abs() < LOOPBACK_ACCURACY, "{report:#?}");
    assert!(report.summary.contains("1 min 30 s ahead"), "{}", report.summary);
}

#[tokio::test]
async fn an_unshifted_server_passes() {
    if !chrony_available() {
        return;
    }
    let chrony = ChronyServer::start(0).expect("chronyd starts");
    let report = measure_within(&ntp(&[chrony.server()]), Duration::from_secs(3)).await;
    assert_eq!(report.verdict, Verdict::Pass, "{report:#?}");
    assert!(offset(&report).abs() < LOOPBACK_ACCURACY);
    assert!(report.summary.starts_with("Your clock is right"), "{}", report.summary);
    assert!(report.fix_steps.is_empty());
}

#[tokio::test]
async fn two_of_three_sources_agree_and_the_odd_one_is_outvoted() {
    if !chrony_available() {
        return;
    }
    let ahead = ChronyServer::start(420).expect("chronyd starts");
    let also_ahead = ChronyServer::start(420).expect("chronyd starts");
    let right = ChronyServer::start(0).expect("chronyd starts");
    let servers = [ahead.server(), right.server(), also_ahead.server()];
    let report = measure_within(&ntp(&servers), Duration::from_secs(3)).await;
    assert_eq!(report.verdict, Verdict::Fail, "{report:#?}");
    assert!(
        report.summary.ends_with("; 2 of 3 sources agree)"),
        "{}",
        report.summary
    );
    assert_eq!(report.agreeing, vec![ahead.server(), also_ahead.server()]);
    assert!((offset(&report) + 420.0).abs() < LOOPBACK_ACCURACY);
}

#[tokio::test]
async fn with_udp_123_closed_the_https_date_gives_an_honest_bound() {
    // The server runs 90.4 s ahead: not a whole second, so the bound must
    // cover the Date header's truncation.
    let shift = 90.4;
    let http = ShiftedHttpServer::start(shift).expect("HTTP server starts");
    let sources = ClockSources {
        ntp: vec![NtpServer::parse(&format!("127.0.0.1:{}", closed_udp_port())).expect("parses")],
        http_date: Some(http.url().parse().expect("URL")),
    };
    let report = measure_within(&sources, Duration::from_secs(3)).await;
    assert_eq!(report.verdict, Verdict::Warn, "{report:#?}");
    let (measured, uncertainty) = (offset(&report), report.uncertainty_seconds.unwrap_or_default());
    eprintln!("HTTP Date, server {shift:+} s: measured {measured:+.3} s ± {uncertainty:.3} s");
    assert!(
        (measured - -shift).abs() <= uncertainty,
        "true offset {} outside {measured} ± {uncertainty}",
        -shift
    );
    assert!(
        uncertainty < 0.6,
        "a loopback round trip adds little to the ±0.5 s of the header"
    );
    assert_eq!(
        report.sources[0].reading.as_ref().err().map(|e| e.kind()),
        Some("port_closed")
    );
    assert_eq!(report.sources[1].kind, SourceKind::HttpDate);
    assert_eq!(report.best_source.as_deref(), Some(http.url().as_str()));
    let json = serde_json::to_value(&report).expect("JSON");
    assert_eq!(json["sources"][1]["kind"], "http_date");
    assert!(json["sources"][1]["date_header"]
        .as_str()
        .is_some_and(|d| d.ends_with(" GMT")));
}

#[tokio::test]
async fn a_cached_answer_is_not_used_as_a_clock() {
    let http = ShiftedHttpServer::start_cached(0.0, 120).expect("HTTP server starts");
    let sources = ClockSources {
        ntp: Vec::new(),
        http_date: Some(http.url().parse().expect("URL")),
    };
    let report = measure_within(&sources, Duration::from_secs(2)).await;
    assert_eq!(report.verdict, Verdict::Unknown, "{report:#?}");
    let error = report.sources[0].reading.as_ref().expect_err("unusable");
    assert_eq!(error.kind(), "cached_response");
    assert!(error.to_string().contains("Age: 120"), "{error}");
}

#[tokio::test]
async fn nothing_reachable_is_unknown_within_the_bound() {
    // One closed UDP port (refused at once), one that swallows requests, and
    // an HTTP server that accepts and never answers.
    let swallower = UdpSocket::bind("127.0.0.1:0").expect("bind");
    let silent_http = SilentServer::start().expect("silent server");
    let sources = ClockSources {
        ntp: vec![
            NtpServer::parse(&format!("127.0.0.1:{}", closed_udp_port())).expect("parses"),
            NtpServer::parse(&swallower.local_addr().expect("address").to_string()).expect("parses"),
        ],
        http_date: Some(format!("http://127.0.0.1:{}/", silent_http.port).parse().expect("URL")),
    };
    let bound = Duration::from_millis(1500);
    let started = Instant::now();
    let report = measure_within(&sources, bound).await;
    let took = started.elapsed();
    eprintln!("nothing reachable: {took:?} for a bound of {bound:?}");
    assert!(took >= bound - Duration::from_millis(100), "{took:?}");
    assert!(took < bound + Duration::from_millis(500), "{took:?}");
    assert_eq!(report.verdict, Verdict::Unknown);
    assert_eq!(report.offset_seconds, None);
    assert!(
        report.summary.starts_with("No remote clock reachable"),
        "{}",
        report.summary
    );
    let kinds: Vec<_> = report
        .sources
        .iter()
        .map(|s| s.reading.as_ref().err().map(|e| e.kind()))
        .collect();
    assert_eq!(kinds[0], Some("port_closed"));
    assert_eq!(kinds[1], Some("no_answer"));
    assert_eq!(kinds[2], Some("no_answer"), "an HTTP server that never answers");
    // The silent NTP server is not on port 123: its words name the port asked.
    let swallower_port = swallower.local_addr().expect("address").port();
    let ntp_words = report.sources[1]
        .reading
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        ntp_words.contains(&format!("UDP port {swallower_port} may be blocked")),
        "{ntp_words}"
    );
    // The HTTPS source is not NTP: its words must not blame UDP port 123, and
    // must say it timed out (the checklist row is read for that).
    let https_words = report.sources[2]
        .reading
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(https_words.starts_with("Timed out after"), "{https_words}");
    assert!(!https_words.contains("UDP"), "{https_words}");
    let json = serde_json::to_value(&report).expect("JSON");
    assert_eq!(json["verdict"], "unknown");
    assert_eq!(json["offset_seconds"], serde_json::Value::Null);
    assert_eq!(json["uncertainty_seconds"], serde_json::Value::Null);
}

#[tokio::test]
async fn every_bad_packet_gets_its_named_verdict() {
    let cases = [
        (BadNtpAnswer::KissOfDeath(*b"RATE"), "kiss_of_death", "RATE"),
        (BadNtpAnswer::KissOfDeath(*b"DENY"), "kiss_of_death", "DENY"),
        (BadNtpAnswer::ZeroTransmitTimestamp, "zero_transmit_timestamp", "zero"),
        (BadNtpAnswer::Stratum(0), "stratum_0", "stratum 0"),
        (BadNtpAnswer::Stratum(16), "not_synchronized", "not synchronized"),
        (BadNtpAnswer::Mode(3), "wrong_mode", "mode"),
        (BadNtpAnswer::Mode(1), "wrong_mode", "mode"),
        (BadNtpAnswer::Short(20), "short_packet", "too short"),
        (BadNtpAnswer::Version(2), "bad_version", "version"),
        (BadNtpAnswer::Version(5), "bad_version", "version"),
        (BadNtpAnswer::FromOtherPort, "no_answer", "No answer within 1.0 s"),
        (BadNtpAnswer::NotOurRequest, "not_our_request", "originate"),
    ];
    let servers: Vec<BadNtpServer> = cases
        .iter()
        .map(|(answer, _, _)| BadNtpServer::start(*answer).expect("bad server starts"))
        .collect();
    let names: Vec<String> = servers.iter().map(BadNtpServer::server).collect();
    // All at once: the bad answers come back at once, the wrong-port one takes the bound.
    let report = measure_within(&ntp(&names), Duration::from_secs(1)).await;
    assert_eq!(report.verdict, Verdict::Unknown, "{report:#?}");
    for ((answer, kind, words), source) in cases.iter().zip(&report.sources) {
        let error = source
            .reading
            .as_ref()
            .err()
            .unwrap_or_else(|| panic!("{answer:?} was accepted: {source:#?}"));
        assert_eq!(error.kind(), *kind, "{answer:?}: {error}");
        assert!(error.to_string().contains(words), "{answer:?}: {error}");
    }
}

#[tokio::test]
async fn the_checklist_row_explains_and_offers_fix_steps() {
    if !chrony_available() {
        return;
    }
    let chrony = ChronyServer::start(420).expect("chronyd starts");
    let http = ShiftedHttpServer::start(420.0).expect("HTTP server starts");
    let mut profile = Profile::defaults();
    profile.ntp_servers = vec![chrony.server()];
    // The authority's discovery URL is the HTTP Date source.
    profile.authority = Authority::parse(&format!("http://127.0.0.1:{}", http.port)).expect("authority");
    let probe: Arc<dyn Probe> = Arc::new(ClockProbe {
        bound: Duration::from_secs(3),
    });
    assert_eq!(probe.check().title, "Clock");
    let inputs = RunInputs {
        profile: Arc::new(profile),
        now: system_now(),
        resolver: Arc::new(NoDns),
        proxies: Arc::new(ProxySettings::none()),
        session: Arc::new(Session::default()),
    };
    let summary = run_checks(1, vec![probe], inputs, Arc::new(|_| {})).await;
    let row = &summary.results[0];
    assert_eq!(row.id.as_str(), "clock");
    assert_eq!(row.status, Status::Fail, "{row:#?}");
    assert!(
        row.summary.contains("7 min 0 s behind") && row.summary.contains("2 of 2 sources agree"),
        "{}",
        row.summary
    );
    let labels: Vec<&str> = row.evidence.iter().map(|e| e.label.as_str()).collect();
    assert!(
        labels.contains(&format!("NTP {}", chrony.server()).as_str()),
        "{labels:?}"
    );
    assert!(labels.contains(&"HTTPS Date 127.0.0.1"), "{labels:?}");
    assert!(labels.contains(&"Time zone"), "{labels:?}");
    assert!(!row.fix_steps.is_empty());
    if cfg!(target_os = "linux") {
        assert!(row.fix_steps.iter().any(|s| s.contains("timedatectl set-ntp true")));
    }
    assert!(row.actions.iter().any(|a| a.kind == ActionKind::RunAgain));
}

/// The very case the HTTPS Date exists for: UDP 123 is closed and only the
/// proxy gets out. Going direct to the Date source is refused (its address
/// is a closed port from here); the profile's proxy reaches the server.
#[tokio::test]
async fn the_https_date_goes_through_the_profile_proxy_when_direct_traffic_is_refused() {
    let server = ShiftedHttpServer::start(90.0).expect("HTTP server starts");
    let unreachable = format!("127.0.0.1:{}", closed_port().expect("port"));
    let proxy = ForwardProxy::start_routing(&unreachable, &format!("127.0.0.1:{}", server.port)).expect("proxy");
    let mut profile = Profile::defaults();
    profile.ntp_servers = vec![format!("127.0.0.1:{}", closed_udp_port())];
    // The authority's discovery URL is the HTTP Date source.
    profile.authority = Authority::parse(&format!("http://{unreachable}")).expect("authority");
    let proxies = ProxySettings {
        http: doctor::network::proxy::ProxyRule::parse(&proxy.url()),
        https: doctor::network::proxy::ProxyRule::parse(&proxy.url()),
        source: "the test's proxy".to_owned(),
        ..ProxySettings::none()
    };
    let inputs = RunInputs {
        profile: Arc::new(profile),
        now: system_now(),
        resolver: Arc::new(NoDns),
        proxies: Arc::new(proxies),
        session: Arc::new(Session::default()),
    };
    let probe: Arc<dyn Probe> = Arc::new(ClockProbe {
        bound: Duration::from_secs(3),
    });
    let summary = run_checks(1, vec![probe], inputs, Arc::new(|_| {})).await;
    let row = &summary.results[0];
    assert_eq!(row.status, Status::Warn, "{row:#?}");
    assert!(row.summary.contains("1 min 30 s behind"), "{}", row.summary);
    assert_eq!(
        proxy.tunnels(),
        vec![unreachable],
        "the Date request went through the proxy"
    );
}
