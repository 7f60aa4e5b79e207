//! The result of one measurement, and its JSON (the CLI's `clock --json`
//! contract: `offset_seconds`, `uncertainty_seconds`, `verdict`, `sources`).

use super::agreement::best_estimate;
use super::fix_steps::{clock_fix_steps, unreachable_fix_steps, Os};
use super::wording::{summary, SummaryFacts};
use super::{ClockError, HttpDateReading, LocalZone, NtpReading, NtpServer, Sample, SourceKind, Verdict};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Serialize, Serializer};
use std::net::SocketAddr;
use std::time::Duration;

/// What one source said.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    Ntp(NtpReading),
    HttpDate(HttpDateReading),
}

impl Reading {
    pub fn sample(&self) -> Sample {
        match self {
            Reading::Ntp(reading) => reading.sample,
            Reading::HttpDate(reading) => reading.sample,
        }
    }
}

/// One source's answer, or why it gave none.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceResult {
    pub kind: SourceKind,
    /// As named: `host[:port]` for SNTP, the URL for the HTTP Date.
    pub server: String,
    /// The address asked, when known.
    pub address: Option<SocketAddr>,
    pub reading: Result<Reading, ClockError>,
}

impl SourceResult {
    pub fn sample(&self) -> Option<Sample> {
        self.reading.as_ref().ok().map(Reading::sample)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ClockReport {
    /// Local − remote, in seconds: POSITIVE WHEN THIS COMPUTER'S CLOCK IS AHEAD.
    #[serde(serialize_with = "micros")]
    pub offset_seconds: Option<f64>,
    /// The true offset lies within `offset_seconds ± uncertainty_seconds`.
    #[serde(serialize_with = "micros")]
    pub uncertainty_seconds: Option<f64>,
    pub verdict: Verdict,
    pub summary: String,
    /// The source the estimate comes from.
    pub best_source: Option<String>,
    /// The sources whose readings agree with it (it included).
    pub agreeing: Vec<String>,
    pub sources: Vec<SourceResult>,
    pub time_zone: LocalZone,
    /// This computer's clock when the measurement ended.
    pub local_time: DateTime<Utc>,
    /// The remote clocks' time at that instant, by the best estimate.
    pub remote_time: Option<DateTime<Utc>>,
    pub fix_steps: Vec<String>,
    #[serde(serialize_with = "micros")]
    pub elapsed_seconds: Option<f64>,
}

impl ClockReport {
    /// Judges the sources' results. Pure, so it is tested with fixed inputs.
    pub fn from_results(
        sources: Vec<SourceResult>,
        time_zone: LocalZone,
        local_time: DateTime<Utc>,
        elapsed: Duration,
        os: Os,
    ) -> Self {
        let samples: Vec<(usize, Sample)> = sources
            .iter()
            .enumerate()
            .filter_map(|(i, source)| source.sample().map(|s| (i, s)))
            .collect();
        let estimate = best_estimate(&samples);
        let offset = estimate.as_ref().map(|e| e.offset);
        let uncertainty = estimate.as_ref().map(|e| e.uncertainty);
        let verdict = Verdict::for_offset(offset);
        let summary = summary(&SummaryFacts {
            verdict,
            offset,
            uncertainty,
            agreeing: estimate.as_ref().map_or(0, |e| e.agreeing.len()),
            answered: samples.len(),
            asked: sources.len(),
        });
        let fix_steps = match (verdict, offset) {
            (Verdict::Unknown, _) => unreachable_fix_steps(&ntp_ports(&sources)),
            (Verdict::Warn | Verdict::Fail, Some(offset)) => clock_fix_steps(os, offset),
            _ => Vec::new(),
        };
        let name = |i: &usize| sources.get(*i).map(|s| s.server.clone());
        Self {
            offset_seconds: offset,
            uncertainty_seconds: uncertainty,
            verdict,
            summary,
            best_source: estimate.as_ref().and_then(|e| name(&e.best)),
            agreeing: estimate
                .as_ref()
                .map(|e| e.agreeing.iter().filter_map(name).collect())
                .unwrap_or_default(),
            remote_time: offset
                .and_then(|o| local_time.checked_sub_signed(TimeDelta::microseconds((o * 1e6).round() as i64))),
            local_time,
            time_zone,
            sources,
            fix_steps,
            elapsed_seconds: Some(elapsed.as_secs_f64()),
        }
    }
}

/// The UDP ports the NTP sources were asked on (their names carry any port but 123).
fn ntp_ports(sources: &[SourceResult]) -> Vec<u16> {
    sources
        .iter()
        .filter(|source| source.kind == SourceKind::Ntp)
        .filter_map(|source| NtpServer::parse(&source.server).ok())
        .map(|server| server.port)
        .collect()
}

/// A source as JSON: `{kind, server, offset_seconds, round_trip_seconds, error, …}`.
#[derive(Serialize)]
struct SourceView<'a> {
    kind: SourceKind,
    server: &'a str,
    #[serde(serialize_with = "micros")]
    offset_seconds: Option<f64>,
    #[serde(serialize_with = "micros")]
    uncertainty_seconds: Option<f64>,
    #[serde(serialize_with = "micros")]
    round_trip_seconds: Option<f64>,
    error: Option<String>,
    error_kind: Option<&'static str>,
    address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stratum: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_header: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    http_status: Option<u16>,
}

impl Serialize for SourceResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sample = self.sample();
        let (ntp, http) = match &self.reading {
            Ok(Reading::Ntp(r)) => (Some(r), None),
            Ok(Reading::HttpDate(r)) => (None, Some(r)),
            Err(_) => (None, None),
        };
        SourceView {
            kind: self.kind,
            server: &self.server,
            offset_seconds: sample.map(|s| s.offset),
            uncertainty_seconds: sample.map(|s| s.uncertainty),
            round_trip_seconds: sample.map(|s| s.round_trip),
            error: self.reading.as_ref().err().map(ToString::to_string),
            error_kind: self.reading.as_ref().err().map(ClockError::kind),
            address: self.address.map(|a| a.to_string()),
            stratum: ntp.map(|r| r.stratum),
            reference: ntp.map(|r| r.reference.as_str()),
            date_header: http.map(|r| r.date_header.as_str()),
            http_status: http.map(|r| r.status),
        }
        .serialize(serializer)
    }
}

