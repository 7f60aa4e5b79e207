//! What the network steps found so far, kept for the verdict whether or not
//! a later step fails.

use super::step::Step;
use crate::Evidence;
use rustls::pki_types::CertificateDer;
use std::net::IpAddr;
use std::time::Duration;
use tokio::time::Instant;

#[derive(Default)]
pub(crate) struct Trail {
    pub evidence: Vec<Evidence>,
    pub timings: Vec<(Step, Duration)>,
    pub total: Duration,
    /// What DNS answered for the host, when it was asked.
    pub addresses: Vec<IpAddr>,
    /// The certificates the server sent in the TLS handshake, trusted or not.
    pub chain: Vec<CertificateDer<'static>>,
}

impl Trail {
    pub fn timed(&mut self, step: Step, since: Instant) {
        self.timings.push((step, since.elapsed()));
    }

    pub fn note(&mut self, label: &str, value: impl Into<String>) {
        self.evidence.push(Evidence::new(label, value.into()));
    }

    pub fn timing_text(&self) -> String {
        self.timings
            .iter()
            .map(|(step, took)| format!("{} {} ms", step.name(), took.as_millis()))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
