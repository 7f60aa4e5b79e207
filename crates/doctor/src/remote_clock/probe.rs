//! The "Clock" row of the checklist.

use super::wording::{plus_minus_precise, signed_seconds_precise};
use super::{measure, ClockReport, ClockSources, Reading, SourceKind, SourceResult, Verdict};
use crate::checks::{ids, Check, Outcome, Probe, ProbeContext, Signal};
use crate::ActionKind;
use chrono::Local;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::time::Duration;
use tokio::time::Instant;

pub const TITLE: &str = "Clock";

/// Compares this computer's clock with the profile's SNTP servers and the
/// sign-in authority's HTTPS Date. Never with a token's `iat`: Entra
/// back-dates it by minutes.
pub struct ClockProbe {
    pub bound: Duration,
}

impl Probe for ClockProbe {
    fn check(&self) -> Check {
        Check {
            id: ids::CLOCK,
            title: TITLE.to_owned(),
            needs: Vec::new(),
            bound: self.bound,
        }
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let sources = ClockSources::from_profile(&ctx.profile);
            let remaining = ctx.deadline.saturating_duration_since(Instant::now());
            let report = measure(&sources, &ctx.http(), ctx.resolver.clone(), remaining).await;
            outcome(&report)
        }
        .boxed()
    }
}

/// The report as a checklist row (the CLI's text output uses it too).
pub fn outcome(report: &ClockReport) -> Outcome {
    let mut outcome = Outcome::new(report.verdict.status(), report.summary.clone());
    if matches!(report.verdict, Verdict::Warn | Verdict::Fail) {
        if let Some(offset) = report.offset_seconds.filter(|o| o.is_finite()) {
            // Rounded as the row's words round it (`size_in_words`), so the
            // headline never says 6 minutes where the row says 7; the
            // saturating cast keeps absurd offsets finite.
            outcome = outcome.with_signal(Signal::ClockOff {
                seconds: offset.round() as i64,
            });
        }
    }
    for source in &report.sources {
        let agrees = report.agreeing.contains(&source.server);
        let best = report.best_source.as_deref() == Some(source.server.as_str());
        outcome = outcome.with_evidence(source_label(source), source_text(source, agrees, best));
    }
    // Both readings, so a wrong time zone shows: the local one is what the screen says.
    let local = report.local_time.with_timezone(&Local);
    outcome = outcome.with_evidence(
        "This computer's time",
        format!(
            "{} ({} on this computer's screen)",
            report.local_time.format("%Y-%m-%d %H:%M:%S UTC"),
            local.format("%H:%M:%S")
        ),
    );
    if let Some(remote) = report.remote_time {
        outcome = outcome.with_evidence(
            "Remote clocks' time",
            remote.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
        );
    }
    outcome = outcome
        .with_evidence("Time zone", report.time_zone.describe())
        .with_fix_steps(report.fix_steps.iter().cloned())
        .with_action(ActionKind::RunAgain);
    if report.verdict == Verdict::Unknown {
        outcome = outcome.with_action(ActionKind::OpenSettings);
    }
    outcome
}

fn source_label(source: &SourceResult) -> String {
    match source.kind {
        SourceKind::Ntp => format!("NTP {}", source.server),
        SourceKind::HttpDate => {
            let host = url::Url::parse(&source.server)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| source.server.clone());
            format!("HTTPS Date {host}")
        }
    }
}

fn source_text(source: &SourceResult, agrees: bool, best: bool) -> String {
    let reading = match &source.reading {
        Err(error) => return error.to_string(),
        Ok(reading) => reading,
    };
    let sample = reading.sample();
    let detail = match reading {
        Reading::Ntp(r) => format!("stratum {}", r.stratum),
        Reading::HttpDate(r) => format!("Date: {}", r.date_header),
    };
    let standing = match (best, agrees) {
        (true, _) => "best estimate",
        (false, true) => "agrees",
        (false, false) => "disagrees",
    };
    format!(
        "{} ± {} (round trip {}, {detail}; {standing})",
        signed_seconds_precise(sample.offset),
        plus_minus_precise(sample.uncertainty),
        milliseconds(sample.round_trip)
    )
}

fn milliseconds(seconds: f64) -> String {
    let ms = seconds * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote_clock::fix_steps::Os;
    use crate::remote_clock::{ClockError, LocalZone, NtpReading, Sample};
    use crate::Status;
    use chrono::{TimeZone, Utc};

    fn report(reading: Result<Reading, ClockError>) -> ClockReport {
        let source = SourceResult {
            kind: SourceKind::Ntp,
            server: "time.example".to_owned(),
            address: None,
            reading,
        };
        let zone = LocalZone {
            name: None,
            windows_name: None,
            utc_offset: "+00:00".to_owned(),
            utc_offset_seconds: 0,
        };
        let now = Utc.timestamp_opt(1_800_000_000, 0).single().unwrap_or_default();
        ClockReport::from_results(vec![source], zone, now, Duration::ZERO, Os::Windows)
    }

    /// An answer from a stratum-2 NTP server, `offset` seconds ahead of this computer.
    fn ntp_reading(offset: f64) -> Reading {
        Reading::Ntp(NtpReading {
            sample: Sample::from_ntp(offset, 0.0021),
            stratum: 2,
            reference: "GPS".to_owned(),
        })
    }

    #[test]
    fn a_clock_seven_minutes_behind_is_a_failed_row_with_windows_steps() {
        let row = outcome(&report(Ok(ntp_reading(420.0004))));
        assert_eq!(row.status, Status::Fail);
        assert_eq!(
            row.summary.plain(),
            "Your clock is 7 min 0 s behind (−420.0 s ± 0.01 s)"
        );
        let ntp = row
            .evidence
            .iter()
            .find(|e| e.label == "NTP time.example")
            .map(|e| e.value.as_str());
        assert_eq!(
            ntp,
            Some("−420.000 s ± 0.002 s (round trip 2.1 ms, stratum 2; best estimate)")
        );
        assert!(row.fix_steps.iter().any(|s| s.contains("w32tm /resync")));
        assert_eq!(
            row.actions.iter().map(|a| a.kind).collect::<Vec<_>>(),
            [ActionKind::RunAgain]
        );
    }

    /// Found by the e2e clock test: 419.6 s off, the row said "7 min 0 s" and the
    /// headline "6 minutes", because the signal was cut toward zero.
    #[test]
    fn the_signal_carries_the_offset_rounded_as_the_row_words_it() {
        let row = outcome(&report(Ok(ntp_reading(419.6))));
        assert!(
            row.summary.plain().starts_with("Your clock is 7 min 0 s behind"),
            "{:?}",
            row.summary
        );
        assert_eq!(row.signals, vec![Signal::ClockOff { seconds: -420 }]);
    }

    #[test]
    fn no_answer_is_a_warning_that_offers_settings() {
        let row = outcome(&report(Err(ClockError::PortClosed)));
        assert_eq!(row.status, Status::Warn);
        assert!(
            row.summary.plain().starts_with("No remote clock reachable"),
            "{:?}",
            row.summary
        );
        assert!(row.actions.iter().any(|a| a.kind == ActionKind::OpenSettings));
        assert!(row.evidence.iter().any(|e| e.label == "Time zone"));
    }
}
