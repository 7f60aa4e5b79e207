//! Worst case: every endpoint accepts and never answers. The run should end
//! after about one bound, not one bound per check.

use crate::figure::{millis, Figure};
use crate::loopback_profile::loopback_profile;
use crate::slow_peers::SilentUdpServer;
use doctor::Diagnosis;
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_peers::SilentServer;

pub const BOUND: Duration = Duration::from_secs(2);

pub async fn figures(runs: usize) -> Result<Vec<Figure>, String> {
    let http = SilentServer::start().map_err(|e| format!("silent server: {e}"))?;
    let ntp = SilentUdpServer::start().map_err(|e| format!("silent NTP server: {e}"))?;
    let authority = format!("http://127.0.0.1:{}", http.port);
    let profile = loopback_profile(
        &authority,
        vec![ntp.server()],
        BOUND,
        &format!("{authority}/feed"),
        &format!("{authority}/connecttest.txt"),
    )?;
    let diagnosis = Diagnosis::new(profile);
    let n = diagnosis.probes().len();
    let mut took = Vec::new();
    let mut statuses = String::new();
    for run in 0..runs {
        let started = Instant::now();
        let summary = diagnosis.run(run as u64, Arc::new(|_| {})).await;
        took.push(millis(started.elapsed()));
        let rows: Vec<String> = summary
            .results
            .iter()
            .map(|r| format!("{} {}", r.id, r.status.word()))
            .collect();
        statuses = rows.join(", ");
    }
    let bound_ms = millis(BOUND);
    Ok(vec![
        Figure::new(
            "worst_case_all_hung",
            "ms",
            took,
            format!(
                "The full checklist with the authority a TCP server that accepts and never answers and the NTP \
                 server a UDP port that never answers; bound {} s. Statuses: {statuses}.",
                BOUND.as_secs()
            ),
        ),
        Figure::new(
            "worst_case_n_bounds",
            "ms",
            vec![n as f64 * bound_ms],
            format!(
                "{n} checks × the {} s bound: what one check after another could take.",
                BOUND.as_secs()
            ),
        ),
        Figure::new("worst_case_bound", "ms", vec![bound_ms], "The time bound itself."),
    ])
}