/// Seconds to the microsecond: finer digits are timestamp noise.
fn micros<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.is_finite() => serializer.serialize_f64((v * 1e6).round() / 1e6),
        _ => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ntp(server: &str, offset: f64, round_trip: f64) -> SourceResult {
        SourceResult {
            kind: SourceKind::Ntp,
            server: server.to_owned(),
            address: None,
            reading: Ok(Reading::Ntp(NtpReading {
                sample: Sample::from_ntp(-offset, round_trip),
                stratum: 2,
                reference: "127.0.0.1".to_owned(),
            })),
        }
    }

    fn failed(server: &str, error: ClockError) -> SourceResult {
        SourceResult {
            kind: SourceKind::Ntp,
            server: server.to_owned(),
            address: None,
            reading: Err(error),
        }
    }

    fn report(sources: Vec<SourceResult>) -> ClockReport {
        let zone = LocalZone {
            name: Some("Etc/UTC".to_owned()),
            windows_name: None,
            utc_offset: "+00:00".to_owned(),
            utc_offset_seconds: 0,
        };
        let now = Utc.timestamp_opt(1_800_000_000, 0).single().unwrap_or_default();
        ClockReport::from_results(sources, zone, now, Duration::from_millis(12), Os::Linux)
    }

    #[test]
    fn two_of_three_agree_on_seven_minutes_behind() {
        let r = report(vec![
            ntp("a", -420.0005, 0.004),
            ntp("b", 0.01, 0.002),
            ntp("c", -420.001, 0.001),
        ]);
        assert_eq!(r.verdict, Verdict::Fail);
        assert_eq!(r.offset_seconds, Some(-420.001));
        assert_eq!(r.best_source.as_deref(), Some("c"));
        assert_eq!(r.agreeing, vec!["a", "c"]);
        assert_eq!(
            r.summary,
            "Your clock is 7 min 0 s behind (−420.0 s ± 0.01 s; 2 of 3 sources agree)"
        );
        assert!(r.fix_steps.iter().any(|s| s.contains("timedatectl")));
        assert_eq!(r.remote_time.map(|t| t.timestamp()), Some(1_800_000_420));
    }

    #[test]
    fn nobody_answered_is_unknown() {
        let r = report(vec![
            failed("a", ClockError::PortClosed),
            failed(
                "b",
                ClockError::NoAnswer {
                    waited_seconds: 2.0,
                    port: 123,
                },
            ),
        ]);
        assert_eq!(r.verdict, Verdict::Unknown);
        assert_eq!(r.offset_seconds, None);
        assert!(r.summary.starts_with("No remote clock reachable"), "{}", r.summary);
        assert!(!r.fix_steps.is_empty());
    }

    /// The advice when nothing answered names the ports asked, not always 123.
    #[test]
    fn the_fix_steps_name_the_ports_asked() {
        let no_answer = |port| ClockError::NoAnswer {
            waited_seconds: 2.0,
            port,
        };
        let steps = |servers: &[&str]| {
            let sources = servers.iter().map(|s| failed(s, no_answer(4123))).collect();
            report(sources).fix_steps.join("\n")
        };
        let other = steps(&["127.0.0.1:4123"]);
        assert!(other.contains("(UDP port 4123)"), "{other}");
        assert!(!other.contains("port 123"), "{other}");
        let both = steps(&["time.example", "[::1]:4123", "time.example:123"]);
        assert!(both.contains("(UDP ports 123 and 4123)"), "{both}");
        let default = report(Vec::new()).fix_steps.join("\n");
        assert!(default.contains("(UDP port 123)"), "{default}");
    }

    #[test]
    fn json_follows_the_cli_contract() {
        let r = report(vec![
            ntp("time.example", 0.0123456789, 0.004),
            failed("b", ClockError::PortClosed),
        ]);
        let json = serde_json::to_value(&r).unwrap_or_default();
        assert_eq!(json["offset_seconds"], 0.012346);
        assert_eq!(json["uncertainty_seconds"], 0.002);
        assert_eq!(json["verdict"], "pass");
        assert_eq!(json["sources"][0]["kind"], "ntp");
        assert_eq!(json["sources"][0]["server"], "time.example");
        assert_eq!(json["sources"][0]["round_trip_seconds"], 0.004);
        assert_eq!(json["sources"][0]["error"], serde_json::Value::Null);
        assert_eq!(json["sources"][1]["offset_seconds"], serde_json::Value::Null);
        assert_eq!(json["sources"][1]["error_kind"], "port_closed");
        assert!(json["sources"][1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("closed")));
        assert_eq!(json["time_zone"]["name"], "Etc/UTC");
        let empty = serde_json::to_value(report(Vec::new())).unwrap_or_default();
        assert_eq!(empty["offset_seconds"], serde_json::Value::Null);
        assert_eq!(empty["verdict"], "unknown");
    }
}
