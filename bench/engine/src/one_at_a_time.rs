//! The same probes, run one after another: the yardstick for the runner's
//! concurrency. Each probe waits its turn on one lock, then runs with a
//! fresh deadline of its own bound, as it would if it were alone.

use doctor::checks::{Check, Outcome, Probe, ProbeContext};
use futures::future::BoxFuture;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// How long each probe ran once it had its turn, by check id.
pub type OwnTimes = Arc<Mutex<Vec<(String, Duration)>>>;

pub struct OneAtATime {
    inner: Arc<dyn Probe>,
    turn: Arc<tokio::sync::Mutex<()>>,
    own_times: OwnTimes,
}

/// Wraps every probe so that they share one turn lock. The runner polls
/// them in list order and tokio's lock is fair, so they run in display order.
pub fn one_at_a_time(probes: Vec<Arc<dyn Probe>>, own_times: &OwnTimes) -> Vec<Arc<dyn Probe>> {
    let turn = Arc::new(tokio::sync::Mutex::new(()));
    probes
        .into_iter()
        .map(|inner| {
            Arc::new(OneAtATime {
                inner,
                turn: turn.clone(),
                own_times: own_times.clone(),
            }) as Arc<dyn Probe>
        })
        .collect()
}

impl Probe for OneAtATime {
    fn check(&self) -> Check {
        self.inner.check()
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        Box::pin(async move {
            let _turn = self.turn.lock().await;
            let check = self.inner.check();
            let started = Instant::now();
            let own = ProbeContext {
                profile: ctx.profile.clone(),
                now: ctx.now.clone(),
                resolver: ctx.resolver.clone(),
                deadline: started + check.bound,
                needed: ctx.needed.clone(),
                session: ctx.session.clone(),
                found: ctx.found.clone(),
                proxies: ctx.proxies.clone(),
                http: ctx.http.clone(),
            };
            let outcome = self.inner.run(&own).await;
            if let Ok(mut times) = self.own_times.lock() {
                times.push((check.id.to_string(), started.elapsed()));
            }
            outcome
        })
    }
}
