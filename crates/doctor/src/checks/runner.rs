//! Runs checks concurrently, each under its own time bound, streaming progress.
//!
//! A check waits only for the checks it names in `needs`; a failing check
//! never blocks an unrelated one, so a whole run takes about one bound.

use super::{Check, CheckId, CheckResult, Outcome, Probe, ProbeContext, RunFindings, Status};
use crate::clock::Now;
use crate::network::{HttpClient, ProxySettings, Resolver};
use crate::profile::Profile;
use crate::signin::Session;
use crate::ActionKind;
use chrono::{DateTime, Utc};
use futures::future::{join_all, BoxFuture, FutureExt, Shared};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

/// Extra time the runner allows past a check's own bound before cutting it
/// off. Probes watch their deadline themselves and name the step that ran
/// out; this is only the backstop for one that does not.
const BACKSTOP_GRACE: Duration = Duration::from_millis(500);

/// One step of a run, streamed to the UI as it happens.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ProgressEvent {
    RunStarted {
        run_id: u64,
        started_at: DateTime<Utc>,
        checks: Vec<Check>,
        /// The status every listed check starts in (Pending), with its word.
        #[serde(flatten, with = "super::status_word::status")]
        status: Status,
    },
    CheckRunning {
        run_id: u64,
        id: CheckId,
        /// Running, with its word.
        #[serde(flatten, with = "super::status_word::status")]
        status: Status,
    },
    CheckFinished {
        run_id: u64,
        result: CheckResult,
    },
    RunFinished {
        run_id: u64,
        summary: RunSummary,
    },
}

pub type ProgressSink = Arc<dyn Fn(ProgressEvent) + Send + Sync>;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunSummary {
    pub run_id: u64,
    pub started_at: DateTime<Utc>,
    pub elapsed_ms: u64,
    /// The worst status of any check: Fail beats Warn beats Pass.
    pub overall: Status,
    pub results: Vec<CheckResult>,
    /// The headline diagnosis: the likely cause, its evidence and the next step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<crate::headline::Headline>,
}

impl RunSummary {
    pub fn any_failed(&self) -> bool {
        self.results.iter().any(|r| r.status == Status::Fail)
    }
}

/// What every probe in a run shares.
#[derive(Clone)]
pub struct RunInputs {
    pub profile: Arc<Profile>,
    pub now: Now,
    pub resolver: Arc<dyn Resolver>,
    pub proxies: Arc<ProxySettings>,
    pub session: Arc<Session>,
}

type SharedResult = Shared<BoxFuture<'static, CheckResult>>;

/// What the probes of one run share beyond their inputs.
#[derive(Clone)]
struct RunShared {
    found: Arc<RunFindings>,
    http: HttpClient,
}

/// Runs `probes` concurrently. A probe listed before another may be named in
/// that one's `needs`; anything else counts as missing and the check is skipped.
pub async fn run_checks(run_id: u64, probes: Vec<Arc<dyn Probe>>, inputs: RunInputs, sink: ProgressSink) -> RunSummary {
    let started_at = (inputs.now)();
    let clock_start = Instant::now();
    let checks: Vec<Check> = probes.iter().map(|p| p.check()).collect();
    sink(ProgressEvent::RunStarted {
        run_id,
        started_at,
        checks: checks.clone(),
        status: Status::Pending,
    });

    let shared = RunShared {
        found: Arc::new(RunFindings::default()),
        // One client for every plain request of the run, so connections are reused.
        http: HttpClient::new(
            inputs.proxies.clone(),
            inputs.resolver.clone(),
            inputs.profile.check_timeout,
        ),
    };
    let mut by_id: HashMap<CheckId, SharedResult> = HashMap::new();
    let mut all = Vec::with_capacity(probes.len());
    for (probe, check) in probes.into_iter().zip(checks) {
        let needs: Vec<(CheckId, Option<SharedResult>)> = check
            .needs
            .iter()
            .map(|id| (id.clone(), by_id.get(id).cloned()))
            .collect();
        let run = run_one(
            run_id,
            probe,
            check.clone(),
            needs,
            inputs.clone(),
            shared.clone(),
            sink.clone(),
        )
        .boxed()
        .shared();
        by_id.insert(check.id.clone(), run.clone());
        all.push(run);
    }
    let results = join_all(all).await;

    let overall = results.iter().map(|r| r.status).max().unwrap_or(Status::Skipped);
    let summary = RunSummary {
        run_id,
        started_at,
        elapsed_ms: millis(clock_start.elapsed()),
        overall,
        diagnosis: Some(crate::headline::diagnose(&results)),
        results,
    };
    sink(ProgressEvent::RunFinished {
        run_id,
        summary: summary.clone(),
    });
    summary
}

