//! Checks as data: what a check is, what it found, and the progress a run streams.

mod probe;
mod result;
mod runner;
mod signal;
pub mod status_word;

pub use probe::{Probe, ProbeContext, RunFindings};
pub use result::{Action, ActionKind, CheckResult, Evidence, Outcome, Status};
pub use runner::{run_checks, ProgressEvent, ProgressSink, RunInputs, RunSummary};
pub use signal::Signal;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::time::Duration;

/// A check's stable name. The UI, the CLI's JSON and saved history all refer
/// to checks by it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CheckId(Cow<'static, str>);

impl CheckId {
    pub const fn from_static(id: &'static str) -> Self {
        Self(Cow::Borrowed(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CheckId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The ids of the checks the app ships.
pub mod ids {
    use super::CheckId;

    /// The authority answers with an OpenID discovery document.
    pub const REACHABILITY: CheckId = CheckId::from_static("reachability");
    /// The last interactive sign-in through the app.
    pub const SIGNIN: CheckId = CheckId::from_static("signin");
    /// The saved session (refresh token) still works.
    pub const REFRESH: CheckId = CheckId::from_static("refresh");
    /// This computer's clock agrees with remote clocks.
    pub const CLOCK: CheckId = CheckId::from_static("clock");
    /// The token from the last sign-in decodes and validates.
    pub const TOKEN: CheckId = CheckId::from_static("token");
    /// A controlled call with the access token (userinfo, Graph /me).
    pub const TOKEN_CALL: CheckId = CheckId::from_static("token_call");
    /// What Conditional Access sees of this device (join state, browser).
    pub const DEVICE: CheckId = CheckId::from_static("device");
    /// Proxy, DNS answers, TLS chain (inspection) and captive portal on the way to the authority.
    pub const NETWORK_PATH: CheckId = CheckId::from_static("network_path");
    /// Microsoft's public status feed, for incidents that affect sign-in.
    pub const SERVICE_HEALTH: CheckId = CheckId::from_static("service_health");
}

/// What a check is, before it runs.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub id: CheckId,
    pub title: String,
    /// Checks whose results this one waits for, and only those.
    pub needs: Vec<CheckId>,
    /// The longest this check may take before it is reported as timed out.
    #[serde(rename = "bound_ms", serialize_with = "serialize_millis")]
    pub bound: Duration,
}

fn serialize_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}
