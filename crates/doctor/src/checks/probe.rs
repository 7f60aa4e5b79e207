//! The code behind a check. Each probe describes itself as a [`Check`] and runs
//! against a [`ProbeContext`].

use super::{Check, CheckId, CheckResult, Outcome};
use crate::clock::Now;
use crate::network::{DiscoveryDocument, HttpClient, ProxySettings, Resolver};
use crate::profile::Profile;
use crate::signin::Session;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tokio::time::Instant;

pub trait Probe: Send + Sync {
    fn check(&self) -> Check;
    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome>;
}

/// What a probe may use. Time and name resolution are injected so tests can
/// fix the clock or inject faults.
pub struct ProbeContext {
    pub profile: Arc<Profile>,
    pub now: Now,
    pub resolver: Arc<dyn Resolver>,
    /// The proxy settings the browser would use; every request follows them.
    pub proxies: Arc<ProxySettings>,
    /// The run's one client for plain requests, built with `proxies`.
    pub http: HttpClient,
    /// Every network step must finish by this instant; probes report which
    /// step ran out of time rather than letting the runner cut them off.
    pub deadline: Instant,
    /// Results of the checks this one needs.
    pub needed: HashMap<CheckId, CheckResult>,
    /// What the app knows about sign-in (last attempt, tokens in memory).
    pub session: Arc<Session>,
    /// Facts one check finds for others in the same run.
    pub found: Arc<RunFindings>,
}

/// Facts found during a run that later checks build on.
#[derive(Default)]
pub struct RunFindings {
    /// Set by the reachability check.
    pub discovery: OnceLock<DiscoveryDocument>,
}

impl ProbeContext {
    /// The run's HTTP client, its requests bounded by this check's deadline.
    pub fn http(&self) -> HttpClient {
        self.http.until(self.deadline)
    }
}
