//! The steps of reaching the sign-in service, and what to tell the user when
//! one fails.

use std::fmt;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Dns,
    /// The proxy's CONNECT tunnel.
    Proxy,
    Connect,
    Tls,
    Http,
    Json,
    Discovery,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Dns => "DNS",
            Step::Proxy => "proxy",
            Step::Connect => "connect",
            Step::Tls => "TLS",
            Step::Http => "HTTP",
            Step::Json => "JSON",
            Step::Discovery => "discovery document",
        }
    }
}

/// One failed step: what happened, in words, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepFailure {
    pub step: Step,
    /// One line for the checklist row.
    pub summary: String,
    /// The raw error, for help-desk.
    pub detail: Option<String>,
    pub fix_steps: Vec<String>,
    /// The step ran out of time (rather than being refused or answered wrongly).
    pub timed_out: bool,
}

impl StepFailure {
    pub fn new(step: Step, summary: impl Into<String>) -> Self {
        Self {
            step,
            summary: summary.into(),
            detail: None,
            fix_steps: Vec::new(),
            timed_out: false,
        }
    }

    pub fn detail(mut self, detail: impl fmt::Display) -> Self {
        self.detail = Some(detail.to_string());
        self
    }

    pub fn fix<I, S>(mut self, steps: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.fix_steps.extend(steps.into_iter().map(Into::into));
        self
    }

    /// The step ran out of the check's time bound.
    pub fn timed_out(step: Step, waited: Duration, what: &str) -> Self {
        let mut failure =
            Self::new(step, format!("Timed out after {:.1} s {what}.", waited.as_secs_f64())).fix(network_fix_steps());
        failure.timed_out = true;
        failure
    }
}

/// Advice that applies whenever the network path itself is in doubt.
pub fn network_fix_steps() -> [&'static str; 3] {
    [
        "Check that this computer is online: open any website in your browser.",
        "If you use a VPN or a company proxy, connect to it (or disconnect from it) and try again.",
        "On hotel or guest Wi-Fi, open a browser first and accept the network's sign-in page.",
    ]
}
