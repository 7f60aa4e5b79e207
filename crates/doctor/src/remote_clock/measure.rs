//! One measurement: every source at once, all within one time bound.

use super::fix_steps::Os;
use super::http_date::read_http_date;
use super::ntp::ask_ntp_server;
use super::{ClockReport, ClockSources, LocalZone, Reading, SourceKind, SourceResult};
use crate::network::{HttpClient, Resolver};
use chrono::Utc;
use futures::future::{join, join_all};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Asks every source concurrently, so the whole measurement takes about
/// `bound` at most however many sources there are, and judges the answers.
/// NTP servers are looked up with `resolver`; the HTTPS Date goes through
/// `http`, the profile's client (and proxy).
///
/// The clock under test is this computer's system clock (rsntp reads it
/// directly), so unlike other checks this one cannot run on a fixed clock.
pub async fn measure(
    sources: &ClockSources,
    http: &HttpClient,
    resolver: Arc<dyn Resolver>,
    bound: Duration,
) -> ClockReport {
    let started = Instant::now();
    let deadline = started + bound;
    let ntp = join_all(sources.ntp.iter().map(|server| {
        let resolver = resolver.clone();
        async move {
            let (address, reading) = ask_ntp_server(server, resolver.as_ref(), deadline).await;
            SourceResult {
                kind: SourceKind::Ntp,
                server: server.to_string(),
                address,
                reading: reading.map(Reading::Ntp),
            }
        }
    }));
    let dates = join_all(sources.http_date.iter().map(|url| async move {
        SourceResult {
            kind: SourceKind::HttpDate,
            server: url.to_string(),
            address: None,
            reading: read_http_date(url, http, deadline).await.map(Reading::HttpDate),
        }
    }));
    let (ntp, http) = join(ntp, dates).await;
    let results = ntp.into_iter().chain(http).collect();
    ClockReport::from_results(
        results,
        LocalZone::current(),
        Utc::now(),
        started.elapsed(),
        Os::current(),
    )
}
