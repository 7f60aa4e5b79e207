//! The steps of reaching the sign-in service and signing in, and what to
//! tell the user when one fails. Every failure the engine reports names one
//! of these steps: the checklist's "Failed step", the CLI's "Failed (…)" and
//! the packet's `step` all read [`Step::name`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    Dns,
    /// The proxy's CONNECT tunnel.
    Proxy,
    Connect,
    Tls,
    Http,
    Json,
    Discovery,
    /// The issuer's signing keys (JWKS, RFC 7517).
    Keys,
    /// The 127.0.0.1 listener waiting for the browser's redirect (RFC 8252 §7.3).
    Loopback,
    /// Opening the system browser.
    Browser,
    /// The browser's redirect back to the app.
    Redirect,
    /// The token endpoint (RFC 6749 §3.2).
    Token,
    /// Reading the token endpoint's answer.
    TokenAnswer,
    /// Checking the ID token (OIDC Core §3.1.3.7).
    IdToken,
    /// The device authorization endpoint (RFC 8628 §3.1).
    DeviceAuthorization,
    /// Signing a client assertion with the automation account's certificate (RFC 7523).
    Certificate,
    /// The OS keychain that holds the refresh token.
    Keychain,
}

impl Step {
    pub const ALL: [Step; 17] = [
        Step::Dns,
        Step::Proxy,
        Step::Connect,
        Step::Tls,
        Step::Http,
        Step::Json,
        Step::Discovery,
        Step::Keys,
        Step::Loopback,
        Step::Browser,
        Step::Redirect,
        Step::Token,
        Step::TokenAnswer,
        Step::IdToken,
        Step::DeviceAuthorization,
        Step::Certificate,
        Step::Keychain,
    ];

    /// The step in the words the checklist, the CLI and the packet show.
    pub fn name(self) -> &'static str {
        match self {
            Step::Dns => "DNS",
            Step::Proxy => "proxy",
            Step::Connect => "connect",
            Step::Tls => "TLS",
            Step::Http => "HTTP",
            Step::Json => "JSON",
            Step::Discovery => "discovery document",
            Step::Keys => "signing keys",
            Step::Loopback => "loopback",
            Step::Browser => "browser",
            Step::Redirect => "redirect",
            Step::Token => "token",
            Step::TokenAnswer => "token answer",
            Step::IdToken => "ID token",
            Step::DeviceAuthorization => "device authorization",
            Step::Certificate => "certificate",
            Step::Keychain => "keychain",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Serialised as its name, so the packet's JSON keeps the words it always had.
impl Serialize for Step {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Step {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Step::ALL
            .into_iter()
            .find(|step| step.name() == name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown step \"{name}\"")))
    }
}

/// A step that failed before the service gave an answer the app could use:
/// how a sign-in, a refresh, an automation-account test or a token request
/// ends when it is neither a success nor a refusal. One line, kept in the
/// attempt and the packet; a [`NetworkFailure`] shrinks to this.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct FailedStep {
    pub step: Step,
    /// One line, for the row and the log.
    pub message: String,
}

impl FailedStep {
    pub fn new(step: Step, message: impl Into<String>) -> Self {
        Self {
            step,
            message: message.into(),
        }
    }
}

impl From<NetworkFailure> for FailedStep {
    fn from(failure: NetworkFailure) -> Self {
        Self::new(failure.step, failure.summary)
    }
}

/// A network step that failed, as a check row tells it: the summary, the
/// raw error for help-desk, the fix steps, and whether it ran out of time.
/// What a sign-in keeps of it is a [`FailedStep`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkFailure {
    pub step: Step,
    /// One line for the checklist row.
    pub summary: String,
    /// The raw error, for help-desk.
    pub detail: Option<String>,
    pub fix_steps: Vec<String>,
    /// The step ran out of time (rather than being refused or answered wrongly).
    pub timed_out: bool,
}

impl NetworkFailure {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_keeps_its_name_in_json() {
        let names: Vec<&str> = Step::ALL.iter().map(|s| s.name()).collect();
        assert_eq!(
            names,
            [
                "DNS",
                "proxy",
                "connect",
                "TLS",
                "HTTP",
                "JSON",
                "discovery document",
                "signing keys",
                "loopback",
                "browser",
                "redirect",
                "token",
                "token answer",
                "ID token",
                "device authorization",
                "certificate",
                "keychain",
            ]
        );
        for step in Step::ALL {
            let json = serde_json::to_string(&step).expect("a step serialises");
            assert_eq!(json, format!("\"{}\"", step.name()));
            assert_eq!(serde_json::from_str::<Step>(&json).ok(), Some(step));
        }
    }

    #[test]
    fn a_failed_step_serialises_as_step_and_message() {
        let failed = FailedStep::new(Step::Loopback, "Could not listen.");
        assert_eq!(
            serde_json::to_value(&failed).ok(),
            Some(serde_json::json!({"step": "loopback", "message": "Could not listen."}))
        );
    }
}
