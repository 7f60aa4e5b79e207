//! The code behind a check. Each probe describes itself as a [`Check`] and runs
//! against a [`ProbeContext`].

use super::{Check, CheckId, CheckResult, Outcome};
use crate::clock::Now;
use crate::network::Resolver;
use crate::profile::Profile;
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;
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
    /// Every network step must finish by this instant; probes report which
    /// step ran out of time rather than letting the runner cut them off.
    pub deadline: Instant,
    /// Results of the checks this one needs.
    pub needed: HashMap<CheckId, CheckResult>,
}
