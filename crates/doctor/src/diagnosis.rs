//! The checklist the app and the CLI run: which checks, with which inputs.

use crate::checks::RunInputs;
use crate::checks::{run_checks, Probe, ProgressSink, RunSummary};
use crate::clock::{system_now, Now};
use crate::device::DeviceProbe;
use crate::network::{NetworkPathProbe, ProxySettings, ReachabilityProbe, Resolver, SystemResolver};
use crate::profile::Profile;
use crate::remote_clock::ClockProbe;
use crate::service_health::ServiceHealthProbe;
use crate::signin::{RefreshProbe, Session, SignInProbe};
use crate::store::{Keychain, TokenStore};
use crate::token::TokenProbe;
use std::sync::Arc;

pub struct Diagnosis {
    profile: Arc<Profile>,
    now: Now,
    resolver: Arc<dyn Resolver>,
    /// Set by a test; otherwise found from the profile's setting at each run
    /// (the system's settings are read by running its tools, a bounded step).
    proxies: Option<Arc<ProxySettings>>,
    session: Arc<Session>,
    /// Where the saved session is read from and renewed into.
    token_store: Arc<dyn TokenStore>,
}

impl Diagnosis {
    /// The real thing: the system clock, resolver and proxy settings.
    pub fn new(profile: Profile) -> Self {
        Self {
            profile: Arc::new(profile),
            now: system_now(),
            resolver: Arc::new(SystemResolver),
            proxies: None,
            session: Arc::new(Session::default()),
            token_store: Arc::new(Keychain),
        }
    }

    /// Shares the app's sign-in session, so the checklist reports on it.
    pub fn with_session(mut self, session: Arc<Session>) -> Self {
        self.session = session;
        self
    }

    /// Swaps the keychain, to inject an unreachable or slow one in tests.
    pub fn with_token_store(mut self, token_store: Arc<dyn TokenStore>) -> Self {
        self.token_store = token_store;
        self
    }

    pub fn with_now(mut self, now: Now) -> Self {
        self.now = now;
        self
    }

    /// Swaps the resolver, to inject DNS faults in tests.
    pub fn with_resolver(mut self, resolver: Arc<dyn Resolver>) -> Self {
        self.resolver = resolver;
        self
    }

    /// Swaps the proxy settings (tests name their own proxy, or none).
    pub fn with_proxies(mut self, proxies: ProxySettings) -> Self {
        self.proxies = Some(Arc::new(proxies));
        self
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Every check in the checklist, in display order.
    pub fn probes(&self) -> Vec<Arc<dyn Probe>> {
        let bound = self.profile.check_timeout;
        vec![
            Arc::new(ReachabilityProbe { bound }),
            Arc::new(NetworkPathProbe { bound }),
            Arc::new(ClockProbe { bound }),
            Arc::new(ServiceHealthProbe { bound }),
            Arc::new(SignInProbe {
                // With nothing recorded, the row can only say whether sign-in
                // could work now, which depends on the service answering.
                waits_for_service: self.session.last_attempt().is_none(),
            }),
            Arc::new(TokenProbe { bound }),
            Arc::new(crate::token_call::TokenCallProbe { bound }),
            Arc::new(RefreshProbe {
                bound,
                token_store: self.token_store.clone(),
            }),
            Arc::new(DeviceProbe { bound }),
        ]
    }

    pub async fn run(&self, run_id: u64, sink: ProgressSink) -> RunSummary {
        let proxies = match &self.proxies {
            Some(proxies) => proxies.clone(),
            None => Arc::new(ProxySettings::for_choice(&self.profile.proxy).await),
        };
        let inputs = RunInputs {
            profile: self.profile.clone(),
            now: self.now.clone(),
            resolver: self.resolver.clone(),
            proxies,
            session: self.session.clone(),
        };
        run_checks(run_id, self.probes(), inputs, sink).await
    }
}