async fn run_one(
    run_id: u64,
    probe: Arc<dyn Probe>,
    check: Check,
    needs: Vec<(CheckId, Option<SharedResult>)>,
    inputs: RunInputs,
    shared: RunShared,
    sink: ProgressSink,
) -> CheckResult {
    let mut needed = HashMap::new();
    for (id, dependency) in needs {
        let blocked_by = match dependency {
            None => Some(Outcome::new(
                Status::Skipped,
                format!("Needs the \"{id}\" check, which is not part of this run."),
            )),
            Some(dependency) => {
                let result = dependency.await;
                let blocked = matches!(result.status, Status::Fail | Status::Skipped);
                let reason = blocked_outcome(&result);
                needed.insert(id, result);
                blocked.then_some(reason)
            }
        };
        if let Some(outcome) = blocked_by {
            let result = finish(&check, outcome, (inputs.now)(), Duration::ZERO);
            sink(ProgressEvent::CheckFinished {
                run_id,
                result: result.clone(),
            });
            return result;
        }
    }

    sink(ProgressEvent::CheckRunning {
        run_id,
        id: check.id.clone(),
        status: Status::Running,
    });
    let started_at = (inputs.now)();
    let start = Instant::now();
    let ctx = ProbeContext {
        profile: inputs.profile,
        now: inputs.now,
        resolver: inputs.resolver,
        proxies: inputs.proxies,
        http: shared.http,
        deadline: start + check.bound,
        needed,
        session: inputs.session,
        found: shared.found,
    };
    let outcome = match tokio::time::timeout(check.bound + BACKSTOP_GRACE, probe.run(&ctx)).await {
        Ok(outcome) => outcome,
        Err(_) => Outcome::new(
            Status::Fail,
            format!("Timed out: no answer within {:.1} s.", check.bound.as_secs_f64()),
        )
        .timed_out(true)
        .with_action(ActionKind::RunAgain),
    };
    let result = finish(&check, outcome, started_at, start.elapsed());
    sink(ProgressEvent::CheckFinished {
        run_id,
        result: result.clone(),
    });
    result
}

/// Why a check did not run because `dependency` did not pass. A dependency
/// that timed out makes this a warning (the answer is unknown because the
/// network did not answer in time, which the user should see); any other
/// failure is reported once, on its own row, and this one is skipped.
fn blocked_outcome(dependency: &CheckResult) -> Outcome {
    if dependency.timed_out {
        Outcome::new(
            Status::Warn,
            format!(
                "Not checked: it needs \"{}\", which timed out after {:.1} s.",
                dependency.title,
                Duration::from_millis(dependency.elapsed_ms).as_secs_f64()
            ),
        )
        .with_evidence("Waited for", format!("{} (timeout)", dependency.title))
        .timed_out(true)
        .with_action(ActionKind::RunAgain)
    } else {
        Outcome::new(
            Status::Skipped,
            format!("Skipped because \"{}\" did not pass.", dependency.title),
        )
    }
}

fn finish(check: &Check, outcome: Outcome, started_at: DateTime<Utc>, took: Duration) -> CheckResult {
    CheckResult {
        id: check.id.clone(),
        title: check.title.clone(),
        status: outcome.status,
        summary: outcome.summary.plain(),
        summary_segments: outcome.summary.into_marks(),
        evidence: outcome.evidence,
        fix_steps: outcome.fix_steps,
        actions: outcome.actions,
        started_at,
        elapsed_ms: millis(took),
        timed_out: outcome.timed_out,
        signals: outcome.signals,
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
#[path = "runner_tests.rs"]
mod tests;
