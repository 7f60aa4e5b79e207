//! Diagnosis: the full checklist against the loopback peers, signed in (so
//! every check has work to do), with the NTP server one second away. Run as
//! the app runs it (concurrently) and, side by side, one check at a time.

use crate::figure::{millis, Figure};
use crate::http_agent::RedirectFollower;
use crate::loopback_profile::loopback_profile;
use crate::one_at_a_time::{one_at_a_time, OwnTimes};
use crate::signin_figures::sign_in_once;
use crate::slow_peers::DelayedUdpRelay;
use doctor::checks::{run_checks, RunInputs, RunSummary};
use doctor::clock::system_now;
use doctor::network::{ProxySettings, SystemResolver};
use doctor::signin::Session;
use doctor::Diagnosis;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use test_peers::{ChronyServer, OidcProvider, OneShotHttpServer};

/// The Azure status feed in its real format, one Entra incident and one other.
const SAMPLE_FEED: &str = include_str!("../../../tests/peers/feeds/azure-status.xml");

const DELAY: Duration = Duration::from_secs(1);
/// Generous, so that no check is cut off and both runs do the same work.
const BOUND: Duration = Duration::from_secs(10);

pub async fn figures(provider: &OidcProvider, runs: usize) -> Result<Vec<Figure>, String> {
    let chrony = ChronyServer::start(0).map_err(|e| format!("chronyd: {e}"))?;
    let upstream = format!("127.0.0.1:{}", chrony.port)
        .parse()
        .map_err(|e| format!("{e}"))?;
    let relay = DelayedUdpRelay::start(upstream, DELAY).map_err(|e| format!("relay: {e}"))?;
    // The status feed and the captive-portal test answer at once, as they would on a good network.
    let feed =
        OneShotHttpServer::start("200 OK", "application/rss+xml", SAMPLE_FEED).map_err(|e| format!("feed: {e}"))?;
    let connectivity =
        OneShotHttpServer::start("200 OK", "text/plain", "Microsoft Connect Test").map_err(|e| format!("{e}"))?;
    let profile = loopback_profile(
        &provider.issuer,
        vec![relay.server()],
        BOUND,
        &format!("{}/feed", feed.url()),
        &format!("{}/connecttest.txt", connectivity.url()),
    )?;
    let session = Arc::new(Session::default());
    sign_in_once(&profile, &session, &RedirectFollower::default()).await?;

    let diagnosis = Diagnosis::new(profile.clone()).with_session(session.clone());
    let inputs = RunInputs {
        profile: Arc::new(profile),
        now: system_now(),
        resolver: Arc::new(SystemResolver),
        session,
        proxies: Arc::new(ProxySettings::none()),
    };
    let (mut concurrent, mut sequential, mut slowest) = (Vec::new(), Vec::new(), Vec::new());
    let mut own_by_check: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut statuses = String::new();
    for run in 0..runs {
        let summary = diagnosis.run(run as u64, Arc::new(|_| {})).await;
        concurrent.push(summary.elapsed_ms as f64);
        statuses = describe(&summary);

        let own_times = OwnTimes::default();
        let probes = one_at_a_time(diagnosis.probes(), &own_times);
        let summary = run_checks(run as u64, probes, inputs.clone(), Arc::new(|_| {})).await;
        sequential.push(summary.elapsed_ms as f64);
        let times = own_times.lock().map(|t| t.clone()).unwrap_or_default();
        slowest.push(times.iter().map(|(_, d)| millis(*d)).fold(0.0, f64::max));
        for (id, took) in times {
            own_by_check.entry(id).or_default().push(millis(took));
        }
    }
    let each: Vec<String> = own_by_check
        .iter()
        .map(|(id, t)| format!("{id} {:.0} ms", crate::figure::median(t)))
        .collect();
    Ok(vec![
        Figure::new(
            "diagnosis_concurrent",
            "ms",
            concurrent,
            format!(
                "The full checklist (`Diagnosis::run`, {} checks) signed in, every endpoint on 127.0.0.1, the NTP \
                 server (chronyd) behind a relay that holds each request 1 s. Statuses: {statuses}.",
                diagnosis.probes().len()
            ),
        ),
        Figure::new(
            "diagnosis_sequential",
            "ms",
            sequential,
            "The same checks one at a time, each with its full bound.",
        ),
        Figure::new(
            "diagnosis_slowest_probe",
            "ms",
            slowest,
            format!(
                "The slowest single check in the one-at-a-time run (medians per check: {}).",
                each.join(", ")
            ),
        ),
    ])
}

fn describe(summary: &RunSummary) -> String {
    let rows: Vec<String> = summary
        .results
        .iter()
        .map(|r| format!("{} {}", r.id, r.status.word()))
        .collect();
    rows.join(", ")
}
